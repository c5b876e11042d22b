/**
 * Computing a TPP run: one agency, one month. The agency's employees are streamed page by page
 * (never the whole city, nor the whole agency, in memory), each page's inputs are read in
 * batches, the lines are written in batches (BatchWrite with retries) and the totals are kept
 * as running sums.
 *
 * Idempotent: a line's key is its run and NIP, and every line written by a computation carries
 * that computation's token; at the end the lines of older computations that were not rewritten
 * (the employee left the agency's month) are deleted. Running it twice, or after a crash half-way,
 * gives the same run.
 *
 * Which run: the month's REGULAR run while it is DRAFT or REJECTED (it goes back to DRAFT). Once
 * it is APPROVED it is locked, and a change is computed into an ADJUSTMENT run that references it
 * and holds only the differences from what the approved runs paid, with the reason.
 */

import type { EmployeeRecord } from '../employees/store.js';
import { keys as employeeKeys, getEmployees, listAgencies } from '../employees/store.js';
import { mapLimit } from '../platform/concurrency.js';
import { type Item, queryAll, queryPage } from '../platform/dynamo.js';
import { AlreadyExists, fieldError, InvalidState, invalid } from '../platform/errors.js';
import type { Deps } from '../platform/http.js';
import { stripKeys } from '../platform/records.js';
import { type AnyAssessmentReader, readPredikats } from './performance-input.js';
import {
  type AttendanceCounts,
  type Breakdown,
  changesBetween,
  computeLine,
  DEFAULT_RULE_SET_YEAR,
  defaultRuleSet,
  employeeInMonth,
  type InputChange,
  noAttendance,
  type RuleSet,
} from './rules.js';
import type { LineRecord, RunCounts, RunRecord, Totals } from './store.js';
import * as store from './store.js';

export interface ComputeDeps extends Deps {
  /** the performance area's reader (default: shared/incentives/performance-input.ts) */
  assessments?: AnyAssessmentReader;
}

export interface ComputeOptions {
  agencyId: string;
  period: string;
  /** who asked (a NIP, or the job's name) */
  by: string;
  /** why: required when the month's run is approved (an adjustment) */
  reason?: string;
  /** the job: compute the regular draft only; a submitted or approved month is left alone */
  draftOnly?: boolean;
  /** employees per page (default 250) */
  pageSize?: number;
}

export type ComputeOutcome = { run: RunRecord; skipped?: undefined } | { run?: RunRecord; skipped: string };

/** The rule set in force for a year: its latest version, or the shipped default for 2026. */
export const ruleSetFor = async (deps: Deps, year: number): Promise<RuleSet | undefined> =>
  (await store.latestRuleSet(deps.db, year)) ??
  (year === DEFAULT_RULE_SET_YEAR ? defaultRuleSet() : undefined);

const zeroCounts = (): RunCounts => ({
  lines: 0,
  paid: 0,
  stopped: 0,
  noAssessment: 0,
  openAssessment: 0,
  noAttendance: 0,
});
const zeroTotals = (): Totals => ({ gross: 0, tax: 0, net: 0 });

const newRun = (
  runId: string,
  kind: RunRecord['kind'],
  o: ComputeOptions,
  now: string,
  extra: Partial<RunRecord> = {},
): RunRecord => ({
  runId,
  kind,
  agencyId: o.agencyId,
  period: o.period,
  status: 'DRAFT',
  version: 1,
  counts: zeroCounts(),
  totals: zeroTotals(),
  history: [],
  createdAt: now,
  updatedAt: now,
  ...extra,
});

/** Creates the run, or reads the one a concurrent request created first. */
const createOrRead = async (deps: Deps, run: RunRecord): Promise<RunRecord> => {
  try {
    await store.createRun(deps.db, run);
    return run;
  } catch (e) {
    if (!(e instanceof AlreadyExists)) throw e;
    return (await store.getRun(deps.db, run.runId, true)) as RunRecord;
  }
};

const stateError = (run: RunRecord) =>
  new InvalidState('TPP_RUN_STATE', { runId: run.runId, status: run.status });

/** The run a computation for this agency and month writes into (created when needed). */
const targetRun = async (deps: Deps, o: ComputeOptions): Promise<ComputeOutcome> => {
  const now = deps.clock().toISOString();
  const regularId = store.regularRunId(o.agencyId, o.period);
  const regular = await store.getRun(deps.db, regularId, true);
  if (!regular) return { run: await createOrRead(deps, newRun(regularId, 'REGULAR', o, now)) };
  if (regular.status === 'DRAFT' || regular.status === 'REJECTED') return { run: regular };
  if (o.draftOnly) return { run: regular, skipped: regular.status };
  if (regular.status === 'SUBMITTED') throw stateError(regular);
  // APPROVED: the change goes to an adjustment run.
  if (!o.reason) throw invalid(fieldError('body.reason', 'adjustment_reason'));
  for (let n = 1; ; n++) {
    const id = store.adjustmentRunId(o.agencyId, o.period, n);
    const adj = await store.getRun(deps.db, id, true);
    if (!adj)
      return {
        run: await createOrRead(
          deps,
          newRun(id, 'ADJUSTMENT', o, now, { adjusts: regularId, reason: o.reason }),
        ),
      };
    if (adj.status === 'DRAFT' || adj.status === 'REJECTED') return { run: { ...adj, reason: o.reason } };
    if (adj.status === 'SUBMITTED') throw stateError(adj);
  }
};

/**
 * What the approved runs of an agency's month have paid, per NIP (one agency: a few thousand),
 * with the breakdown the latest of them approved and when it was approved.
 */
const paidSoFar = async (deps: Deps, agencyId: string, period: string): Promise<Map<string, Paid>> => {
  const paid = new Map<string, Paid>();
  const runs = await store.runsOfAgencyMonth(deps.db, agencyId, period);
  const approvedAt = (r: RunRecord) => r.history.findLast((h) => h.action === 'APPROVED')?.at ?? r.updatedAt;
  const approved = runs
    .filter((r) => r.status === 'APPROVED')
    .sort((a, b) => approvedAt(a).localeCompare(approvedAt(b)));
  for (const run of approved) {
    for await (const lines of store.linePages(deps.db, run.runId)) {
      for (const l of lines) {
        const t = paid.get(l.nip) ?? { ...zeroTotals(), approvedAt: '' };
        paid.set(l.nip, {
          gross: t.gross + l.gross,
          tax: t.tax + l.tax,
          net: t.net + l.net,
          breakdown: l.breakdown,
          approvedAt: approvedAt(run),
        });
      }
    }
  }
  return paid;
};

interface Paid extends Totals {
  /** the breakdown of the latest approved line */
  breakdown?: Breakdown;
  approvedAt: string;
}

/**
 * Who recorded each changed input and when: the employee's change log (position, status), the
 * attendance import, the sanction; a predikat's author is the performance area's (not kept here).
 */
const authorsOf = async (
  deps: Deps,
  period: string,
  pending: Array<{ line: LineRecord; e: EmployeeRecord; since: string }>,
): Promise<void> => {
  const needs = (what: InputChange['what']) =>
    pending.filter((p) => p.line.changes?.some((c) => c.what === what)).map((p) => p.line.nip);
  const [attendance, sanctions] = await Promise.all([
    store.getAttendance(deps.db, needs('ATTENDANCE'), period),
    Promise.all(
      needs('SANCTION').map(async (nip) => [nip, await store.listSanctions(deps.db, nip)] as const),
    ),
  ]);
  const sanctionsOf = new Map(sanctions);
  for (const { line, e, since } of pending) {
    for (const c of line.changes ?? []) {
      let source: { by: string; at: string } | undefined;
      if (c.what === 'POSITION' || c.what === 'STATUS')
        source = (e.changeLog ?? []).findLast((x) => x.what === c.what && x.at >= since);
      else if (c.what === 'ATTENDANCE') {
        const a = attendance.get(line.nip);
        if (a) source = { by: a.importedBy, at: a.importedAt };
      } else if (c.what === 'SANCTION') {
        const id = line.breakdown.sanction?.sanctionId;
        const s = (sanctionsOf.get(line.nip) ?? [])
          .filter((x) => (id ? x.sanctionId === id : x.createdAt >= since))
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
          .at(-1);
        if (s) source = { by: s.createdBy, at: s.createdAt };
      }
      if (source) Object.assign(c, { by: source.by, at: source.at });
    }
  }
};

interface Accumulator {
  counts: RunCounts;
  totals: Totals;
}

const add = (acc: Accumulator, l: LineRecord) => {
  const b = l.breakdown;
  acc.counts.lines++;
  if (b.stoppedBy) acc.counts.stopped++;
  else if (b.gross > 0) acc.counts.paid++;
  if (b.predikatSource === 'NO_ASSESSMENT') acc.counts.noAssessment++;
  if (b.predikatSource === 'ASSESSMENT_OPEN') acc.counts.openAssessment++;
  if (!b.attendanceImported) acc.counts.noAttendance++;
  acc.totals.gross += l.gross;
  acc.totals.tax += l.tax;
  acc.totals.net += l.net;
};

const WRITE_CHUNK = 25;
const WRITERS = 4;

/**
 * Computes the lines of these NIPs for the run and writes them; returns the NIPs that got no line
 * (not in the agency's month, not employed, unknown, or an adjustment with no difference).
 */
const computeBatch = async (
  deps: ComputeDeps,
  ctx: {
    run: RunRecord;
    rules: RuleSet;
    token: string;
    sanctions: Map<string, import('./rules.js').SanctionInForce[]>;
    paid?: Map<string, Paid>;
    attendance: Map<string, AttendanceCounts>;
    acc: Accumulator;
  },
  who: string[] | EmployeeRecord[],
): Promise<string[]> => {
  const { run, rules } = ctx;
  const known = typeof who[0] === 'string' ? undefined : (who as EmployeeRecord[]);
  const nips = known ? known.map((e) => e.nip) : (who as string[]);
  // The agency's month of attendance is read once per run; an employee outside the agency's
  // listing (moved since, or paid before) is looked up by NIP.
  const [employees, predikats, attendance] = await Promise.all([
    known ? new Map(known.map((e) => [e.nip, e])) : getEmployees(deps.db, nips),
    readPredikats(deps.db, nips, run.period, deps.assessments),
    known
      ? ctx.attendance
      : store
          .getAttendance(deps.db, nips, run.period)
          .then((found) => new Map([...found].map(([nip, a]) => [nip, a.counts]))),
  ]);
  const lines: LineRecord[] = [];
  const none: string[] = [];
  const changed: Array<{ line: LineRecord; e: EmployeeRecord; since: string }> = [];
  for (const nip of nips) {
    const e = employees.get(nip);
    const paid = ctx.paid?.get(nip);
    const month = e ? employeeInMonth(e, run.period) : undefined;
    const inRun = !!e && !!month && month.employed && month.agencyId === run.agencyId;
    if (!e || !month || (!inRun && !paid)) {
      none.push(nip);
      continue;
    }
    const reading = predikats.get(nip) ?? {
      predikat: 'NOT_SUBMITTED' as const,
      source: 'NO_ASSESSMENT' as const,
    };
    const att = attendance.get(nip);
    const breakdown: Breakdown = computeLine(rules, {
      period: run.period,
      employmentType: e.employmentType,
      jobClass: month.jobClass,
      grade: month.grade,
      predikat: reading.predikat,
      predikatSource: reading.source,
      attendance: att ?? noAttendance(),
      attendanceImported: !!att,
      sanctions: ctx.sanctions.get(nip) ?? [],
      statusPeriods: e.statusPeriods,
    });
    // An employee no longer in the agency's month (their history was corrected) is owed nothing.
    const due = inRun ? breakdown : { ...breakdown, gross: 0, tax: 0, net: 0 };
    const base = lineBase(run, e, month.unitId, ctx.token);
    if (run.kind === 'REGULAR') {
      lines.push({ ...base, gross: due.gross, tax: due.tax, net: due.net, breakdown: due });
      continue;
    }
    const previous = paid ? { gross: paid.gross, tax: paid.tax, net: paid.net } : zeroTotals();
    const delta = {
      gross: due.gross - previous.gross,
      tax: due.tax - previous.tax,
      net: due.net - previous.net,
    };
    if (delta.gross === 0 && delta.tax === 0 && delta.net === 0) {
      none.push(nip);
      continue;
    }
    const line: LineRecord = {
      ...base,
      ...delta,
      breakdown: due,
      previous,
      reason: run.reason,
      ...(paid?.breakdown ? { changes: changesBetween(paid.breakdown, due) } : {}),
    };
    lines.push(line);
    if (line.changes?.length) changed.push({ line, e, since: paid?.approvedAt ?? '' });
  }
  if (changed.length) await authorsOf(deps, run.period, changed);
  const chunks: LineRecord[][] = [];
  for (let i = 0; i < lines.length; i += WRITE_CHUNK) chunks.push(lines.slice(i, i + WRITE_CHUNK));
  await mapLimit(chunks, WRITERS, (chunk) => store.putLines(deps.db, chunk));
  for (const l of lines) add(ctx.acc, l);
  return none;
};

/**
 * One page of an agency's employees, full records: the organisation's by-agency index projects
 * every attribute, so one Query gives what a run needs (no second read of the same records).
 */
const agencyEmployeePage = async (deps: Deps, agencyId: string, limit: number, cursor?: string) => {
  const page = await queryPage(deps.db, {
    index: 'gsi1',
    pk: employeeKeys.agencyEmployees(agencyId),
    limit,
    cursor,
  });
  return { items: page.items.map((i) => stripKeys<EmployeeRecord>(i)), cursor: page.cursor };
};

const lineBase = (run: RunRecord, e: EmployeeRecord, unitId: string, token: string) => ({
  runId: run.runId,
  period: run.period,
  agencyId: run.agencyId,
  nip: e.nip,
  name: e.name,
  unitId,
  computeToken: token,
});

/**
 * Computes the DRAFT run of one agency and month (or its ADJUSTMENT once approved): see the
 * module comment. Returns the run with its counts and totals, or why it was left alone.
 */
export const computeRun = async (deps: ComputeDeps, o: ComputeOptions): Promise<ComputeOutcome> => {
  const year = Number(o.period.slice(0, 4));
  const rules = await ruleSetFor(deps, year);
  if (!rules) throw new InvalidState('TPP_NO_RULE_SET', { year });
  const target = await targetRun(deps, o);
  if (target.skipped !== undefined) return target;
  const found = target.run;
  const token = deps.ids();
  const hadLines = found.counts.lines > 0 || found.computing === true || found.history.length > 0;
  // Claim the run: a submission cannot slip in while lines are being written.
  const claimed: RunRecord = {
    ...found,
    status: 'DRAFT',
    computing: true,
    computeToken: token,
    version: found.version + 1,
    updatedAt: deps.clock().toISOString(),
  };
  await store.saveRun(deps.db, claimed);

  const [sanctions, attendance, paid] = await Promise.all([
    store.sanctionsOfMonth(deps.db, o.period),
    store.attendanceOfAgency(deps.db, o.agencyId, o.period),
    claimed.kind === 'ADJUSTMENT' ? paidSoFar(deps, o.agencyId, o.period) : Promise.resolve(undefined),
  ]);
  const ctx = {
    run: claimed,
    rules,
    token,
    sanctions,
    attendance,
    paid,
    acc: { counts: zeroCounts(), totals: zeroTotals() },
  };
  const pending = new Set(paid?.keys() ?? []);
  const pageSize = o.pageSize ?? 250;

  // 1. the agency's employees, page by page; the next page is read while this one is computed
  const readPage = (cursor?: string) => {
    const read = agencyEmployeePage(deps, o.agencyId, pageSize, cursor);
    // awaited below; if it fails while a batch is still being computed (or the batch fails
    // first), that is not an unhandled rejection (which would bring the process down)
    read.catch(() => undefined);
    return read;
  };
  let next = readPage();
  for (;;) {
    const page = await next;
    if (page.cursor) next = readPage(page.cursor);
    for (const e of page.items) pending.delete(e.nip);
    if (page.items.length) await computeBatch(deps, ctx, page.items);
    if (!page.cursor) break;
  }
  // 2. employees paid before (adjustment) who are no longer listed under the agency
  const paidLeft = [...pending];
  for (let i = 0; i < paidLeft.length; i += pageSize)
    await computeBatch(deps, ctx, paidLeft.slice(i, i + pageSize));
  // 3. lines of an earlier computation not rewritten now: recompute them (the employee may have
  //    moved away after the month's end), and delete the ones that get no line
  if (hadLines) {
    const stale: string[] = [];
    for await (const items of queryAll(deps.db, {
      pk: store.keys.runPartition(claimed.runId),
      prefix: 'LINE#',
      limit: 500,
    })) {
      for (const l of items.map((i: Item) => stripKeys<LineRecord>(i)))
        if (l.computeToken !== token) stale.push(l.nip);
    }
    for (let i = 0; i < stale.length; i += pageSize) {
      const none = await computeBatch(deps, ctx, stale.slice(i, i + pageSize));
      await store.deleteLines(deps.db, claimed.runId, none);
    }
  }
  const computed = { action: 'COMPUTED' as const, at: deps.clock().toISOString(), by: o.by };
  // The same computation again — a retried job event: same time, same author — is not a new event.
  const last = claimed.history.at(-1);
  const again = last?.action === computed.action && last.at === computed.at && last.by === computed.by;
  const done: RunRecord = {
    ...claimed,
    computing: false,
    ruleSetVersion: rules.version,
    counts: ctx.acc.counts,
    totals: ctx.acc.totals,
    history: again ? claimed.history : [...claimed.history, computed],
    version: claimed.version + 1,
    updatedAt: deps.clock().toISOString(),
  };
  await store.saveRun(deps.db, done);
  return { run: done };
};

export interface CityOutcome {
  period: string;
  agencies: number;
  computed: number;
  skipped: Array<{ agencyId: string; status: string }>;
  lines: number;
  totals: Totals;
}

/**
 * The DRAFT runs of every agency for a month (the job `tpp-monthly`): a few agencies at a time.
 * A month already submitted or approved is left alone. Resumable: every agency's computation is
 * idempotent, so running again after a crash finishes the work and changes nothing else.
 */
export const computeAllAgencies = async (
  deps: ComputeDeps,
  period: string,
  options: { concurrency?: number; by?: string; log?: (line: string) => void } = {},
): Promise<CityOutcome> => {
  const agencyIds: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listAgencies(deps.db, { limit: 100, cursor });
    agencyIds.push(...page.items.map((a) => a.agencyId));
    cursor = page.cursor;
  } while (cursor);
  const out: CityOutcome = {
    period,
    agencies: agencyIds.length,
    computed: 0,
    skipped: [],
    lines: 0,
    totals: zeroTotals(),
  };
  await mapLimit(agencyIds, options.concurrency ?? 6, async (agencyId) => {
    const r = await computeRun(deps, { agencyId, period, by: options.by ?? 'tpp-monthly', draftOnly: true });
    if (r.skipped !== undefined) {
      out.skipped.push({ agencyId, status: r.skipped });
      return;
    }
    out.computed++;
    out.lines += r.run.counts.lines;
    out.totals.gross += r.run.totals.gross;
    out.totals.tax += r.run.totals.tax;
    out.totals.net += r.run.totals.net;
    options.log?.(`tpp ${period} ${agencyId}: ${r.run.counts.lines} lines`);
  });
  return out;
};
