/** TPP use cases on DynamoDB Local: rule sets, attendance, sanctions, runs and their workflow. */
import { beforeAll, describe, expect, it } from 'vitest';
import { runTppMonthly } from '../../functions/jobs/tpp-monthly.js';
import * as empStore from '../../shared/employees/store.js';
import { type ComputeDeps, computeAllAgencies } from '../../shared/incentives/compute.js';
import * as inputs from '../../shared/incentives/inputs.js';
import * as store from '../../shared/incentives/store.js';
import * as uc from '../../shared/incentives/use-cases.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { Conflict, ValidationError } from '../../shared/platform/errors.js';
import { depsAt, freshTable } from '../support/db.js';
import { actors, NIP, seedOrg } from '../support/org.js';
import { allLines, type FakeAssessment, fakeAssessments, stable, sumOf } from '../support/tpp.js';

let db: Db;
let who: ReturnType<typeof actors>;
const NOW = '2026-12-11T03:00:00.000Z';
const P = '2026-11';
const RUN = 'TPP-DPU-2026-11';
const assessments = new Map<string, FakeAssessment>([
  [`${NIP.dpuHead}-${P}`, { final: 'SANGAT_BAIK' }],
  [`${NIP.division}-${P}`, {}],
  [`${NIP.section}-${P}`, { appealed: 'KURANG' }],
  [`${NIP.staff}-${P}`, { final: 'BAIK' }],
  [`${NIP.dpuAdmin}-${P}`, { final: 'BAIK' }],
  [`${NIP.officer}-${P}`, { final: 'BAIK' }],
]);
const deps = (): ComputeDeps => ({ ...depsAt(db, NOW), assessments: fakeAssessments(assessments) });

const outcome = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof ValidationError) return (e.details ?? []).map((d) => `${d.path}:${d.code}`).join(' ');
    return (e as Error).constructor.name;
  }
};

beforeAll(async () => {
  db = await freshTable();
  who = actors(await seedOrg(db));
});

describe('rule sets', () => {
  it('2026 has the default of DOMAIN §3 as version 1; a year without rules is 404', async () => {
    const r = await uc.getRules(deps(), 2026);
    expect(r.version).toBe(1);
    expect(r.paguByJobClass['6']).toBe(4_200_000);
    expect(await outcome(uc.getRules(deps(), 2025))).toBe('NotFound');
  });

  it('BKPP puts a new version each time; checked as a whole; a stale base answers 409', async () => {
    const base = await uc.getRules(deps(), 2026);
    const { year: _y, version: _v, createdAt: _c, createdBy: _b, ...input } = base;
    expect(await outcome(uc.putRules(deps(), who.dpuAdmin, 2027, input))).toBe('Forbidden');
    expect(
      await outcome(
        uc.putRules(deps(), who.hr, 2027, {
          ...input,
          weightDisiplinBp: 3000,
          paguByJobClass: { ...input.paguByJobClass, '17': 0 },
          taxBp: { ...input.taxBp, PNS_III: 12_000 },
        }),
      ),
    ).toBe(
      'body.weightDisiplinBp:weights_sum body.taxBp.PNS_III:rate_range body.paguByJobClass.17:pagu_range',
    );
    expect(await outcome(uc.getRules(deps(), 2027))).toBe('NotFound');
    const v1 = await uc.putRules(deps(), who.hr, 2027, input);
    const v2 = await uc.putRules(deps(), who.hr, 2027, { ...input, sanctionBp: 3000, basedOnVersion: 1 });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(await outcome(uc.putRules(deps(), who.hr, 2027, { ...input, basedOnVersion: 1 }))).toBe(
      'Conflict',
    );
    expect((await uc.getRules(deps(), 2027)).sanctionBp).toBe(3000);
    expect((await store.getRuleSet(db, 2027, 1))?.sanctionBp).toBe(2500);
  });
});

describe('attendance import', () => {
  const good = [
    { nip: NIP.staff, TL2: 3 },
    { nip: NIP.staff2, TK: 1 },
  ];

  it('validates every row first, names each bad row, writes nothing', async () => {
    const rows = [
      ...good,
      { nip: NIP.dkkAdmin, TL1: 1 },
      { nip: NIP.dpuHead, TL1: -1 },
      { nip: NIP.staff, TL3: 1 },
      { nip: '199901012020011999' },
      { nip: NIP.section, XX: 1 },
    ];
    expect(await outcome(inputs.importAttendance(deps(), who.dpuAdmin, P, { rows }))).toBe(
      [
        'body.rows.3.TL1:too_small',
        'body.rows.4.nip:duplicate',
        'body.rows.6.XX:unrecognized_key',
        'body.rows.2.nip:not_in_agency',
        'body.rows.5.nip:unknown_employee',
      ].join(' '),
    );
    expect((await store.getAttendance(db, [NIP.staff, NIP.staff2], P)).size).toBe(0);
  });

  it('refuses a month that has not begun, and other agencies', async () => {
    expect(await outcome(inputs.importAttendance(deps(), who.dpuAdmin, '2027-01', { rows: good }))).toBe(
      'path.period:period_future',
    );
    expect(await outcome(inputs.importAttendance(deps(), who.dkkAdmin, P, { rows: good }))).toBe(
      'body.rows.0.nip:not_in_agency body.rows.1.nip:not_in_agency',
    );
    expect(await outcome(inputs.importAttendance(deps(), who.staff, P, { rows: good }))).toBe('Forbidden');
  });

  it('a clean import writes; importing again changes nothing; a re-import replaces the month', async () => {
    expect(await inputs.importAttendance(deps(), who.dpuAdmin, P, { rows: good })).toEqual({
      period: P,
      written: 2,
      unchanged: 0,
    });
    expect(await inputs.importAttendance(deps(), who.dpuAdmin, P, { rows: good })).toEqual({
      period: P,
      written: 0,
      unchanged: 2,
    });
    await inputs.importAttendance(deps(), who.hr, P, { rows: [{ nip: NIP.staff, TL1: 2 }] });
    expect((await store.getAttendance(db, [NIP.staff], P)).get(NIP.staff)?.counts).toMatchObject({
      TL1: 2,
      TL2: 0,
    });
    await inputs.importAttendance(deps(), who.dpuAdmin, P, { rows: [good[0]] });
    expect((await store.getAttendance(db, [NIP.staff], P)).get(NIP.staff)?.counts).toMatchObject({
      TL1: 0,
      TL2: 3,
    });
  });
});

describe('sanctions', () => {
  it('BKPP records a hukuman disiplin; its rate defaults to the rule set; others may not', async () => {
    const s = await inputs.addSanction(deps(), who.hr, NIP.staff2, {
      level: 'SEDANG',
      startDate: '2026-11-10',
      months: 2,
    });
    expect(s).toMatchObject({ rateBp: 2500, endDate: '2027-01-09' });
    expect(
      await outcome(
        inputs.addSanction(deps(), who.dpuAdmin, NIP.staff2, {
          level: 'RINGAN',
          startDate: '2026-11-10',
          months: 1,
        }),
      ),
    ).toBe('Forbidden');
    expect(
      await outcome(
        inputs.addSanction(deps(), who.hr, '199901012020011999', {
          level: 'RINGAN',
          startDate: '2026-11-10',
          months: 1,
        }),
      ),
    ).toBe('NotFound');
    expect((await inputs.listSanctions(deps(), who.staff2, NIP.staff2)).items).toHaveLength(1);
    expect(await outcome(inputs.listSanctions(deps(), who.staff, NIP.staff2))).toBe('NotFound');
    expect((await store.sanctionsOfMonth(db, '2027-01')).get(NIP.staff2)).toHaveLength(1);
    expect((await store.sanctionsOfMonth(db, '2027-02')).size).toBe(0);
  });
});

describe('computing a run', () => {
  it('only for an agency one manages, for a month that has begun', async () => {
    expect(await outcome(uc.createRun(deps(), who.dkkAdmin, { agencyId: 'DPU', period: P }))).toBe(
      'Forbidden',
    );
    expect(await outcome(uc.createRun(deps(), who.finance, { agencyId: 'DPU', period: P }))).toBe(
      'Forbidden',
    );
    expect(await outcome(uc.createRun(deps(), who.dpuAdmin, { agencyId: 'DPU', period: '2027-02' }))).toBe(
      'body.period:period_future',
    );
    expect(await outcome(uc.createRun(deps(), who.hr, { agencyId: 'NOPE', period: P }))).toBe(
      'body.agencyId:unknown_agency',
    );
    expect(await outcome(uc.createRun(deps(), who.hr, { agencyId: 'DPU', period: '2025-11' }))).toBe(
      'InvalidState',
    );
  });

  it('a DRAFT with one line per employee, each as DOMAIN §3.1 computes it, totals = Σ lines', async () => {
    const run = await uc.createRun(deps(), who.dpuAdmin, { agencyId: 'DPU', period: P });
    expect(run).toMatchObject({
      runId: RUN,
      kind: 'REGULAR',
      status: 'DRAFT',
      ruleSetVersion: 1,
      computing: false,
    });
    const lines = await allLines(db, RUN);
    const by = Object.fromEntries(
      lines.map((l) => [l.nip, [l.breakdown.predikat, l.breakdown.predikatSource, l.gross, l.tax, l.net]]),
    );
    expect(by).toEqual({
      [NIP.dpuHead]: ['SANGAT_BAIK', 'ASSESSMENT', 17_500_000, 2_625_000, 14_875_000],
      [NIP.division]: ['NOT_SUBMITTED', 'ASSESSMENT_OPEN', 3_760_000, 564_000, 3_196_000],
      [NIP.section]: ['KURANG', 'ASSESSMENT_OPEN', 4_745_000, 237_250, 4_507_750],
      [NIP.staff]: ['BAIK', 'ASSESSMENT', 4_149_600, 207_480, 3_942_120],
      [NIP.staff2]: ['NOT_SUBMITTED', 'NO_ASSESSMENT', 1_197_000, 59_850, 1_137_150],
      [NIP.dpuAdmin]: ['BAIK', 'ASSESSMENT', 4_200_000, 210_000, 3_990_000],
      [NIP.officer]: ['BAIK', 'ASSESSMENT', 4_200_000, 210_000, 3_990_000],
    });
    expect(run.totals).toEqual(sumOf(lines));
    expect(run.counts).toEqual({
      lines: 7,
      paid: 7,
      stopped: 0,
      noAssessment: 1,
      openAssessment: 2,
      noAttendance: 5,
    });
    expect(lines.every((l) => l.breakdown.ruleSetVersion === 1 && l.breakdown.ruleSetYear === 2026)).toBe(
      true,
    );
  });

  it('computing again replaces the draft: the same lines, never a second one', async () => {
    const before = await allLines(db, RUN);
    const again = await uc.recomputeRun(deps(), who.hr, RUN);
    const after = await allLines(db, RUN);
    expect(after.map(stable)).toEqual(before.map(stable));
    expect(after).toHaveLength(7);
    expect(again.totals).toEqual(sumOf(after));
    expect(again.history.map((h) => h.action)).toEqual(['COMPUTED', 'COMPUTED']);
  });

  it('follows the inputs: a stopping status, a move out of the agency before or after the month end', async () => {
    const division = (await empStore.getEmployee(db, NIP.division)) as empStore.EmployeeRecord;
    await empStore.saveEmployee(db, {
      ...division,
      statusPeriods: [{ status: 'CUTI_BESAR', from: '2026-11-20', to: '2026-12-31' }],
      version: division.version + 1,
    });
    const moved = async (nip: string, effectiveFrom: string) => {
      const e = (await empStore.getEmployee(db, nip)) as empStore.EmployeeRecord;
      const position = {
        ...(e.positionHistory[0] as empStore.EmployeeRecord['positionHistory'][0]),
        effectiveFrom,
        agencyId: 'DKK',
        unitId: 'DKK-PIMPINAN',
      };
      await empStore.saveEmployee(db, {
        ...e,
        agencyId: 'DKK',
        unitId: 'DKK-PIMPINAN',
        positionHistory: [...e.positionHistory, position],
        version: e.version + 1,
      });
    };
    await moved(NIP.officer, '2026-11-15'); // in DKK at the end of November: not DPU's line
    await moved(NIP.staff2, '2026-12-05'); // still DPU's in November, though listed under DKK now
    const run = await uc.recomputeRun(deps(), who.dpuAdmin, RUN);
    const lines = await allLines(db, RUN);
    expect(lines.map((l) => l.nip)).not.toContain(NIP.officer);
    expect(lines.map((l) => l.nip)).toContain(NIP.staff2);
    const div = lines.find((l) => l.nip === NIP.division);
    expect(div?.breakdown.stoppedBy).toEqual({
      status: 'CUTI_BESAR',
      from: '2026-11-20',
      to: '2026-12-31',
      days: 42,
      moreThanDays: 15,
    });
    expect(div?.gross).toBe(0);
    expect(run.counts).toMatchObject({ lines: 6, stopped: 1, paid: 5 });
    expect(run.totals).toEqual(sumOf(lines));
    // the officer is DKK's in November
    const dkk = await uc.createRun(deps(), who.dkkAdmin, { agencyId: 'DKK', period: P });
    expect((await allLines(db, dkk.runId)).map((l) => l.nip).sort()).toEqual(
      [NIP.dkkAdmin, NIP.officer].sort(),
    );
  });
});

describe('the workflow: submit, reject, approve (race-safe), locked, adjustment', () => {
  it('only the agency admin submits, with the current version', async () => {
    const run = await uc.getRun(deps(), who.dpuAdmin, RUN);
    expect(await outcome(uc.submitRun(deps(), who.hr, RUN, { version: run.version }))).toBe('Forbidden');
    expect(await outcome(uc.submitRun(deps(), who.dkkAdmin, RUN, { version: run.version }))).toBe(
      'Forbidden',
    );
    expect(await outcome(uc.submitRun(deps(), who.dpuAdmin, RUN, { version: run.version - 1 }))).toBe(
      'Conflict',
    );
    expect(await outcome(uc.approveRun(deps(), who.finance, RUN, { version: run.version }))).toBe(
      'InvalidState',
    );
    const submitted = await uc.submitRun(deps(), who.dpuAdmin, RUN, { version: run.version });
    expect(submitted.status).toBe('SUBMITTED');
    expect(await outcome(uc.recomputeRun(deps(), who.dpuAdmin, RUN))).toBe('InvalidState');
    expect(await outcome(uc.createRun(deps(), who.dpuAdmin, { agencyId: 'DPU', period: P }))).toBe(
      'InvalidState',
    );
  });

  it('finance rejects with a reason; the agency recomputes and submits again', async () => {
    const run = await uc.getRun(deps(), who.finance, RUN);
    expect(
      await outcome(uc.rejectRun(deps(), who.dpuAdmin, RUN, { version: run.version, reason: 'x' })),
    ).toBe('Forbidden');
    const rejected = await uc.rejectRun(deps(), who.finance, RUN, {
      version: run.version,
      reason: 'Data TK belum lengkap',
    });
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.history.at(-1)).toMatchObject({
      action: 'REJECTED',
      reason: 'Data TK belum lengkap',
      by: NIP.finance,
    });
    const draft = await uc.recomputeRun(deps(), who.dpuAdmin, RUN);
    expect(draft.status).toBe('DRAFT');
    await uc.submitRun(deps(), who.dpuAdmin, RUN, { version: draft.version });
  });

  it('two finance officers approving at once: one approval, one 409', async () => {
    const run = await uc.getRun(deps(), who.finance, RUN);
    const results = await Promise.allSettled([
      uc.approveRun(deps(), who.finance, RUN, { version: run.version }),
      uc.approveRun(deps(), who.finance, RUN, { version: run.version }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(Conflict);
    const approved = await uc.getRun(deps(), who.auditor, RUN);
    expect(approved.status).toBe('APPROVED');
    expect(approved.history.filter((h) => h.action === 'APPROVED')).toHaveLength(1);
  });

  it('an approved run is locked', async () => {
    const run = await uc.getRun(deps(), who.finance, RUN);
    const before = await allLines(db, RUN);
    expect(await outcome(uc.recomputeRun(deps(), who.dpuAdmin, RUN))).toBe('InvalidState');
    expect(await outcome(uc.approveRun(deps(), who.finance, RUN, { version: run.version }))).toBe(
      'InvalidState',
    );
    expect(await outcome(uc.createRun(deps(), who.dpuAdmin, { agencyId: 'DPU', period: P }))).toBe(
      'body.reason:adjustment_reason',
    );
    await computeAllAgencies(deps(), P);
    expect(await allLines(db, RUN)).toEqual(before);
    expect((await uc.getRun(deps(), who.finance, RUN)).version).toBe(run.version);
  });

  it('a later change is paid by an ADJUSTMENT run holding only the differences, with the reason', async () => {
    await inputs.importAttendance(deps(), who.dpuAdmin, P, { rows: [{ nip: NIP.staff, TL2: 1 }] });
    assessments.set(`${NIP.section}-${P}`, { final: 'BAIK' }); // the appeal was decided: REVISED
    const adj = await uc.createRun(deps(), who.dpuAdmin, {
      agencyId: 'DPU',
      period: P,
      reason: 'Koreksi absensi; keberatan diputus',
    });
    expect(adj).toMatchObject({ runId: `${RUN}-A1`, kind: 'ADJUSTMENT', adjusts: RUN, status: 'DRAFT' });
    const lines = await allLines(db, adj.runId);
    expect(lines.map((l) => l.nip).sort()).toEqual([NIP.section, NIP.staff].sort());
    const staff = lines.find((l) => l.nip === NIP.staff);
    // TL2 × 3 → × 1: D 1.629.600 → 1.663.200 (+33.600); tax 5%: +1.680
    expect(staff).toMatchObject({
      gross: 33_600,
      tax: 1680,
      net: 31_920,
      reason: 'Koreksi absensi; keberatan diputus',
    });
    expect(staff?.previous).toEqual({ gross: 4_149_600, tax: 207_480, net: 3_942_120 });
    const section = lines.find((l) => l.nip === NIP.section);
    // KURANG 55% → BAIK 100%: K 2.145.000 → 3.900.000
    expect(section).toMatchObject({ gross: 1_755_000, tax: 87_750, net: 1_667_250 });
    expect(adj.totals).toEqual(sumOf(lines));
    // computing the adjustment again replaces it, never a second adjustment
    const again = await uc.createRun(deps(), who.dpuAdmin, {
      agencyId: 'DPU',
      period: P,
      reason: 'Koreksi absensi; keberatan diputus',
    });
    expect(again.runId).toBe(adj.runId);
    expect((await allLines(db, adj.runId)).map(stable)).toEqual(lines.map(stable));
    await uc.submitRun(deps(), who.dpuAdmin, adj.runId, { version: again.version });
    const ok = await uc.approveRun(deps(), who.finance, adj.runId, { version: again.version + 1 });
    expect(ok.status).toBe('APPROVED');
    // nothing changed since: a new adjustment has no line
    const none = await uc.createRun(deps(), who.dpuAdmin, {
      agencyId: 'DPU',
      period: P,
      reason: 'cek ulang',
    });
    expect(none).toMatchObject({ runId: `${RUN}-A2`, totals: { gross: 0, tax: 0, net: 0 } });
    expect(none.counts.lines).toBe(0);
  });
});

describe('reading runs, lines, my TPP, the export', () => {
  it('lists runs by month and agency, within what the actor may see', async () => {
    const mine = await uc.listRuns(deps(), who.dpuAdmin, { period: P, limit: 25 });
    expect(mine.items.map((r) => r.runId)).toEqual([RUN, `${RUN}-A1`, `${RUN}-A2`]);
    const all = await uc.listRuns(deps(), who.finance, { period: P, limit: 25 });
    expect(all.items.map((r) => r.agencyId)).toContain('DKK');
    expect(await outcome(uc.listRuns(deps(), who.dkkAdmin, { agencyId: 'DPU', limit: 25 }))).toBe(
      'Forbidden',
    );
    expect(await outcome(uc.listRuns(deps(), who.staff, { period: P, limit: 25 }))).toBe('Forbidden');
    const byAgency = await uc.listRuns(deps(), who.auditor, { agencyId: 'DPU', limit: 2 });
    expect(byAgency.items).toHaveLength(2);
    expect(byAgency.cursor).toBeDefined();
    expect(await outcome(uc.listRuns(deps(), who.hr, { limit: 25 }))).toBe('query.period:period_or_agency');
  });

  it('lines page by page; one line for its employee and those who see the run', async () => {
    const first = await uc.listLines(deps(), who.finance, RUN, { limit: 4 });
    const second = await uc.listLines(deps(), who.finance, RUN, { limit: 4, cursor: first.cursor });
    expect(first.items).toHaveLength(4);
    expect(second.items).toHaveLength(2);
    expect(second.cursor).toBeUndefined();
    expect(first.items[0]).not.toHaveProperty('computeToken');
    const own = await uc.getLine(deps(), who.staff, RUN, NIP.staff, 'id');
    expect(own.explanation).toContain(
      'TL2 (terlambat 31–60 menit) × 3 = 3% dari komponen disiplin (1% per kejadian).',
    );
    expect((await uc.getLine(deps(), who.auditor, RUN, NIP.staff, 'en')).explanation.at(-1)).toBe(
      'Net TPP paid: Rp3,942,120.',
    );
    expect(await outcome(uc.getLine(deps(), who.staff2, RUN, NIP.staff, 'id'))).toBe('NotFound');
    expect(await outcome(uc.getLine(deps(), who.dkkAdmin, RUN, NIP.staff, 'id'))).toBe('NotFound');
    expect(await outcome(uc.listLines(deps(), who.dkkAdmin, RUN, { limit: 4 }))).toBe('Forbidden');
  });

  it('my TPP: the regular line and the adjustment, in plain words, and what is approved', async () => {
    const me = await uc.myTpp(deps(), who.staff, P, 'id');
    expect(me.lines.map((l) => [l.runId, l.kind, l.runStatus])).toEqual([
      [RUN, 'REGULAR', 'APPROVED'],
      [`${RUN}-A1`, 'ADJUSTMENT', 'APPROVED'],
    ]);
    expect(me.approved).toEqual({ gross: 4_183_200, tax: 209_160, net: 3_974_040 });
    expect(me.lines[1]?.explanation.at(-1)).toBe(
      'Penyesuaian: sudah dibayar bersih Rp3.942.120, seharusnya Rp3.974.040, selisih Rp31.920 (alasan: Koreksi absensi; keberatan diputus).',
    );
    const noAssessment = await uc.myTpp(deps(), who.staff2, P, 'id');
    expect(noAssessment.lines[0]?.explanation.join(' ')).toContain('Tidak ada penilaian kinerja bulan ini');
    expect((await uc.myTpp(deps(), who.staff, '2026-10', 'id')).lines).toEqual([]);
  });

  it('the export: finance and the agency admin, approved runs only, totals equal to the run', async () => {
    const run = await uc.getRun(deps(), who.finance, RUN);
    const reply = await uc.exportRun(deps(), who.finance, RUN);
    const [header, ...rows] = String(reply.body).trim().split('\r\n');
    const cols = (header as string).split(',');
    expect(rows).toHaveLength(run.counts.lines);
    const col = (name: string) => rows.map((r) => Number(r.split(',')[cols.indexOf(name)]));
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect({ gross: sum(col('gross')), tax: sum(col('tax')), net: sum(col('net')) }).toEqual(run.totals);
    expect(reply.headers['x-tpp-total-net']).toBe(String(run.totals.net));
    expect((await uc.exportRun(deps(), who.dpuAdmin, RUN)).status).toBe(200);
    expect(await outcome(uc.exportRun(deps(), who.dkkAdmin, RUN))).toBe('Forbidden');
    expect(await outcome(uc.exportRun(deps(), who.finance, `${RUN}-A2`))).toBe('InvalidState');
  });
});

describe('the job tpp-monthly', () => {
  it("computes the previous month's drafts of every agency, idempotently, leaving approved months alone", async () => {
    const at = new Date('2026-12-10T17:05:00.000Z'); // 00:05 WIB on 11 December
    const first = await runTppMonthly({ ...depsAt(db, at.toISOString()) });
    expect(first.period).toBe('2026-11');
    expect(first.agencies).toBe(7);
    expect(first.skipped).toEqual([{ agencyId: 'DPU', status: 'APPROVED' }]);
    const setda = await allLines(db, 'TPP-SETDA-2026-11');
    expect(setda).toHaveLength(1);
    const second = await runTppMonthly({ ...depsAt(db, at.toISOString()) });
    expect(second.lines).toBe(first.lines);
    expect(second.totals).toEqual(first.totals);
    expect((await allLines(db, 'TPP-SETDA-2026-11')).map(stable)).toEqual(setda.map(stable));
  });

  it('resumes after a crash half-way: a run left computing is finished on the next run', async () => {
    const run = (await store.getRun(db, 'TPP-BKPP-2026-11', true)) as store.RunRecord;
    await store.saveRun(db, { ...run, computing: true, computeToken: 'crashed', version: run.version + 1 });
    await store.putLines(db, [
      {
        ...(await allLines(db, run.runId))[0],
        nip: '199901012020011999',
        computeToken: 'crashed',
      } as store.LineRecord,
    ]);
    await runTppMonthly({ ...depsAt(db, '2026-12-10T17:05:00.000Z') });
    const after = (await store.getRun(db, run.runId, true)) as store.RunRecord;
    expect(after.computing).toBe(false);
    expect((await allLines(db, run.runId)).map((l) => l.nip)).toEqual([NIP.hr]);
    expect(await outcome(uc.getRun(deps(), who.staff, run.runId))).toBe('Forbidden');
  });
});

describe('a new rule-set version', () => {
  it('is used by the next computation, and every line names it', async () => {
    const base = await uc.getRules(deps(), 2026);
    const { year: _y, version: _v, createdAt: _c, createdBy: _b, ...input } = base;
    const v2 = await uc.putRules(deps(), who.hr, 2026, {
      ...input,
      paguByJobClass: { ...input.paguByJobClass, '6': 4_500_000 },
      basedOnVersion: 1,
    });
    expect(v2.version).toBe(2);
    expect((await store.getRuleSet(db, 2026, 1))?.paguByJobClass['6']).toBe(4_200_000);
    const run = await uc.createRun(deps(), who.dkkAdmin, { agencyId: 'DKK', period: P });
    expect(run.ruleSetVersion).toBe(2);
    const lines = await allLines(db, run.runId);
    expect(lines.every((l) => l.breakdown.ruleSetVersion === 2)).toBe(true);
    expect(lines.find((l) => l.nip === NIP.officer)?.breakdown.pagu).toBe(4_500_000);
    // the approved DPU run still names version 1
    expect((await allLines(db, RUN)).every((l) => l.breakdown.ruleSetVersion === 1)).toBe(true);
  });
});
