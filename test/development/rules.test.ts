import { describe, expect, it } from 'vitest';
import {
  behindPace,
  dayOfYear,
  defaultTargetDate,
  expectedByDate,
  jpRuleFor,
  jpStanding,
  jpYear,
  methodFitsKind,
  PREDIKATS,
  periodEnd,
  planEffect,
  summariseFeedback,
  tagsForGap,
  UNDERPERFORMING,
} from '../../shared/development/rules.js';

describe('the yearly JP rule (PP 17/2020 Pasal 203)', () => {
  it('PNS: at least 20; PPPK and part-time PPPK: at most 24', () => {
    expect(jpRuleFor('PNS')).toEqual({ kind: 'MINIMUM', jp: 20 });
    expect(jpRuleFor('PPPK')).toEqual({ kind: 'CEILING', jp: 24 });
    expect(jpRuleFor('PPPK_PART_TIME')).toEqual({ kind: 'CEILING', jp: 24 });
  });

  it.each([
    ['PNS', 0, { counted: 0, remaining: 20, reached: false, overCeiling: false }],
    ['PNS', 19, { counted: 19, remaining: 1, reached: false, overCeiling: false }],
    ['PNS', 20, { counted: 20, remaining: 0, reached: true, overCeiling: false }],
    ['PNS', 32, { counted: 32, remaining: 0, reached: true, overCeiling: false }],
    ['PPPK', 24, { counted: 24, remaining: 0, reached: true, overCeiling: false }],
    ['PPPK', 30, { counted: 24, remaining: 0, reached: true, overCeiling: true }],
    ['PPPK_PART_TIME', 25, { counted: 24, remaining: 0, reached: true, overCeiling: true }],
  ] as const)('%s with %i JP', (type, earned, expected) => {
    expect(jpStanding(type, earned)).toMatchObject({ earned, ...expected });
  });

  it('the pace: 20 JP spread over the days of the year, a PPPK has none', () => {
    expect(dayOfYear('2026-01-01')).toBe(1);
    expect(dayOfYear('2026-12-31')).toBe(365);
    expect(dayOfYear('2028-12-31')).toBe(366);
    expect(expectedByDate(jpRuleFor('PNS'), '2026-12-31')).toBe(20);
    expect(expectedByDate(jpRuleFor('PNS'), '2026-06-30')).toBe(9.9); // 181/365 × 20 = 9.917
    expect(expectedByDate(jpRuleFor('PNS'), '2026-01-31')).toBe(1.6);
    expect(expectedByDate(jpRuleFor('PPPK'), '2026-12-31')).toBe(0);
    expect(behindPace('PNS', 9, '2026-06-30')).toBe(true);
    expect(behindPace('PNS', 10, '2026-06-30')).toBe(false);
    expect(behindPace('PNS', 19, '2026-12-31')).toBe(true);
    expect(behindPace('PPPK', 0, '2026-12-31')).toBe(false);
  });

  it('JP count in the year of completion', () => {
    expect(jpYear('2026-12-31')).toBe(2026);
    expect(jpYear('2027-01-01')).toBe(2027);
  });
});

describe('training kinds and methods', () => {
  it.each([
    ['BIMTEK', 'KLASIKAL', true],
    ['SEMINAR', 'NONKLASIKAL', false],
    ['COACHING', 'NONKLASIKAL', true],
    ['E_LEARNING', 'KLASIKAL', false],
    ['OTHER', 'KLASIKAL', true],
    ['OTHER', 'NONKLASIKAL', true],
  ] as const)('%s is %s: %s', (method, kind, fits) => {
    expect(methodFitsKind(method, kind)).toBe(fits);
  });
});

describe('feedback summary', () => {
  it('counts, averages to two decimals, distributes', () => {
    expect(summariseFeedback([])).toEqual({ count: 0, average: null, distribution: [0, 0, 0, 0, 0] });
    expect(summariseFeedback([5, 4, 4, 1])).toEqual({
      count: 4,
      average: 3.5,
      distribution: [1, 0, 0, 2, 1],
    });
    expect(summariseFeedback([5, 4, 4]).average).toBe(4.33);
  });
});

describe('development plans and the predikat', () => {
  it('period ends', () => {
    expect(periodEnd('2026-11')).toBe('2026-11-30');
    expect(periodEnd('2028-02')).toBe('2028-02-29');
    expect(periodEnd('2026-Q1')).toBe('2026-03-31');
    expect(periodEnd('2026-Q4')).toBe('2026-12-31');
    expect(periodEnd('2026')).toBe('2026-12-31');
  });

  const underperforming = new Set<string>(UNDERPERFORMING);
  const cases = PREDIKATS.flatMap((predikat) =>
    (['PERIODIC', 'ANNUAL'] as const).flatMap((kind) => [
      [predikat, kind, 'none open', underperforming.has(predikat) ? 'OPEN' : 'NONE'] as const,
      [
        predikat,
        kind,
        'one open since 2026-10-31',
        underperforming.has(predikat) ? 'LOG' : kind === 'PERIODIC' ? 'CLOSE' : 'NONE',
      ] as const,
    ]),
  );
  it.each(cases)('%s (%s), %s → %s', (predikat, kind, open, effect) => {
    const since = open === 'none open' ? undefined : { since: '2026-10-31' };
    expect(planEffect({ predikat, kind, period: '2026-11' }, since)).toBe(effect);
  });

  it('a BAIK for a period not after the one that opened the plan does not close it', () => {
    expect(
      planEffect({ predikat: 'BAIK', kind: 'PERIODIC', period: '2026-10' }, { since: '2026-10-31' }),
    ).toBe('NONE');
    expect(
      planEffect({ predikat: 'BAIK', kind: 'PERIODIC', period: '2026-09' }, { since: '2026-10-31' }),
    ).toBe('NONE');
    expect(
      planEffect({ predikat: 'SANGAT_BAIK', kind: 'PERIODIC', period: '2027-01' }, { since: '2026-12-31' }),
    ).toBe('CLOSE');
    expect(
      planEffect({ predikat: 'BAIK', kind: 'PERIODIC', period: '2026-Q4' }, { since: '2026-11-30' }),
    ).toBe('CLOSE');
  });

  it('default target date: three months on, clamped to the month end', () => {
    expect(defaultTargetDate('2026-11-15')).toBe('2027-02-15');
    expect(defaultTargetDate('2026-11-30')).toBe('2027-02-28');
    expect(defaultTargetDate('2026-01-31')).toBe('2026-04-30');
  });
});

describe('competency tags from a gap', () => {
  it('maps BerAKHLAK values (any spelling) and indicator keywords, values first, without repeats', () => {
    expect(
      tagsForGap({
        coreValues: ['Berorientasi Pelayanan', 'KOLABORATIF', 'harmonis'],
        indicators: [
          { text: 'Laporan realisasi anggaran tepat waktu' },
          { text: 'Jumlah pengaduan yang ditindaklanjuti' },
          { text: 'Sesuatu yang tidak dikenal' },
        ],
      }),
    ).toEqual([
      'pelayanan-publik',
      'komunikasi',
      'kolaborasi',
      'kerja-sama-tim',
      'penulisan-laporan',
      'pengelolaan-keuangan',
    ]);
    expect(tagsForGap({ coreValues: [], indicators: [] })).toEqual([]);
    expect(
      tagsForGap({ coreValues: ['TIDAK_ADA'], indicators: [{ text: 'Panjang jalan yang dipelihara' }] }),
    ).toEqual(['teknik-infrastruktur']);
  });
});
