import { describe, expect, it } from 'vitest';
import {
  AK_COEFFICIENTS_MILLI,
  ASSESSMENT_ACTIONS,
  ASSESSMENT_STATES,
  type AssessmentAction,
  type AssessmentState,
  angkaKredit,
  appealDeadline,
  assessmentTransition,
  closingAction,
  DEFAULT_SETTINGS,
  daysUntil,
  deadlinesOf,
  distributionCheck,
  emptyCounts,
  flagProblems,
  gapsOf,
  isDueSoon,
  ORG_PREDIKATS,
  type OrgPredikat,
  PLAN_ACTIONS,
  PLAN_STATES,
  type PlanAction,
  type PlanState,
  PREDIKATS,
  type Predikat,
  type PredikatCounts,
  parsePeriod,
  periodsToOpen,
  planProblems,
  planTransition,
  predikatOf,
  predikatUnderAppeal,
  RATINGS,
  type Rating,
  tppPredikat,
  unitHeadRating,
  withCoreValues,
  withIds,
  withinAppealWindow,
} from '../../shared/performance/rules.js';

describe('the predikat matrix (PermenPANRB 6/2022)', () => {
  const expected: Array<[Rating, Rating, Predikat]> = [
    ['ABOVE', 'ABOVE', 'SANGAT_BAIK'],
    ['ABOVE', 'AS_EXPECTED', 'BAIK'],
    ['ABOVE', 'BELOW', 'KURANG'],
    ['AS_EXPECTED', 'ABOVE', 'BAIK'],
    ['AS_EXPECTED', 'AS_EXPECTED', 'BAIK'],
    ['AS_EXPECTED', 'BELOW', 'KURANG'],
    ['BELOW', 'ABOVE', 'BUTUH_PERBAIKAN'],
    ['BELOW', 'AS_EXPECTED', 'BUTUH_PERBAIKAN'],
    ['BELOW', 'BELOW', 'SANGAT_KURANG'],
  ];
  it.each(expected)('hasil kerja %s, perilaku %s → %s', (hasil, perilaku, predikat) => {
    expect(predikatOf(hasil, perilaku)).toBe(predikat);
  });
  it('covers all 9 cells', () => {
    const cells = RATINGS.flatMap((h) => RATINGS.map((p) => `${h}/${p}`));
    expect(new Set(expected.map(([h, p]) => `${h}/${p}`))).toEqual(new Set(cells));
  });
  it.each([
    ['ISTIMEWA', 'ABOVE'],
    ['BAIK', 'AS_EXPECTED'],
    ['BUTUH_PERBAIKAN', 'BELOW'],
    ['KURANG', 'BELOW'],
    ['SANGAT_KURANG', 'BELOW'],
  ] as Array<[OrgPredikat, Rating]>)(
    "a unit head's rating hasil kerja from the unit's %s is %s",
    (org, rating) => {
      expect(unitHeadRating(org)).toBe(rating);
    },
  );
});

describe('periods', () => {
  it.each([
    ['2026-11', { kind: 'MONTHLY', year: 2026, start: '2026-11-01', end: '2026-11-30' }],
    ['2024-02', { kind: 'MONTHLY', year: 2024, start: '2024-02-01', end: '2024-02-29' }],
    ['2026-Q1', { kind: 'QUARTERLY', year: 2026, start: '2026-01-01', end: '2026-03-31' }],
    ['2026-Q4', { kind: 'QUARTERLY', year: 2026, start: '2026-10-01', end: '2026-12-31' }],
    ['2026', { kind: 'ANNUAL', year: 2026, start: '2026-01-01', end: '2026-12-31' }],
  ])('%s', (id, expected) => {
    expect(parsePeriod(id)).toEqual({ id, ...expected });
  });
  it.each(['2026-13', '2026-00', '2026-Q5', '2026-1', '26-11', '1999', '2026-11-01', ''])(
    'refuses %s',
    (id) => {
      expect(parsePeriod(id)).toBeUndefined();
    },
  );

  it.each([
    // 00:05 WIB on the 1st is 17:05 UTC of the day before
    ['2026-11-30T17:05:00Z', 'MONTHLY', ['2026-12']],
    ['2026-12-31T17:05:00Z', 'MONTHLY', ['2027-01', '2026']],
    ['2026-12-31T17:05:00Z', 'QUARTERLY', ['2027-Q1', '2026']],
    ['2026-03-31T17:05:00Z', 'QUARTERLY', ['2026-Q2']],
    ['2026-04-30T17:05:00Z', 'QUARTERLY', []],
  ] as const)('the job at %s (%s) opens %j', (at, frequency, periods) => {
    expect(periodsToOpen(new Date(at), frequency)).toEqual(periods);
  });
});

describe('deadlines', () => {
  const s = DEFAULT_SETTINGS;
  const d = deadlinesOf(parsePeriod('2026-11') as NonNullable<ReturnType<typeof parsePeriod>>, s);
  it('self-assessment by day 5 and review by day 10 of the next month, end of day WIB', () => {
    expect(d.selfAssessment.toISOString()).toBe('2026-12-05T16:59:59.999Z');
    expect(d.review.toISOString()).toBe('2026-12-10T16:59:59.999Z');
  });
  it('December runs into January of the next year; the annual uses its own days', () => {
    const dec = deadlinesOf(parsePeriod('2026-12') as NonNullable<ReturnType<typeof parsePeriod>>, s);
    expect(dec.selfAssessment.toISOString()).toBe('2027-01-05T16:59:59.999Z');
    const annual = deadlinesOf(parsePeriod('2026') as NonNullable<ReturnType<typeof parsePeriod>>, s);
    expect(annual.selfAssessment.toISOString()).toBe('2027-01-15T16:59:59.999Z');
    expect(annual.review.toISOString()).toBe('2027-01-31T16:59:59.999Z');
    const q = deadlinesOf(parsePeriod('2026-Q1') as NonNullable<ReturnType<typeof parsePeriod>>, s);
    expect(q.review.toISOString()).toBe('2026-04-10T16:59:59.999Z');
  });
  it('are configuration: other days, and a day past the month end means its last day', () => {
    const jan = parsePeriod('2026-01') as NonNullable<ReturnType<typeof parsePeriod>>;
    const custom = deadlinesOf(jan, { ...s, selfAssessmentDay: 7, reviewDay: 31 });
    expect(custom.selfAssessment.toISOString()).toBe('2026-02-07T16:59:59.999Z');
    expect(custom.review.toISOString()).toBe('2026-02-28T16:59:59.999Z');
  });

  it.each([
    ['OPEN', '2026-12-05T16:59:59.999Z', undefined],
    ['OPEN', '2026-12-05T17:00:00.000Z', 'closeNotSubmitted'],
    ['SELF_SUBMITTED', '2026-12-10T16:59:59.999Z', undefined],
    ['SELF_SUBMITTED', '2026-12-10T17:00:00.000Z', 'autoReview'],
    ['SELF_SUBMITTED', '2026-12-06T00:00:00.000Z', undefined],
    ['REVIEWED', '2027-01-01T00:00:00.000Z', undefined],
    ['APPEALED', '2027-01-01T00:00:00.000Z', undefined],
    ['NOT_SUBMITTED', '2027-01-01T00:00:00.000Z', undefined],
  ] as Array<[AssessmentState, string, string | undefined]>)(
    'the daily job on %s at %s: %s',
    (state, at, action) => {
      expect(closingAction(state, new Date(at), d)).toBe(action);
    },
  );

  it('the appeal window: 14 calendar days after the review, to the end of that WIB day', () => {
    const reviewed = new Date('2026-12-08T18:30:00Z'); // 01:30 WIB on the 9th
    expect(appealDeadline(reviewed, s).toISOString()).toBe('2026-12-23T16:59:59.999Z');
    expect(withinAppealWindow(reviewed, new Date('2026-12-23T16:59:59.999Z'), s)).toBe(true);
    expect(withinAppealWindow(reviewed, new Date('2026-12-23T17:00:00.000Z'), s)).toBe(false);
    expect(withinAppealWindow(reviewed, new Date('2026-12-20T00:00:00Z'), { appealDays: 7 })).toBe(false);
  });

  it('"in 3 days" counts WIB dates and stops once the deadline passed', () => {
    expect(daysUntil(new Date('2026-12-01T17:00:00Z'), d.selfAssessment)).toBe(3); // 2 Dec WIB → 5 Dec
    expect(isDueSoon(new Date('2026-12-01T17:00:00Z'), d.selfAssessment)).toBe(true);
    expect(isDueSoon(new Date('2026-12-01T16:59:00Z'), d.selfAssessment)).toBe(false); // 1 Dec WIB: 4 days
    expect(isDueSoon(new Date('2026-12-05T17:00:00Z'), d.selfAssessment)).toBe(false);
  });
});

describe('the plan workflow', () => {
  const allowed: Record<string, PlanState> = {
    'DRAFT edit': 'DRAFT',
    'RETURNED edit': 'DRAFT',
    'DRAFT submit': 'SUBMITTED',
    'RETURNED submit': 'SUBMITTED',
    'SUBMITTED approve': 'APPROVED',
    'SUBMITTED return': 'RETURNED',
  };
  const cells = PLAN_STATES.flatMap((s) => PLAN_ACTIONS.map((a) => [s, a] as [PlanState, PlanAction]));
  it.each(cells)('%s + %s', (state, action) => {
    expect(planTransition(state, action)).toBe(allowed[`${state} ${action}`]);
  });
});

describe('the assessment workflow', () => {
  const allowed: Record<string, AssessmentState> = {
    'OPEN saveSelf': 'OPEN',
    'OPEN addEvidence': 'OPEN',
    'OPEN submit': 'SELF_SUBMITTED',
    'OPEN closeNotSubmitted': 'NOT_SUBMITTED',
    'SELF_SUBMITTED review': 'REVIEWED',
    'SELF_SUBMITTED autoReview': 'REVIEWED',
    'REVIEWED acknowledge': 'ACKNOWLEDGED',
    'REVIEWED appeal': 'APPEALED',
    'APPEALED decideAppeal': 'APPEAL_DECIDED',
  };
  const cells = ASSESSMENT_STATES.flatMap((s) =>
    ASSESSMENT_ACTIONS.map((a) => [s, a] as [AssessmentState, AssessmentAction]),
  );
  it.each(cells)('%s + %s', (state, action) => {
    expect(assessmentTransition(state, action)).toBe(allowed[`${state} ${action}`]);
  });
});

describe('the result as TPP reads it', () => {
  it.each([
    ['OPEN', 'BAIK', undefined],
    ['SELF_SUBMITTED', undefined, undefined],
    ['REVIEWED', 'KURANG', 'KURANG'],
    ['ACKNOWLEDGED', 'SANGAT_BAIK', 'SANGAT_BAIK'],
    ['APPEALED', 'KURANG', undefined],
    ['APPEAL_DECIDED', 'BAIK', 'BAIK'],
    ['NOT_SUBMITTED', undefined, 'NOT_SUBMITTED'],
  ] as Array<[AssessmentState, Predikat | undefined, string | undefined]>)(
    '%s (%s) → %s',
    (state, predikat, tpp) => {
      expect(tppPredikat({ state, predikat })).toBe(tpp);
    },
  );
  it('an appealed result is available as the contested predikat', () => {
    expect(predikatUnderAppeal({ state: 'APPEALED', predikat: 'KURANG' })).toBe('KURANG');
    expect(predikatUnderAppeal({ state: 'REVIEWED', predikat: 'KURANG' })).toBeUndefined();
  });
});

describe('the distribution check (SE MenPANRB 3/2023)', () => {
  const counts = (c: Partial<PredikatCounts>): PredikatCounts => ({ ...emptyCounts(), ...c });
  const verdicts = (org: OrgPredikat, c: Partial<PredikatCounts>) =>
    Object.fromEntries(distributionCheck(org, counts(c)).rules.map((r) => [r.id, r.verdict]));

  it('ISTIMEWA: SANGAT_BAIK at most 70% (70% passes, 71% fails)', () => {
    expect(verdicts('ISTIMEWA', { SANGAT_BAIK: 7, BAIK: 3 })).toEqual({ 'SANGAT_BAIK<=70%': 'PASS' });
    expect(verdicts('ISTIMEWA', { SANGAT_BAIK: 71, BAIK: 29 })).toEqual({ 'SANGAT_BAIK<=70%': 'FAIL' });
  });
  it('BAIK: BAIK at most 70% and at least one BUTUH_PERBAIKAN or KURANG', () => {
    expect(verdicts('BAIK', { BAIK: 7, SANGAT_BAIK: 2, KURANG: 1 })).toEqual({
      'BAIK<=70%': 'PASS',
      'BUTUH_PERBAIKAN+KURANG>=1': 'PASS',
    });
    expect(verdicts('BAIK', { BAIK: 8, SANGAT_BAIK: 2 })).toEqual({
      'BAIK<=70%': 'FAIL',
      'BUTUH_PERBAIKAN+KURANG>=1': 'FAIL',
    });
    // SANGAT_KURANG does not satisfy "BUTUH_PERBAIKAN or KURANG"
    expect(verdicts('BAIK', { BAIK: 5, SANGAT_BAIK: 4, SANGAT_KURANG: 1 })['BUTUH_PERBAIKAN+KURANG>=1']).toBe(
      'FAIL',
    );
  });
  it('BUTUH_PERBAIKAN: BUTUH_PERBAIKAN at least 60%, SANGAT_BAIK at most 10%', () => {
    expect(verdicts('BUTUH_PERBAIKAN', { BUTUH_PERBAIKAN: 6, BAIK: 3, SANGAT_BAIK: 1 })).toEqual({
      'BUTUH_PERBAIKAN>=60%': 'PASS',
      'SANGAT_BAIK<=10%': 'PASS',
    });
    expect(verdicts('BUTUH_PERBAIKAN', { BUTUH_PERBAIKAN: 5, BAIK: 3, SANGAT_BAIK: 2 })).toEqual({
      'BUTUH_PERBAIKAN>=60%': 'FAIL',
      'SANGAT_BAIK<=10%': 'FAIL',
    });
  });
  it('KURANG: KURANG at least 60%, BUTUH_PERBAIKAN at least 10%, SANGAT_BAIK at most 10%', () => {
    expect(verdicts('KURANG', { KURANG: 6, BUTUH_PERBAIKAN: 1, BAIK: 2, SANGAT_BAIK: 1 })).toEqual({
      'KURANG>=60%': 'PASS',
      'BUTUH_PERBAIKAN>=10%': 'PASS',
      'SANGAT_BAIK<=10%': 'PASS',
    });
    expect(verdicts('KURANG', { KURANG: 59, BAIK: 30, SANGAT_BAIK: 11 })).toEqual({
      'KURANG>=60%': 'FAIL',
      'BUTUH_PERBAIKAN>=10%': 'FAIL',
      'SANGAT_BAIK<=10%': 'FAIL',
    });
  });
  it('SANGAT_KURANG: SANGAT_KURANG at least 60%, KURANG + BUTUH_PERBAIKAN at least 10%, no SANGAT_BAIK', () => {
    expect(verdicts('SANGAT_KURANG', { SANGAT_KURANG: 6, KURANG: 1, BAIK: 3 })).toEqual({
      'SANGAT_KURANG>=60%': 'PASS',
      'KURANG+BUTUH_PERBAIKAN>=10%': 'PASS',
      'SANGAT_BAIK=0': 'PASS',
    });
    expect(verdicts('SANGAT_KURANG', { SANGAT_KURANG: 5, BAIK: 4, SANGAT_BAIK: 1 })).toEqual({
      'SANGAT_KURANG>=60%': 'FAIL',
      'KURANG+BUTUH_PERBAIKAN>=10%': 'FAIL',
      'SANGAT_BAIK=0': 'FAIL',
    });
  });
  it('shares are exact: 2 of 3 (66.66%) is more than 60% and less than 70%', () => {
    const r = distributionCheck('BUTUH_PERBAIKAN', counts({ BUTUH_PERBAIKAN: 2, BAIK: 1 }));
    expect(r.rules[0]).toMatchObject({ actual: 6666, limit: 6000, verdict: 'PASS' });
    expect(distributionCheck('ISTIMEWA', counts({ SANGAT_BAIK: 2, BAIK: 1 })).ok).toBe(true);
  });
  it.each(ORG_PREDIKATS)('%s with no predikat yet: every rule NO_DATA, not a failure', (org) => {
    const r = distributionCheck(org, emptyCounts());
    expect(r.total).toBe(0);
    expect(r.ok).toBe(true);
    expect(r.rules.every((x) => x.verdict === 'NO_DATA')).toBe(true);
  });
});

describe('angka kredit (PermenPANRB 1/2023)', () => {
  it.each(Object.keys(AK_COEFFICIENTS_MILLI) as Array<keyof typeof AK_COEFFICIENTS_MILLI>)(
    '%s: coefficient × 150/100/75/50/25%%',
    (jenjang) => {
      const c = AK_COEFFICIENTS_MILLI[jenjang] / 1000;
      expect(PREDIKATS.map((p) => angkaKredit(jenjang, p).angkaKredit)).toEqual([
        c * 1.5,
        c,
        c * 0.75,
        c * 0.5,
        c * 0.25,
      ]);
    },
  );
  it('Pemula with BUTUH_PERBAIKAN is exactly 2.8125', () => {
    expect(angkaKredit('PEMULA', 'BUTUH_PERBAIKAN')).toEqual({
      jenjang: 'PEMULA',
      predikat: 'BUTUH_PERBAIKAN',
      coefficient: 3.75,
      percent: 75,
      angkaKredit: 2.8125,
    });
    expect(angkaKredit('AHLI_MADYA', 'SANGAT_BAIK').angkaKredit).toBe(56.25);
  });
});

describe('plans: ids, values, checks, gaps', () => {
  const input = [
    {
      text: 'Jalan terpelihara',
      kind: 'UTAMA' as const,
      classification: 'ORGANISASI' as const,
      indicators: [
        { aspect: 'KUANTITAS' as const, text: 'km jalan', target: 12, unit: 'km' },
        { aspect: 'WAKTU' as const, text: 'tepat waktu', target: 12, unit: 'bulan' },
      ],
    },
    {
      text: 'Laporan',
      kind: 'TAMBAHAN' as const,
      classification: 'INDIVIDU' as const,
      supportsRhkId: 'RHK-9',
      indicators: [{ aspect: 'KUALITAS' as const, text: 'laporan', target: 1, unit: 'dok' }],
    },
  ];
  const results = withIds(input);
  it('numbers RHKs and indicators by position', () => {
    expect(results.map((r) => [r.id, r.indicators.map((i) => i.id)])).toEqual([
      ['RHK-1', ['RHK-1.1', 'RHK-1.2']],
      ['RHK-2', ['RHK-2.1']],
    ]);
  });
  it('always carries the 7 BerAKHLAK values with the given expectations', () => {
    const values = withCoreValues([{ value: 'KOLABORATIF', expectation: 'Aktif di forum lintas OPD' }]);
    expect(values).toHaveLength(7);
    expect(values[6]).toEqual({ value: 'KOLABORATIF', expectation: 'Aktif di forum lintas OPD' });
    expect(values[0]).toEqual({ value: 'BERORIENTASI_PELAYANAN' });
  });
  it('needs a UTAMA RHK, a supported RHK that exists, each value once', () => {
    expect(planProblems({ results: input }, new Set(['RHK-1']))).toEqual([
      { path: 'results.1.supportsRhkId', code: 'unknown_rhk' },
    ]);
    expect(planProblems({ results: input }, new Set(['RHK-9']))).toEqual([]);
    expect(
      planProblems(
        {
          results: [input[1] as (typeof input)[1]],
          coreValues: [{ value: 'LOYAL' }, { value: 'LOYAL' }],
        },
        new Set(['RHK-9']),
      ),
    ).toEqual([
      { path: 'results', code: 'rhk_utama' },
      { path: 'coreValues.1.value', code: 'duplicate' },
    ]);
  });
  it('the gap: flagged RHKs (all their indicators, or the named ones) and flagged values', () => {
    expect(
      gapsOf(
        results,
        [
          { rhkId: 'RHK-1', belowExpectation: true, indicatorIds: ['RHK-1.2'] },
          { rhkId: 'RHK-2', belowExpectation: true },
          { rhkId: 'RHK-1', belowExpectation: false },
        ],
        [
          { coreValue: 'LOYAL', belowExpectation: true },
          { coreValue: 'ADAPTIF', belowExpectation: false },
        ],
      ),
    ).toEqual({
      indicators: [
        { id: 'RHK-1.2', text: 'tepat waktu' },
        { id: 'RHK-2.1', text: 'laporan' },
      ],
      coreValues: ['LOYAL'],
    });
  });
  it('flags must name RHKs and indicators of the plan, each once', () => {
    expect(
      flagProblems(
        results,
        [{ rhkId: 'RHK-3' }, { rhkId: 'RHK-1', indicatorIds: ['RHK-2.1'] }, { rhkId: 'RHK-1' }],
        [{ coreValue: 'LOYAL' }, { coreValue: 'LOYAL' }],
        { rhk: 'r', value: 'v' },
      ),
    ).toEqual([
      { path: 'r.0.rhkId', code: 'unknown_rhk' },
      { path: 'r.1.indicatorIds.0', code: 'unknown_indicator' },
      { path: 'r.2.rhkId', code: 'duplicate' },
      { path: 'v.1.coreValue', code: 'duplicate' },
    ]);
  });
});
