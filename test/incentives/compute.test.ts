/**
 * Properties of a computed run on DynamoDB Local, over generated months: the run's totals equal
 * the sum of its lines, and computing again gives the same run (same lines, same totals).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeRun } from '../../shared/incentives/compute.js';
import { importAttendance } from '../../shared/incentives/inputs.js';
import { DEDUCTION_CODES, PREDIKATS } from '../../shared/incentives/rules.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { depsAt, freshTable } from '../support/db.js';
import { actors, NIP, seedOrg } from '../support/org.js';
import { allLines, type FakeAssessment, fakeAssessments, stable, sumOf } from '../support/tpp.js';

let db: Db;
let who: ReturnType<typeof actors>;
const DPU = [NIP.dpuHead, NIP.division, NIP.section, NIP.staff, NIP.staff2, NIP.dpuAdmin, NIP.officer];

beforeAll(async () => {
  db = await freshTable();
  who = actors(await seedOrg(db));
});

const month = fc.record({
  attendance: fc.array(
    fc.record(Object.fromEntries(DEDUCTION_CODES.map((c) => [c, fc.integer({ min: 0, max: 12 })]))),
    { minLength: DPU.length, maxLength: DPU.length },
  ),
  imported: fc.array(fc.boolean(), { minLength: DPU.length, maxLength: DPU.length }),
  assessments: fc.array(
    fc.oneof(
      fc.constant(undefined),
      fc.record({ final: fc.constantFrom(...PREDIKATS) }),
      fc.record({ appealed: fc.constantFrom('SANGAT_BAIK', 'BAIK', 'KURANG') as fc.Arbitrary<'BAIK'> }),
    ),
    { minLength: DPU.length, maxLength: DPU.length },
  ),
  pageSize: fc.integer({ min: 1, max: 8 }),
});

describe('a computed run', () => {
  let n = 0;
  it('totals = Σ lines; computing again (any page size) gives the same run', async () => {
    await fc.assert(
      fc.asyncProperty(month, async (m) => {
        n++;
        const period = `2026-${String((n % 12) + 1).padStart(2, '0')}`;
        const deps = depsAt(db, '2026-12-11T03:00:00.000Z');
        const rows = DPU.map((nip, i) => ({ nip, ...m.attendance[i] })).filter((_, i) => m.imported[i]);
        if (rows.length) await importAttendance(deps, who.hr, period, { rows });
        const byId = new Map<string, FakeAssessment>();
        DPU.forEach((nip, i) => {
          const a = m.assessments[i];
          if (a) byId.set(`${nip}-${period}`, a);
        });
        const withReader = { ...deps, assessments: fakeAssessments(byId) };
        const first = await computeRun(withReader, {
          agencyId: 'DPU',
          period,
          by: 'test',
          pageSize: m.pageSize,
        });
        const lines = await allLines(db, first.run?.runId as string);
        expect(lines).toHaveLength(DPU.length);
        expect(first.run?.totals).toEqual(sumOf(lines));
        for (const l of lines) {
          expect(l.net).toBeGreaterThanOrEqual(0);
          expect(l.net).toBeLessThanOrEqual(l.gross);
          expect(l.gross).toBeLessThanOrEqual(l.breakdown.pagu);
        }
        const again = await computeRun(withReader, { agencyId: 'DPU', period, by: 'test', pageSize: 100 });
        expect(again.run?.totals).toEqual(first.run?.totals);
        expect(again.run?.counts).toEqual(first.run?.counts);
        expect((await allLines(db, again.run?.runId as string)).map(stable)).toEqual(lines.map(stable));
      }),
      { numRuns: 8 },
    );
  });
});
