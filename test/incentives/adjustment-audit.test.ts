/**
 * Issue 11: a change to a month already approved (a back-dated position change, a late sanction,
 * corrected attendance) never edits the approved lines: it surfaces as the difference in an
 * ADJUSTMENT run, each line naming what changed, who recorded it and when.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getEmployee } from '../../shared/employees/store.js';
import { updateEmployee } from '../../shared/employees/use-cases.js';
import type { ComputeDeps } from '../../shared/incentives/compute.js';
import * as inputs from '../../shared/incentives/inputs.js';
import * as uc from '../../shared/incentives/use-cases.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { depsAt, freshTable } from '../support/db.js';
import { actors, NIP, seedOrg } from '../support/org.js';
import { allLines, type FakeAssessment, fakeAssessments, stable } from '../support/tpp.js';

let db: Db;
let who: ReturnType<typeof actors>;
const P = '2026-11';
const RUN = 'TPP-DPU-2026-11';
const finals = new Map<string, FakeAssessment>(
  [NIP.staff, NIP.staff2, NIP.dpuAdmin, NIP.officer, NIP.section, NIP.division, NIP.dpuHead].map((n) => [
    `${n}-${P}`,
    { final: 'BAIK' },
  ]),
);
const deps = (iso: string): ComputeDeps => ({ ...depsAt(db, iso), assessments: fakeAssessments(finals) });

beforeAll(async () => {
  db = await freshTable();
  who = actors(await seedOrg(db));
  const run = await uc.createRun(deps('2026-12-11T03:00:00.000Z'), who.dpuAdmin, {
    agencyId: 'DPU',
    period: P,
  });
  const sent = await uc.submitRun(deps('2026-12-11T04:00:00.000Z'), who.dpuAdmin, RUN, {
    version: run.version,
  });
  await uc.approveRun(deps('2026-12-12T03:00:00.000Z'), who.finance, RUN, { version: sent.version });
});

describe('a change to an approved month', () => {
  it('goes to an ADJUSTMENT run with the difference and who changed what and when; the approved lines stay', async () => {
    const approvedLines = (await allLines(db, RUN)).map(stable);
    const staff = await getEmployee(db, NIP.staff, true);
    // BKPP back-dates a promotion to 1 November, adds a late sanction, and corrects attendance
    await updateEmployee(deps('2026-12-15T02:00:00.000Z'), who.hr, NIP.staff, {
      version: staff?.version ?? 1,
      jobClass: 8,
      effectiveFrom: '2026-11-01',
    });
    await inputs.addSanction(deps('2026-12-15T03:00:00.000Z'), who.hr, NIP.staff2, {
      level: 'SEDANG',
      startDate: '2026-11-01',
      months: 1,
    });
    await inputs.importAttendance(deps('2026-12-15T04:00:00.000Z'), who.hr, P, {
      rows: [{ nip: NIP.officer, TK: 1 }],
    });

    const adj = await uc.createRun(deps('2026-12-16T03:00:00.000Z'), who.dpuAdmin, {
      agencyId: 'DPU',
      period: P,
      reason: 'Koreksi setelah persetujuan',
    });
    expect(adj).toMatchObject({ kind: 'ADJUSTMENT', adjusts: RUN, runId: `${RUN}-A1` });
    // the approved run's lines are untouched
    expect((await allLines(db, RUN)).map(stable)).toEqual(approvedLines);

    const lines = await allLines(db, adj.runId);
    const by = new Map(lines.map((l) => [l.nip, l]));
    expect([...by.keys()].sort()).toEqual([NIP.staff, NIP.staff2, NIP.officer].sort());
    // kelas 6 → 8: pagu 4.200.000 → 5.600.000, all BAIK, no deductions: +1.400.000 gross
    expect(by.get(NIP.staff)).toMatchObject({ gross: 1_400_000 });
    expect(by.get(NIP.staff)?.changes).toEqual([
      {
        what: 'POSITION',
        before: 'kelas 6 III/a',
        after: 'kelas 8 III/a',
        by: NIP.hr,
        at: '2026-12-15T02:00:00.000Z',
      },
    ]);
    expect(by.get(NIP.staff2)?.changes).toEqual([
      { what: 'SANCTION', before: '-', after: 'SEDANG 2500bp', by: NIP.hr, at: '2026-12-15T03:00:00.000Z' },
    ]);
    expect(by.get(NIP.staff2)?.gross).toBe(-1_050_000);
    expect(by.get(NIP.officer)?.changes).toEqual([
      { what: 'ATTENDANCE', before: '-', after: 'TK×1', by: NIP.hr, at: '2026-12-15T04:00:00.000Z' },
    ]);
    // and the employee reads it in plain words
    const mine = await uc.getLine(deps('2026-12-16T05:00:00.000Z'), who.staff, adj.runId, NIP.staff, 'en');
    expect(mine.explanation.join(' ')).toContain(
      `Changed POSITION: kelas 6 III/a → kelas 8 III/a (recorded by ${NIP.hr} at 2026-12-15T02:00:00.000Z).`,
    );
  });
});
