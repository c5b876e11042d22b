import { beforeAll, describe, expect, it } from 'vitest';
import { type EmployeeRecord, employeeItem, putAll } from '../../shared/employees/store.js';
import * as uc from '../../shared/performance/assessments.js';
import { putConfig, readConfig } from '../../shared/performance/config.js';
import { closeAssessments, openCycle, openScheduledCycles } from '../../shared/performance/cycle.js';
import * as reports from '../../shared/performance/reports.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { ValidationError } from '../../shared/platform/errors.js';
import { depsAt, freshTable } from '../support/db.js';
import { actors, NIP, orgEmployees, seedOrg } from '../support/org.js';
import { putApprovedPlans, setUnitHeads } from '../support/performance.js';

let db: Db;
let who: ReturnType<typeof actors>;
const at = (iso: string) => depsAt(db, iso);
const ANALIS = '199202022018011097';
const STAFF = [NIP.staff, NIP.staff2, NIP.dpuAdmin, NIP.officer];

const outcome = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof ValidationError) return (e.details ?? []).map((d) => `${d.path}:${d.code}`).join(' ');
    return `${(e as Error).constructor.name}:${(e as { code?: string }).code}`;
  }
};

beforeAll(async () => {
  db = await freshTable();
  const org = await seedOrg(db);
  who = actors(org);
  await setUnitHeads(db);
  await putApprovedPlans(
    db,
    org.filter((e) => STAFF.includes(e.nip as never)),
  );
  await openCycle(at('2026-10-31T17:05:00Z'), '2026-11');
  // staff SANGAT_BAIK, staff2 SANGAT_BAIK, officer BAIK; dpuAdmin never submits
  const ratings = [
    [NIP.staff, 'ABOVE', 'ABOVE'],
    [NIP.staff2, 'ABOVE', 'ABOVE'],
    [NIP.officer, 'AS_EXPECTED', 'AS_EXPECTED'],
  ] as const;
  for (const [nip, hasil, perilaku] of ratings) {
    const id = `${nip}-2026-11`;
    const owner = Object.values(who).find((a) => a.nip === nip) as (typeof who)['staff'];
    await uc.submitSelfAssessment(at('2026-12-01T03:00:00Z'), owner, id, { version: 1 });
    await uc.reviewAssessment(at('2026-12-02T03:00:00Z'), who.section, id, {
      version: 2,
      ratingHasilKerja: hasil,
      ratingPerilaku: perilaku,
    });
  }
  await closeAssessments(at('2026-12-06T00:00:00Z'));
});

describe('the organisation predikat and the distribution check', () => {
  it('only the head above the unit (or BKPP) sets it; versioned', async () => {
    expect(
      await outcome(
        reports.setUnitPredikat(at('2026-12-03T00:00:00Z'), who.section, 'DPU-B1-S1', '2026-11', {
          predikat: 'BAIK',
        }),
      ),
    ).toBe('Forbidden:NOT_HEAD_ABOVE');
    const set = await reports.setUnitPredikat(
      at('2026-12-03T00:00:00Z'),
      who.division,
      'DPU-B1-S1',
      '2026-11',
      { predikat: 'BAIK' },
    );
    expect(set).toMatchObject({ predikat: 'BAIK', setBy: NIP.division, version: 1 });
    expect(
      await outcome(
        reports.setUnitPredikat(at('2026-12-03T00:00:00Z'), who.division, 'DPU-B1-S1', '2026-11', {
          predikat: 'ISTIMEWA',
        }),
      ),
    ).toBe('Conflict:CONFLICT');
  });

  it('counts per predikat, each rule with its verdict; an override needs a reason and is kept', async () => {
    const d = await reports.getDistribution(at('2026-12-07T00:00:00Z'), who.section, 'DPU-B1-S1', '2026-11');
    expect(d).toMatchObject({
      predikatOrganisasi: 'BAIK',
      counts: { SANGAT_BAIK: 2, BAIK: 1, BUTUH_PERBAIKAN: 0, KURANG: 0, SANGAT_KURANG: 0 },
      notSubmitted: 1,
      total: 3,
      ok: false,
    });
    expect(d.rules.map((r) => [r.id, r.actual, r.verdict])).toEqual([
      ['BAIK<=70%', 3333, 'PASS'],
      ['BUTUH_PERBAIKAN+KURANG>=1', 0, 'FAIL'],
    ]);
    expect(
      await outcome(reports.getDistribution(at('2026-12-07T00:00:00Z'), who.staff, 'DPU-B1-S1', '2026-11')),
    ).toBe('Forbidden:FORBIDDEN');
    expect(
      await outcome(
        reports.overrideDistribution(at('2026-12-07T00:00:00Z'), who.section, 'DPU-B1-S1', '2026-11', {
          reason: 'Tim berprestasi',
        }),
      ),
    ).toBe('Forbidden:NOT_HEAD_ABOVE');
    const o = await reports.overrideDistribution(
      at('2026-12-07T00:00:00Z'),
      who.division,
      'DPU-B1-S1',
      '2026-11',
      {
        reason: 'Seluruh tim mencapai target jalan mantap',
      },
    );
    expect(o.overrides).toEqual([
      {
        reason: 'Seluruh tim mencapai target jalan mantap',
        by: NIP.division,
        at: '2026-12-07T00:00:00.000Z',
        failedRules: ['BUTUH_PERBAIKAN+KURANG>=1'],
      },
    ]);
  });

  it('nothing to override when every rule passes', async () => {
    await reports.setUnitPredikat(at('2026-12-08T00:00:00Z'), who.hr, 'DPU-B1-S1', '2026-11', {
      predikat: 'ISTIMEWA',
      version: 2,
    });
    const d = await reports.getDistribution(at('2026-12-08T00:00:00Z'), who.auditor, 'DPU-B1-S1', '2026-11');
    expect(d.ok).toBe(true); // 2 of 3 SANGAT_BAIK ≤ 70%
    expect(
      await outcome(
        reports.overrideDistribution(at('2026-12-08T00:00:00Z'), who.division, 'DPU-B1-S1', '2026-11', {
          reason: 'Tidak perlu sebenarnya',
        }),
      ),
    ).toBe('InvalidState:DISTRIBUTION_OK');
  });
});

describe('progress of an agency', () => {
  it('per unit by state, per reviewer the reviews; admins of other agencies may not see it', async () => {
    const p = await reports.agencyProgress(at('2026-12-08T00:00:00Z'), who.dpuAdmin, 'DPU', '2026-11');
    expect(p.units).toEqual([
      {
        unitId: 'DPU-B1-S1',
        total: 4,
        counts: expect.objectContaining({ reviewed: 3, notSubmitted: 1, closedLate: 1, notStarted: 0 }),
      },
    ]);
    expect(p.reviewers).toEqual([
      { reviewerNip: NIP.section, pendingReviews: 0, reviewed: 3, autoClosed: 0 },
    ]);
    expect(
      await outcome(reports.agencyProgress(at('2026-12-08T00:00:00Z'), who.dkkAdmin, 'DPU', '2026-11')),
    ).toBe('Forbidden:FORBIDDEN');
  });
});

describe('configuration and angka kredit', () => {
  it('defaults until BKPP sets a year; the review deadline must follow the self-assessment one', async () => {
    expect(await readConfig(at('2026-12-08T00:00:00Z'), 2027)).toMatchObject({
      selfAssessmentDay: 5,
      reviewDay: 10,
      appealDays: 14,
      isDefault: true,
      version: 0,
    });
    const body = {
      frequency: 'MONTHLY' as const,
      selfAssessmentDay: 7,
      reviewDay: 7,
      appealDays: 14,
      annualSelfAssessmentDay: 15,
      annualReviewDay: 31,
      planApprovalDeadline: '02-15',
    };
    expect(await outcome(putConfig(at('2026-12-08T00:00:00Z'), who.hr, 2027, body))).toBe(
      'body.reviewDay:day_order',
    );
    expect(
      await outcome(putConfig(at('2026-12-08T00:00:00Z'), who.dpuAdmin, 2027, { ...body, reviewDay: 12 })),
    ).toBe('Forbidden:FORBIDDEN');
    const saved = await putConfig(at('2026-12-08T00:00:00Z'), who.hr, 2027, { ...body, reviewDay: 12 });
    expect(saved).toMatchObject({ selfAssessmentDay: 7, reviewDay: 12, version: 1, isDefault: false });
  });

  it('angka kredit needs a fungsional position and a final annual predikat', async () => {
    expect(
      await outcome(reports.getAngkaKredit(at('2027-02-01T00:00:00Z'), who.staff, NIP.staff, 2026)),
    ).toBe('InvalidState:NOT_FUNCTIONAL');
    const template = orgEmployees().find((e) => e.nip === NIP.staff2) as EmployeeRecord;
    const fungsional: EmployeeRecord = {
      ...template,
      nip: ANALIS,
      name: 'Analis Kebijakan',
      positionType: 'FUNGSIONAL',
      functionalLevel: 'AHLI_MUDA',
      positionHistory: [
        {
          ...(template.positionHistory[0] as EmployeeRecord['positionHistory'][0]),
          positionType: 'FUNGSIONAL',
          functionalLevel: 'AHLI_MUDA',
        },
      ],
    };
    await putAll(db, [employeeItem(fungsional)]);
    await putApprovedPlans(db, [fungsional]);
    const analis = { ...who.staff, nip: ANALIS, sub: `local-${ANALIS}` };
    const [annual] = (await openScheduledCycles(at('2026-12-31T17:05:00Z'))).filter(
      (r) => r.period === '2026',
    );
    expect(annual?.created).toBe(STAFF.length + 1);
    const id = `${ANALIS}-2026`;
    expect(await outcome(reports.getAngkaKredit(at('2027-01-02T00:00:00Z'), analis, ANALIS, 2026))).toBe(
      'InvalidState:ANNUAL_NOT_FINAL',
    );
    await uc.submitSelfAssessment(at('2027-01-10T00:00:00Z'), analis, id, { version: 1 });
    const reviewed = await uc.reviewAssessment(at('2027-01-20T00:00:00Z'), who.section, id, {
      version: 2,
      ratingHasilKerja: 'ABOVE',
      ratingPerilaku: 'ABOVE',
    });
    expect(reviewed.predikat).toBe('SANGAT_BAIK');
    // the annual assessment shows the year's periodic results side by side
    const staffAnnual = await uc.getAssessment(at('2027-01-20T00:00:00Z'), who.section, `${NIP.staff}-2026`);
    expect(staffAnnual.periodicResults).toEqual([
      { period: '2026-11', state: 'REVIEWED', predikat: 'SANGAT_BAIK' },
    ]);
    expect(await reports.getAngkaKredit(at('2027-02-01T00:00:00Z'), analis, ANALIS, 2026)).toEqual({
      nip: ANALIS,
      year: 2026,
      jenjang: 'AHLI_MUDA',
      predikat: 'SANGAT_BAIK',
      coefficient: 25,
      percent: 150,
      angkaKredit: 37.5,
    });
  });
});
