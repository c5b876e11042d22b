/**
 * Performance benches: opening a monthly cycle for the whole city (time, and the ratio to a bare
 * BatchWriteItem of the same items on the same table in the same run, at the same concurrency), and
 * the reviewer's list of 30 reviewees through the gateway (p50/p99).
 */
import { performance } from 'node:perf_hooks';
import { approvedPlanFor, seedPerformanceYear } from '../infra/local/seed-performance.js';
import { openCycle } from '../shared/performance/cycle.js';
import { type AssessmentRecord, assessmentItem, planItem } from '../shared/performance/store.js';
import { mapLimit } from '../shared/platform/concurrency.js';
import { batchWrite, type Item } from '../shared/platform/dynamo.js';
import { systemIds } from '../shared/platform/ids.js';
import { type BenchContext, type Figure, measure, round } from './lib.js';

export { seedPerformanceYear };

/** A year no seed uses: the bench's plans and cycle never meet demo data. */
const YEAR = 2030;
/**
 * Agencies opened at once by openCycle, one run each; the baseline writes with as many writers.
 * DynamoDB Local runs transactions one at a time but BatchWriteItem calls side by side, so the
 * ratio depends on this: both are reported.
 */
const CONCURRENCY = [1, 4];

export const benchPerformance = async (ctx: BenchContext): Promise<Figure[]> => {
  const people = ctx.plan.employees.filter((e) => e.reviewerNip);
  ctx.log(`performance: approved ${YEAR} plans for ${people.length} employees (untimed)`);
  await mapLimit(
    Array.from({ length: Math.ceil(people.length / 500) }, (_, i) => people.slice(i * 500, i * 500 + 500)),
    8,
    (chunk) =>
      batchWrite(
        ctx.db,
        chunk.map((e) => ({ put: planItem(approvedPlanFor(e, YEAR)) })),
      ),
  );

  const cycles: Figure[] = [];
  for (const [i, concurrency] of CONCURRENCY.entries()) {
    const period = `${YEAR}-0${i + 1}`;
    ctx.log(`performance: opening ${period} for the city, ${concurrency} agencies at once`);
    const at = new Date(`${period}-01T00:05:00+07:00`);
    const t0 = performance.now();
    const opened = await openCycle({ db: ctx.db, clock: () => at, ids: systemIds }, period, { concurrency });
    const ours = performance.now() - t0;

    // the same items, bare BatchWriteItem (25 per call), as many writers, on the same table
    // (under another period key, so that they are new items as ours were)
    const barePeriod = `${YEAR}-B${i + 1}`;
    const items: Item[] = people.map((e) =>
      assessmentItem({
        id: `${e.nip}-${barePeriod}`,
        nip: e.nip,
        name: e.name,
        period: barePeriod,
        kind: 'MONTHLY',
        planId: `${e.nip}-${YEAR}`,
        agencyId: e.agencyId,
        unitId: e.unitId,
        reviewerNip: e.reviewerNip,
        state: 'OPEN',
        self: { entries: [], coreValueEvidence: [] },
        history: [{ at: at.toISOString(), by: 'system', action: 'OPENED', to: 'OPEN' }],
        version: 1,
        createdAt: at.toISOString(),
        updatedAt: at.toISOString(),
      } satisfies AssessmentRecord),
    );
    // as many writers in flight as ours may have: 4 batch calls per agency being opened
    const writers = concurrency * 4;
    const share = Math.ceil(items.length / writers);
    const t1 = performance.now();
    await Promise.all(
      Array.from({ length: writers }, (_, w) =>
        batchWrite(
          ctx.db,
          items.slice(w * share, (w + 1) * share).map((put) => ({ put })),
        ),
      ),
    );
    const baseline = performance.now() - t1;
    const ratio = round(baseline / ours, 2);
    cycles.push({
      name: `open monthly cycle (${opened.created} assessments, ${concurrency} at once)`,
      value: round(ours / 1000, 2),
      unit: 's',
      baseline: round(baseline / 1000, 2),
      ratio,
      target: 'ratio ≥ 0.7 (baseline time ÷ our time)',
      ok: ratio >= 0.7 && opened.created === people.length,
      note: `ours: per agency under a lease, read employees, approved plans and the assessments that exist, then BatchWriteItem the missing ones; baseline: bare BatchWriteItem of 25, ${writers} writers, same table`,
    });
  }

  // the reviewer with the number of reviewees closest to 30
  const counts = new Map<string, number>();
  for (const e of people) counts.set(e.reviewerNip as string, (counts.get(e.reviewerNip as string) ?? 0) + 1);
  const [reviewer, reviewees] = [...counts.entries()].sort(
    (a, b) => Math.abs(a[1] - 30) - Math.abs(b[1] - 30),
  )[0] ?? ['', 0];
  const token = await ctx.token(reviewer);
  const url = `${ctx.gatewayUrl}/v1/assessments?scope=reviewees&period=${YEAR}-01&limit=30`;
  const list = await measure(
    async () => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { items?: unknown[] };
      if (res.status !== 200 || (body.items?.length ?? 0) !== Math.min(30, reviewees))
        throw new Error(`reviewees list answered ${res.status}`);
    },
    { iterations: ctx.quick ? 50 : 300, concurrency: 1 },
  );

  return [
    ...cycles,
    {
      name: `GET /v1/assessments?scope=reviewees (${reviewees} reviewees) p50`,
      value: round(list.p50),
      unit: 'ms',
    },
    {
      name: `GET /v1/assessments?scope=reviewees (${reviewees} reviewees) p99`,
      value: round(list.p99),
      unit: 'ms',
      note: list.errors ? `${list.errors} errors` : 'one Query on gsi1 per page',
    },
  ];
};
