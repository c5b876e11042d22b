/** The TPP formula of DOMAIN §3 on hand-computed cases, and its properties over generated inputs. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATUSES, type StatusPeriod } from '../../shared/employees/rules.js';
import {
  type AttendanceCounts,
  computeLine,
  DEDUCTION_CODES,
  DEFAULT_STOPPING_STATUSES,
  defaultRuleSet,
  employeeInMonth,
  explain,
  type LineInput,
  mulDivRound,
  noAttendance,
  PREDIKATS,
  previousPeriod,
  type RuleSet,
  sanctionEnd,
  sanctionPeriods,
  TAX_GROUPS,
  taxGroupOf,
  validateRuleSet,
} from '../../shared/incentives/rules.js';

const rules = defaultRuleSet();

/** Kelas 6 (pagu Rp4.200.000), PNS II/a (no tax), BAIK, no deductions, no sanction, active. */
const input = (over: Partial<LineInput> = {}): LineInput => ({
  period: '2026-11',
  employmentType: 'PNS',
  jobClass: 6,
  grade: 'II/a',
  predikat: 'BAIK',
  predikatSource: 'ASSESSMENT',
  attendance: noAttendance(),
  attendanceImported: true,
  sanctions: [],
  statusPeriods: [],
  ...over,
});
const counts = (c: Partial<AttendanceCounts>): AttendanceCounts => ({ ...noAttendance(), ...c });

describe('rounding', () => {
  it('rounds half up once, exactly, beyond 2^53', () => {
    expect(mulDivRound([15], 10)).toBe(2);
    expect(mulDivRound([14], 10)).toBe(1);
    expect(mulDivRound([25], 10)).toBe(3);
    expect(mulDivRound([1_000_000_000, 10_000, 10_000], 100_000_000)).toBe(1_000_000_000);
    expect(mulDivRound([999_999_999, 3333, 7777], 100_000_000)).toBe(259_207_410);
  });
});

describe('the default rule set of 2026', () => {
  it('is valid and says what DOMAIN §3 says', () => {
    expect(validateRuleSet(rules)).toEqual([]);
    expect(rules.weightKinerjaBp + rules.weightDisiplinBp).toBe(10_000);
    expect(rules.paguByJobClass['1']).toBe(2_600_000);
    expect(rules.paguByJobClass['17']).toBe(36_000_000);
    expect(rules.pctKinerjaBp.NOT_SUBMITTED).toBe(0);
    expect(rules.deductionBp.TL3).toBe(125);
    expect(rules.stoppingStatuses).toHaveLength(9);
    // every stopping status is one of the employee statuses, never ACTIVE or an ended one
    for (const s of rules.stoppingStatuses) expect(STATUSES).toContain(s);
    expect(rules.stoppingStatuses).not.toContain('ACTIVE');
  });
});

describe('one line: the performance component by predikat (kelas 6, pagu Rp4.200.000)', () => {
  it.each([
    ['SANGAT_BAIK', 10_000, 2_520_000],
    ['BAIK', 10_000, 2_520_000],
    ['BUTUH_PERBAIKAN', 7000, 1_764_000],
    ['KURANG', 5500, 1_386_000],
    ['SANGAT_KURANG', 2500, 630_000],
    ['NOT_SUBMITTED', 0, 0],
  ] as const)('%s → %i bp → K = %i', (predikat, pct, k) => {
    const b = computeLine(rules, input({ predikat }));
    expect(b.pctKinerjaBp).toBe(pct);
    expect(b.kinerja).toBe(k);
    expect(b.disiplin).toBe(1_680_000);
    expect(b.gross).toBe(k + 1_680_000);
    expect(b.net).toBe(b.gross);
  });

  it('rounds each amount half up where it is defined (pagu Rp2.600.010, SANGAT_KURANG: 390.001,5 → 390.002)', () => {
    const odd: RuleSet = { ...rules, paguByJobClass: { ...rules.paguByJobClass, '1': 2_600_010 } };
    expect(validateRuleSet(odd)).toEqual([]);
    const b = computeLine(odd, input({ jobClass: 1, predikat: 'SANGAT_KURANG', grade: 'III/a' }));
    expect(b.kinerja).toBe(390_002);
    expect(b.disiplin).toBe(1_040_004);
    expect(b.gross).toBe(1_430_006);
    // tax 5% of 1.430.006 = 71.500,3 → 71.500
    expect(b.tax).toBe(71_500);
    expect(b.net).toBe(1_358_506);
  });
});

describe('one line: each discipline deduction (D = Rp1.680.000 × (100% − d))', () => {
  it.each([
    ['TL1', 2, 100, 1_663_200],
    ['TL2', 3, 300, 1_629_600],
    ['TL3', 2, 250, 1_638_000],
    ['TL4', 1, 150, 1_654_800],
    ['PSW1', 1, 50, 1_671_600],
    ['PSW2', 1, 100, 1_663_200],
    ['PSW3', 4, 500, 1_596_000],
    ['PSW4', 2, 300, 1_629_600],
    ['TK', 3, 1500, 1_428_000],
    ['APEL', 5, 1000, 1_512_000],
  ] as const)('%s × %i = %i bp → D = %i', (code, n, bp, d) => {
    const b = computeLine(rules, input({ attendance: counts({ [code]: n }) }));
    expect(b.deductions).toEqual([{ code, count: n, rateBp: rules.deductionBp[code], totalBp: bp }]);
    expect(b.deductionAppliedBp).toBe(bp);
    expect(b.disiplin).toBe(d);
    expect(b.kinerja).toBe(2_520_000);
  });

  it('adds several codes of one month', () => {
    const b = computeLine(rules, input({ attendance: counts({ TL1: 3, PSW2: 1, TK: 1 }) }));
    expect(b.deductionTotalBp).toBe(750);
    expect(b.disiplin).toBe(1_554_000);
  });

  it('caps the deductions at 100%: the discipline component goes to 0, never below', () => {
    const b = computeLine(rules, input({ attendance: counts({ TK: 25, APEL: 4 }) }));
    expect(b.deductionTotalBp).toBe(13_300);
    expect(b.deductionAppliedBp).toBe(10_000);
    expect(b.deductionCapped).toBe(true);
    expect(b.disiplin).toBe(0);
    expect(b.gross).toBe(2_520_000);
  });

  it('says it in plain words', () => {
    const b = computeLine(rules, input({ attendance: counts({ TL2: 3, TL4: 1 }) }));
    const id = explain(b, 'id');
    expect(id).toContain('TL2 (terlambat 31–60 menit) × 3 = 3% dari komponen disiplin (1% per kejadian).');
    expect(id).toContain(
      'TL4 (terlambat > 90 menit atau tanpa catatan hadir) × 1 = 1,5% dari komponen disiplin (1,5% per kejadian).',
    );
    expect(id.join('\n')).toContain('Komponen disiplin: (100% − 4,5%) × 40% × Rp4.200.000 = Rp1.604.400.');
    const en = explain(b, 'en');
    expect(en).toContain('TL2 (late 31–60 min) × 3 = 3% of the discipline component (1% each).');
    expect(en.at(-1)).toBe('Net TPP paid: Rp4,124,400.');
  });
});

describe('one line: a sanction', () => {
  const sanction = {
    sanctionId: 'S1',
    level: 'SEDANG' as const,
    rateBp: 2500,
    startDate: '2026-10-15',
    endDate: sanctionEnd('2026-10-15', 3),
  };

  it('is in force from its start for its months', () => {
    expect(sanction.endDate).toBe('2027-01-14');
    expect(sanctionPeriods(sanction.startDate, sanction.endDate)).toEqual([
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
    ]);
    expect(sanctionEnd('2026-01-31', 1)).toBe('2026-02-27');
    expect(sanctionEnd('2026-03-01', 12)).toBe('2027-02-28');
  });

  it('takes 25% of K + D while in force (PNS III: tax 5% of what is left)', () => {
    const b = computeLine(rules, input({ grade: 'III/c', sanctions: [sanction] }));
    expect(b.sanction).toEqual({ sanctionId: 'S1', level: 'SEDANG', rateBp: 2500 });
    expect(b.sanctionAmount).toBe(1_050_000);
    expect(b.gross).toBe(3_150_000);
    expect(b.tax).toBe(157_500);
    expect(b.net).toBe(2_992_500);
    expect(explain(b, 'id').join('\n')).toContain(
      'Hukuman disiplin sedang berlaku: potongan 25% × Rp4.200.000',
    );
  });

  it('does nothing the month before it starts or after it ends; the highest of two applies', () => {
    expect(computeLine(rules, input({ period: '2026-09', sanctions: [sanction] })).sanctionAmount).toBe(0);
    expect(computeLine(rules, input({ period: '2027-02', sanctions: [sanction] })).sanctionAmount).toBe(0);
    const light = {
      ...sanction,
      sanctionId: 'S0',
      level: 'RINGAN' as const,
      rateBp: 1000,
      explicitRate: true,
    };
    expect(computeLine(rules, input({ sanctions: [light, sanction] })).sanctionAmount).toBe(1_050_000);
  });

  it.each([
    // the stored rate (2500, the old single default) does not count: the level's rate of the rule set does
    ['RINGAN', 0],
    ['SEDANG', 1_050_000],
    ['BERAT', 1_050_000],
  ] as const)('the cut follows the level in the rule set: %s → %i', (level, cut) => {
    expect(rules.sanctionBpByLevel).toEqual({ RINGAN: 0, SEDANG: 2500, BERAT: 2500 });
    const b = computeLine(rules, input({ sanctions: [{ ...sanction, level, rateBp: 2500 }] }));
    expect(b.sanctionAmount).toBe(cut);
    if (cut === 0) expect(b.sanction).toBeUndefined();
    const v2 = { ...rules, version: 2, sanctionBpByLevel: { RINGAN: 0, SEDANG: 1000, BERAT: 5000 } };
    expect(computeLine(v2, input({ sanctions: [{ ...sanction, level }] })).sanctionAmount).toBe(
      { RINGAN: 0, SEDANG: 420_000, BERAT: 2_100_000 }[level],
    );
  });

  it('a rate named on the sanction itself is kept', () => {
    const named = { ...sanction, level: 'RINGAN' as const, rateBp: 1000, explicitRate: true };
    expect(computeLine(rules, input({ sanctions: [named] })).sanctionAmount).toBe(420_000);
  });
});

describe('one line: tax by golongan group (gross Rp4.200.000)', () => {
  it.each([
    ['PNS', 'I/c', 'PNS_I', 0],
    ['PNS', 'II/d', 'PNS_II', 0],
    ['PNS', 'III/b', 'PNS_III', 210_000],
    ['PNS', 'IV/a', 'PNS_IV', 630_000],
    ['PPPK', 'III', 'PPPK_I_IV', 0],
    ['PPPK', 'VII', 'PPPK_V_VIII', 0],
    ['PPPK', 'IX', 'PPPK_IX_XII', 210_000],
    ['PPPK', 'XIII', 'PPPK_XIII_XVII', 630_000],
    ['PPPK_PART_TIME', 'XVII', 'PPPK_XIII_XVII', 630_000],
    ['PPPK_PART_TIME', 'XII', 'PPPK_IX_XII', 210_000],
  ] as const)('%s %s → %s: tax %i', (employmentType, grade, group, tax) => {
    expect(taxGroupOf(employmentType, grade)).toBe(group);
    const b = computeLine(rules, input({ employmentType, grade }));
    expect(b.taxGroup).toBe(group);
    expect(b.tax).toBe(tax);
    expect(b.net).toBe(4_200_000 - tax);
  });

  it('every tax group has a default rate', () => {
    for (const g of TAX_GROUPS) expect(rules.taxBp[g]).toBeGreaterThanOrEqual(0);
  });
});

describe('one line: the statuses that stop TPP (DOMAIN §3.5, their lengths §3.7)', () => {
  const ANY_DAY = DEFAULT_STOPPING_STATUSES.filter((s) => s !== 'CUTI_BESAR' && s !== 'CUTI_SAKIT_PANJANG');

  it('the rule set holds the lengths: cuti besar > 15 days, long sick leave > 1.5 months (45 days) in a row', () => {
    expect(rules.statusLengths).toEqual({
      CUTI_BESAR: { moreThanDays: 15, counts: 'LEAVE' },
      CUTI_SAKIT_PANJANG: { moreThanDays: 45, counts: 'BEYOND' },
    });
  });

  it.each(ANY_DAY)(
    '%s on one day of the month (its last) → 0, the reason names it and its days',
    (status) => {
      const periods: StatusPeriod[] = [{ status, from: '2026-11-30', to: '2026-12-20' }];
      const b = computeLine(rules, input({ statusPeriods: periods }));
      expect(b.stoppedBy).toEqual({ status, from: '2026-11-30', to: '2026-12-20', days: 21 });
      expect([b.kinerja, b.disiplin, b.sanctionAmount, b.gross, b.tax, b.net]).toEqual([0, 0, 0, 0, 0, 0]);
      expect(explain(b, 'id').join(' ')).toContain('TPP tidak dibayarkan bulan ini');
      expect(explain(b, 'en').join(' ')).toContain(
        '2026-11-30 to 2026-12-20, 21 days (in force on a day of this month',
      );
      // the month after it ended pays in full
      expect(computeLine(rules, input({ period: '2027-01', statusPeriods: periods })).gross).toBe(4_200_000);
    },
  );

  it.each([
    ['10 days', '2026-11-05', '2026-11-14', false],
    ['exactly 15 days', '2026-11-05', '2026-11-19', false],
    ['16 days', '2026-11-05', '2026-11-20', true],
    ['20 days ending on the 2nd (the month it ends is stopped too)', '2026-10-14', '2026-11-02', true],
    ['20 days starting on the 30th', '2026-11-30', '2026-12-19', true],
    ['open-ended', '2026-11-20', undefined, true],
  ] as const)('CUTI_BESAR %s (from %s to %s) → stopped=%s', (_label, from, to, stopped) => {
    const b = computeLine(
      rules,
      input({ statusPeriods: [{ status: 'CUTI_BESAR', from, ...(to ? { to } : {}) }] }),
    );
    expect(b.gross).toBe(stopped ? 0 : 4_200_000);
    if (stopped) {
      expect(b.stoppedBy).toMatchObject({ status: 'CUTI_BESAR', from, moreThanDays: 15 });
      expect(explain(b, 'en').join(' ')).toContain('long leave (cuti besar)');
      expect(explain(b, 'en').join(' ')).toContain('more than 15 days');
    } else expect(b.stoppedBy).toBeUndefined();
  });

  it('a cuti besar extended by a second period counts as one leave', () => {
    const b = computeLine(
      rules,
      input({
        statusPeriods: [
          { status: 'CUTI_BESAR', from: '2026-11-02', to: '2026-11-11' },
          { status: 'CUTI_BESAR', from: '2026-11-12', to: '2026-11-21' },
        ],
      }),
    );
    expect(b.stoppedBy).toMatchObject({ from: '2026-11-02', to: '2026-11-21', days: 20 });
  });

  it.each([
    // the first 45 days in a row are paid; the month holding day 46 onwards is stopped
    ['20 days in the month', '2026-11-05', '2026-11-24', '2026-11', false, undefined],
    ['from 1 Oct: day 46 is 15 Nov', '2026-10-01', '2026-12-31', '2026-11', true, '2026-11-15'],
    ['from 1 Oct: October itself is paid', '2026-10-01', '2026-12-31', '2026-10', false, undefined],
    ['from 20 Oct: day 46 is 4 Dec, November paid', '2026-10-20', '2026-12-31', '2026-11', false, undefined],
    ['from 20 Oct: December stopped', '2026-10-20', '2026-12-31', '2026-12', true, '2026-12-04'],
    ['exactly 45 days (1 Oct – 14 Nov)', '2026-10-01', '2026-11-14', '2026-11', false, undefined],
  ] as const)(
    'CUTI_SAKIT_PANJANG %s (%s to %s), month %s → stopped=%s',
    (_label, from, to, period, stopped, stopsFrom) => {
      const b = computeLine(
        rules,
        input({ period, statusPeriods: [{ status: 'CUTI_SAKIT_PANJANG', from, to }] }),
      );
      expect(b.gross).toBe(stopped ? 0 : 4_200_000);
      if (stopped) {
        expect(b.stoppedBy).toMatchObject({ status: 'CUTI_SAKIT_PANJANG', moreThanDays: 45, stopsFrom });
        expect(explain(b, 'id').join(' ')).toContain(`cuti sakit panjang ${from} s.d. ${to}`);
        expect(explain(b, 'id').join(' ')).toContain(
          `lebih dari 45 hari berturut-turut; TPP berhenti mulai ${stopsFrom}`,
        );
      }
    },
  );

  it('the lengths are configuration: a rule set may stop cuti besar from its first day', () => {
    const strict = { ...rules, statusLengths: {}, version: 2 };
    const b = computeLine(
      strict,
      input({ statusPeriods: [{ status: 'CUTI_BESAR', from: '2026-11-05', to: '2026-11-14' }] }),
    );
    expect(b.gross).toBe(0);
    expect(
      validateRuleSet({ ...rules, statusLengths: { CUTI_BESAR: { moreThanDays: -1, counts: 'LEAVE' } } }),
    ).toEqual([{ path: 'statusLengths.CUTI_BESAR.moreThanDays', code: 'days_range' }]);
  });

  it('a stopping status that ended before the month, or starts after it, does not stop it', () => {
    const before = computeLine(
      rules,
      input({ statusPeriods: [{ status: 'CLTN', from: '2026-01-01', to: '2026-10-31' }] }),
    );
    const after = computeLine(
      rules,
      input({ statusPeriods: [{ status: 'CUTI_BESAR', from: '2026-12-01' }] }),
    );
    expect(before.gross).toBe(4_200_000);
    expect(after.gross).toBe(4_200_000);
  });

  it('the rule set decides which statuses stop TPP', () => {
    const lenient = { ...rules, stoppingStatuses: rules.stoppingStatuses.filter((s) => s !== 'CUTI_BESAR') };
    const b = computeLine(
      lenient,
      input({ statusPeriods: [{ status: 'CUTI_BESAR', from: '2026-11-03', to: '2026-11-28' }] }),
    );
    expect(b.stoppedBy).toBeUndefined();
    expect(b.gross).toBe(4_200_000);
  });
});

describe('the month of an employee: kelas jabatan and golongan in force on its last day', () => {
  const e = {
    employmentType: 'PNS' as const,
    agencyId: 'DPU',
    unitId: 'DPU-B1',
    jobClass: 9,
    grade: 'III/d',
    statusPeriods: [] as StatusPeriod[],
    positionHistory: [
      {
        effectiveFrom: '2026-01-01',
        agencyId: 'DKK',
        unitId: 'DKK-1',
        positionTitle: 'Staf',
        positionType: 'PELAKSANA' as const,
        jobClass: 6,
        grade: 'III/a',
      },
      {
        effectiveFrom: '2026-07-01',
        agencyId: 'DPU',
        unitId: 'DPU-B1',
        positionTitle: 'Analis',
        positionType: 'FUNGSIONAL' as const,
        jobClass: 8,
        grade: 'III/b',
      },
      {
        effectiveFrom: '2026-11-30',
        agencyId: 'DPU',
        unitId: 'DPU-B1',
        positionTitle: 'Kasubbid',
        positionType: 'PENGAWAS' as const,
        jobClass: 9,
        grade: 'III/d',
      },
    ],
  };

  it('a kelas change mid-year changes the pagu from the month it is in force at month end', () => {
    expect(employeeInMonth(e, '2026-06')).toMatchObject({
      agencyId: 'DKK',
      jobClass: 6,
      grade: 'III/a',
      employed: true,
    });
    expect(employeeInMonth(e, '2026-07')).toMatchObject({ agencyId: 'DPU', jobClass: 8, grade: 'III/b' });
    expect(employeeInMonth(e, '2026-10')).toMatchObject({ jobClass: 8 });
    expect(employeeInMonth(e, '2026-11')).toMatchObject({ jobClass: 9, grade: 'III/d' });
    const june = computeLine(rules, input({ period: '2026-06', ...employeeInMonth(e, '2026-06') }));
    const july = computeLine(rules, input({ period: '2026-07', ...employeeInMonth(e, '2026-07') }));
    expect(june.pagu).toBe(4_200_000);
    expect(july.pagu).toBe(5_600_000);
    expect(july.gross).toBe(5_600_000);
    expect(july.tax).toBe(280_000);
  });

  it('not employed in a month they had not yet joined, or after retiring', () => {
    expect(employeeInMonth(e, '2025-12').employed).toBe(false);
    const retired = { ...e, statusPeriods: [{ status: 'PENSIUN' as const, from: '2026-09-01' }] };
    expect(employeeInMonth(retired, '2026-08').employed).toBe(true);
    expect(employeeInMonth(retired, '2026-09').employed).toBe(false);
  });

  it('the previous period', () => {
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(previousPeriod('2026-11')).toBe('2026-10');
  });
});

describe('validating a rule set as a whole', () => {
  const paths = (r: RuleSet) => validateRuleSet(r).map((p) => `${p.path}:${p.code}`);

  it('weights must add up to 100%', () => {
    expect(paths({ ...rules, weightDisiplinBp: 3000 })).toEqual(['weightDisiplinBp:weights_sum']);
  });
  it('every kelas 1–17 has a positive pagu', () => {
    const { '17': _, ...rest } = rules.paguByJobClass;
    expect(paths({ ...rules, paguByJobClass: { ...rest, '3': 0 } })).toEqual([
      'paguByJobClass.3:pagu_range',
      'paguByJobClass.17:required',
    ]);
    expect(paths({ ...rules, paguByJobClass: { ...rules.paguByJobClass, '18': 1 } })).toEqual([
      'paguByJobClass.18:pagu_range',
    ]);
  });
  it('rates are within 0–100%', () => {
    expect(
      paths({
        ...rules,
        pctKinerjaBp: { ...rules.pctKinerjaBp, KURANG: 10_001 },
        deductionBp: { ...rules.deductionBp, TK: -1 },
        taxBp: { ...rules.taxBp, PNS_IV: 1.5 },
        sanctionBp: 20_000,
      }),
    ).toEqual([
      'pctKinerjaBp.KURANG:rate_range',
      'deductionBp.TK:rate_range',
      'taxBp.PNS_IV:rate_range',
      'sanctionBp:rate_range',
    ]);
  });
  it('the rounded components of a pagu may not exceed it', () => {
    const r = {
      ...rules,
      weightKinerjaBp: 5050,
      weightDisiplinBp: 4950,
      paguByJobClass: { ...rules.paguByJobClass, '1': 100 },
    };
    expect(paths(r)).toEqual(['paguByJobClass.1:pagu_split']);
  });
  it('only known stopping statuses, once each', () => {
    expect(paths({ ...rules, stoppingStatuses: ['CLTN', 'CLTN', 'ACTIVE'] })).toEqual([
      'stoppingStatuses.1:duplicate',
      'stoppingStatuses.2:unknown_status',
    ]);
  });
});

// ── properties ────────────────────────────────────────────────────────────────

const rate = fc.integer({ min: 0, max: 10_000 });
const arbRuleSet: fc.Arbitrary<RuleSet> = fc
  .record({
    wk: rate,
    pct: fc.tuple(...PREDIKATS.map(() => rate)),
    pagu: fc.array(fc.integer({ min: 1, max: 60_000_000 }), { minLength: 17, maxLength: 17 }),
    ded: fc.tuple(...DEDUCTION_CODES.map(() => fc.integer({ min: 0, max: 2000 }))),
    tax: fc.tuple(...TAX_GROUPS.map(() => rate)),
    cap: rate,
    sanction: rate,
  })
  .map((g) => ({
    ...rules,
    weightKinerjaBp: g.wk,
    weightDisiplinBp: 10_000 - g.wk,
    pctKinerjaBp: Object.fromEntries(PREDIKATS.map((p, i) => [p, g.pct[i]])) as RuleSet['pctKinerjaBp'],
    paguByJobClass: Object.fromEntries(g.pagu.map((p, i) => [String(i + 1), p])),
    deductionBp: Object.fromEntries(DEDUCTION_CODES.map((c, i) => [c, g.ded[i]])) as RuleSet['deductionBp'],
    taxBp: Object.fromEntries(TAX_GROUPS.map((t, i) => [t, g.tax[i]])) as RuleSet['taxBp'],
    deductionCapBp: g.cap,
    sanctionBp: g.sanction,
  }))
  .filter((r) => validateRuleSet(r).length === 0);

const arbInput: fc.Arbitrary<LineInput> = fc.record({
  period: fc.constantFrom('2026-01', '2026-02', '2026-11', '2027-06'),
  employmentType: fc.constantFrom('PNS' as const, 'PPPK' as const, 'PPPK_PART_TIME' as const),
  jobClass: fc.integer({ min: 1, max: 17 }),
  grade: fc.constantFrom('I/a', 'II/c', 'III/b', 'IV/e', 'I', 'VI', 'X', 'XV', 'XVII'),
  predikat: fc.constantFrom(...PREDIKATS),
  predikatSource: fc.constant('ASSESSMENT' as const),
  attendance: fc
    .tuple(...DEDUCTION_CODES.map(() => fc.integer({ min: 0, max: 31 })))
    .map((n) => Object.fromEntries(DEDUCTION_CODES.map((c, i) => [c, n[i]])) as AttendanceCounts),
  attendanceImported: fc.boolean(),
  sanctions: fc.array(
    fc.record({
      sanctionId: fc.string({ minLength: 1, maxLength: 4 }),
      level: fc.constantFrom('RINGAN' as const, 'SEDANG' as const, 'BERAT' as const),
      rateBp: rate,
      startDate: fc.constantFrom('2025-12-01', '2026-02-15', '2026-11-30'),
      endDate: fc.constantFrom('2026-01-31', '2026-11-01', '2027-12-31'),
    }),
    { maxLength: 3 },
  ),
  statusPeriods: fc.array(
    fc.record({
      status: fc.constantFrom(
        ...STATUSES.filter((s) => s !== 'PENSIUN' && s !== 'BERHENTI' && s !== 'MENINGGAL'),
      ),
      from: fc.constantFrom('2026-01-15', '2026-11-01', '2027-01-01'),
      to: fc.option(fc.constantFrom('2026-01-20', '2026-12-31'), { nil: undefined }),
    }),
    { maxLength: 2 },
  ),
});

describe('properties of a line', () => {
  it('0 ≤ net ≤ gross ≤ pagu, and every amount adds up as the formula says', () => {
    fc.assert(
      fc.property(arbRuleSet, arbInput, (r, i) => {
        const b = computeLine(r, i);
        expect(b.pagu).toBe(r.paguByJobClass[String(i.jobClass)]);
        expect(0).toBeLessThanOrEqual(b.net);
        expect(b.net).toBeLessThanOrEqual(b.gross);
        expect(b.gross).toBeLessThanOrEqual(b.pagu);
        expect(b.gross).toBe(b.kinerja + b.disiplin - b.sanctionAmount);
        expect(b.net).toBe(b.gross - b.tax);
        for (const v of [b.kinerja, b.disiplin, b.sanctionAmount, b.gross, b.tax, b.net])
          expect(Number.isSafeInteger(v)).toBe(true);
        expect(b.deductionAppliedBp).toBeLessThanOrEqual(r.deductionCapBp);
      }),
      { numRuns: 500 },
    );
  });

  it('the same inputs always give the same line (recomputing changes nothing)', () => {
    fc.assert(
      fc.property(arbRuleSet, arbInput, (r, i) => {
        expect(computeLine(r, structuredClone(i))).toEqual(computeLine(r, i));
      }),
      { numRuns: 200 },
    );
  });

  it('a worse predikat or more deductions never pay more', () => {
    fc.assert(
      fc.property(arbInput, fc.constantFrom(...DEDUCTION_CODES), (i, code) => {
        const base = computeLine(rules, { ...i, sanctions: [], statusPeriods: [] });
        const more = computeLine(rules, {
          ...i,
          sanctions: [],
          statusPeriods: [],
          attendance: { ...i.attendance, [code]: i.attendance[code] + 1 },
        });
        expect(more.gross).toBeLessThanOrEqual(base.gross);
        const worse = computeLine(rules, {
          ...i,
          sanctions: [],
          statusPeriods: [],
          predikat: 'NOT_SUBMITTED',
        });
        expect(worse.gross).toBeLessThanOrEqual(base.gross);
      }),
    );
  });
});
