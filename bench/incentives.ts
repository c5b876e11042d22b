/**
 * TPP bench: computing the DRAFT runs of every agency for the city's employees (the job
 * `tpp-monthly`), as time and as a ratio to bare DynamoDB BatchWrite of the same number of lines
 * on a fresh table in the same run (ratio = baseline time ÷ our time; target ≥ 0.6), with the
 * process's peak memory (the computation streams each agency page by page: it never holds the
 * city in memory).
 */
import { performance } from 'node:perf_hooks';
import { computeAllAgencies } from '../shared/incentives/compute.js';
import { employeeInMonth, noAttendance } from '../shared/incentives/rules.js';
import {
  type AttendanceRecord,
  type LineRecord,
  lineItem,
  linePages,
  putAttendance,
} from '../shared/incentives/store.js';
import { mapLimit } from '../shared/platform/concurrency.js';
import { batchWrite, type Item } from '../shared/platform/dynamo.js';
import { systemIds } from '../shared/platform/ids.js';
import { type BenchContext, type Figure, peakRssMb, round } from './lib.js';

const PERIOD = '2026-10';
/** in-flight BatchWrite calls of the baseline: the computation's agencies × writers per agency */
const BASELINE_WRITERS = 24;
const TARGET = 0.6;

/** A month of attendance for everyone (not timed): most on time, some late, a few absent. */
const seedAttendance = async (ctx: BenchContext) => {
  const records: AttendanceRecord[] = [];
  ctx.plan.employees.forEach((e, i) => {
    const month = employeeInMonth(e, PERIOD);
    if (!month.employed) return;
    const counts = noAttendance();
    if (i % 3 === 0) counts.TL1 = 1 + (i % 4);
    if (i % 7 === 0) counts.TL2 = 1;
    if (i % 29 === 0) counts.TK = 1;
    if (i % 11 === 0) counts.APEL = 1;
    records.push({
      nip: e.nip,
      period: PERIOD,
      agencyId: month.agencyId,
      counts,
      importedAt: '2026-11-05T00:00:00.000Z',
      importedBy: 'BENCH',
    });
  });
  for (let i = 0; i < records.length; i += 1000) await putAttendance(ctx.db, records.slice(i, i + 1000));
  return records.length;
};

/** One real line of the run, to give the baseline items of the same size and shape. */
const sampleLine = async (ctx: BenchContext, runId: string): Promise<LineRecord> => {
  for await (const page of linePages(ctx.db, runId, 1)) if (page[0]) return page[0];
  throw new Error(`no line in ${runId}`);
};

export const benchIncentives = async (ctx: BenchContext): Promise<Figure[]> => {
  ctx.useCityTable();
  const employees = ctx.plan.employees.length;
  ctx.log(`tpp: attendance of ${PERIOD} for ${employees} employees…`);
  await seedAttendance(ctx);

  ctx.log('tpp: computing the draft runs of every agency…');
  const deps = { db: ctx.db, clock: () => new Date('2026-11-11T00:05:00.000+07:00'), ids: systemIds };
  const rssBefore = await peakRssMb();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const out = await computeAllAgencies(deps, PERIOD, { by: 'bench' });
  const ours = performance.now() - t0;
  const heapAfter = process.memoryUsage().heapUsed;
  const peak = await peakRssMb();
  const lines = out.lines;
  ctx.log(`tpp: ${out.computed} runs, ${lines} lines in ${round(ours / 1000)} s`);

  // Baseline: the same number of lines of the same shape, written bare with BatchWrite on a fresh
  // table; twice, on two fresh tables, and the mean taken (the machine's load drifts).
  const template = lineItem(await sampleLine(ctx, `TPP-${ctx.plan.agencies[0]?.agencyId}-${PERIOD}`));
  const bare = async () => {
    const fresh = await ctx.freshTable();
    const items: Item[] = ctx.plan.employees.slice(0, lines).map((e, i) => ({
      ...template,
      pk: `TPPRUN#BASE-${i % 51}`,
      sk: `LINE#${e.nip}`,
      gsi1pk: `TPPLINE#${e.nip}`,
      nip: e.nip,
    }));
    const chunks: Item[][] = [];
    for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
    const t = performance.now();
    await mapLimit(chunks, BASELINE_WRITERS, (chunk) =>
      batchWrite(
        fresh,
        chunk.map((put) => ({ put })),
      ),
    );
    return performance.now() - t;
  };
  const baseline = ((await bare()) + (await bare())) / 2;
  ctx.useCityTable();
  const ratio = round(baseline / ours, 2);
  return [
    {
      name: `TPP: draft runs of every agency (${out.computed} agencies, ${lines} lines)`,
      value: round(ours / 1000, 2),
      unit: 's',
      baseline: round(baseline / 1000, 2),
      ratio,
      target: `baseline ÷ ours ≥ ${TARGET}`,
      ok: ratio >= TARGET && lines === employees,
      note: `bare BatchWrite of ${lines} lines (${BASELINE_WRITERS} in flight) on a fresh table; higher is better`,
    },
    {
      name: 'TPP: lines per second',
      value: round(lines / (ours / 1000), 0),
      unit: 'items',
    },
    {
      name: 'TPP: process peak memory (RSS)',
      value: peak,
      unit: 'MB',
      note: `peak before the computation ${rssBefore} MB (the seed plan is in memory); heap grew ${round((heapAfter - heapBefore) / 1024 / 1024, 1)} MB`,
    },
  ];
};
