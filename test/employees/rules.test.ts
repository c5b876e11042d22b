import { describe, expect, it } from 'vitest';
import {
  cyclesIn,
  gradeMatchesType,
  nameKey,
  nipProblem,
  PNS_GRADES,
  PPPK_GRADES,
  periodsOverlap,
  positionOn,
  reviewerCycle,
  statusesBetween,
  statusOn,
  withPosition,
} from '../../shared/employees/rules.js';

describe('NIP', () => {
  it.each([
    ['199001012015011001', 'PNS', undefined],
    ['199001012015012001', 'PNS', undefined],
    ['1990010120150110011', 'PNS', 'nip'],
    ['19900101201501100', 'PNS', 'nip'],
    ['19900101201501100a', 'PNS', 'nip'],
    ['199013012015011001', 'PNS', 'nip_date'], // month 13
    ['199002302015011001', 'PNS', 'nip_date'], // 30 February
    ['193001012015011001', 'PNS', 'nip_date'], // born before 1940
    ['199001012015001001', 'PNS', 'nip_date'], // TMT month 00
    ['199001011995011001', 'PNS', 'nip_date'], // TMT at age 5
    ['199001012015013001', 'PNS', 'nip'], // sex digit 3
    ['199013012015013001', 'PPPK', undefined], // PPPK: length and digits only
    ['199013012015013001', 'PPPK_PART_TIME', undefined],
    ['19901301201501300X', 'PPPK', 'nip'],
  ] as const)('%s as %s → %s', (nip, type, problem) => {
    expect(nipProblem(nip, type)).toBe(problem);
  });
});

describe('golongan', () => {
  it('PNS has I/a–IV/e (17 ruang), PPPK I–XVII', () => {
    expect(PNS_GRADES).toHaveLength(17);
    expect(PPPK_GRADES).toHaveLength(17);
    for (const g of PNS_GRADES) {
      expect(gradeMatchesType(g, 'PNS')).toBe(true);
      expect(gradeMatchesType(g, 'PPPK')).toBe(false);
    }
    for (const g of PPPK_GRADES) {
      expect(gradeMatchesType(g, 'PPPK')).toBe(true);
      expect(gradeMatchesType(g, 'PPPK_PART_TIME')).toBe(true);
      expect(gradeMatchesType(g, 'PNS')).toBe(false);
    }
    expect(gradeMatchesType('IV/e', 'PNS')).toBe(true);
    expect(gradeMatchesType('III/e', 'PNS')).toBe(false);
  });
});

describe('status in force', () => {
  const periods = [
    { status: 'CUTI_BESAR' as const, from: '2026-03-01', to: '2026-03-31' },
    { status: 'MASA_PERSIAPAN_PENSIUN' as const, from: '2026-10-01', to: '2026-12-31' },
    { status: 'PENSIUN' as const, from: '2027-01-01' },
  ];
  it.each([
    ['2026-02-28', 'ACTIVE'],
    ['2026-03-01', 'CUTI_BESAR'],
    ['2026-03-31', 'CUTI_BESAR'],
    ['2026-04-01', 'ACTIVE'],
    ['2026-12-31', 'MASA_PERSIAPAN_PENSIUN'],
    ['2027-01-01', 'PENSIUN'],
    ['2040-01-01', 'PENSIUN'],
  ])('on %s: %s', (date, status) => {
    expect(statusOn(periods, date)).toBe(status);
  });
  it('lists every status in force on some day of a month', () => {
    expect(statusesBetween(periods, '2026-03-01', '2026-03-31')).toEqual(['CUTI_BESAR']);
    expect(statusesBetween(periods, '2026-04-01', '2026-04-30')).toEqual([]);
    expect(statusesBetween(periods, '2026-12-01', '2027-01-31')).toEqual([
      'MASA_PERSIAPAN_PENSIUN',
      'PENSIUN',
    ]);
  });
  it('detects overlapping periods, open-ended ones included', () => {
    expect(
      periodsOverlap(periods[0] as never, { status: 'CLTN', from: '2026-03-31', to: '2026-04-05' }),
    ).toBe(true);
    expect(periodsOverlap(periods[0] as never, { status: 'CLTN', from: '2026-04-01' })).toBe(false);
    expect(
      periodsOverlap(periods[2] as never, { status: 'CLTN', from: '2030-01-01', to: '2030-01-02' }),
    ).toBe(true);
  });
});

describe('position in force', () => {
  const p = (effectiveFrom: string, jobClass: number) => ({
    effectiveFrom,
    agencyId: 'DPU',
    unitId: 'DPU-1',
    positionTitle: 't',
    positionType: 'PELAKSANA' as const,
    jobClass,
    grade: 'III/a',
  });
  const history = [p('2024-01-01', 6), p('2026-07-01', 8)];
  it('takes the latest change on or before the date', () => {
    expect(positionOn(history, '2023-12-31')).toBeUndefined();
    expect(positionOn(history, '2026-06-30')?.jobClass).toBe(6);
    expect(positionOn(history, '2026-07-01')?.jobClass).toBe(8);
    expect(positionOn(history, '2026-07-31')?.jobClass).toBe(8);
  });
  it('records a change in date order and replaces one of the same date', () => {
    const next = withPosition(history, p('2025-01-01', 7));
    expect(next.map((x) => x.jobClass)).toEqual([6, 7, 8]);
    expect(withPosition(next, p('2025-01-01', 9)).map((x) => x.jobClass)).toEqual([6, 9, 8]);
    expect(history).toHaveLength(2);
  });
});

describe('the pejabat penilai chain', () => {
  const up: Record<string, string | undefined> = {
    staff: 'section',
    section: 'division',
    division: 'head',
    head: undefined,
  };
  const reviewerOf = (n: string) => up[n];
  it('finds a direct and an indirect cycle, with the chain', () => {
    expect(reviewerCycle('head', 'staff', reviewerOf)).toEqual([
      'head',
      'staff',
      'section',
      'division',
      'head',
    ]);
    expect(reviewerCycle('section', 'staff', reviewerOf)).toEqual(['section', 'staff', 'section']);
    expect(reviewerCycle('staff', 'staff', reviewerOf)).toEqual(['staff', 'staff']);
  });
  it('accepts a chain that reaches the top, and no reviewer at all', () => {
    expect(reviewerCycle('newcomer', 'section', reviewerOf)).toBeUndefined();
    expect(reviewerCycle('head', undefined, reviewerOf)).toBeUndefined();
  });
  it('stops on an old cycle above that does not include the employee', () => {
    const loop: Record<string, string> = { a: 'b', b: 'a' };
    expect(reviewerCycle('x', 'a', (n) => loop[n])).toBeUndefined();
  });
  it('marks every member of every cycle in a graph, and nobody else', () => {
    const graph = new Map<string, string | undefined>([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
      ['d', 'a'],
      ['e', 'e'],
      ['f', undefined],
      ['g', 'f'],
    ]);
    expect([...cyclesIn(graph)].sort()).toEqual(['a', 'b', 'c', 'e']);
  });
});

describe('name keys', () => {
  it('sorts and searches without case, accents or punctuation', () => {
    expect(nameKey('Dr. Ir. Siti Nur’aini, M.Kom.')).toBe('dr ir siti nur aini m kom');
    expect(nameKey('  ÉKO   Prasetyo ')).toBe('eko prasetyo');
  });
});
