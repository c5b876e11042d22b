/**
 * Faults: a scheduled job whose DynamoDB goes away half-way (issue 7).
 *
 * For each of the three big jobs (opening the month's cycle, the TPP computation of every agency,
 * the complaint SLA sweep):
 * 1. realistic data (Semarang's 51 agencies, a synthetic workforce, plans, assessments,
 *    attendance, sanctions, complaints in every state) is prepared once in a table of the run's
 *    DynamoDB Local and copied item for item into a second table, the job's;
 * 2. the job's Lambda handler runs on the first table: the clean run;
 * 3. the handler runs on the job's table, with the same ScheduledEvent, reaching DynamoDB through a
 *    relay (test/support/outage.ts) that its own client cuts once half the clean run's write calls
 *    are done: the port is closed and every open connection reset, as when the server or the
 *    network goes. The job must fail (reject) within 30 s (the SDK retries with backoff first),
 *    with none of its writes still under way, and log one ERROR line naming the job, the event
 *    and the cause;
 * 4. DynamoDB comes back on the same port: what was acknowledged before the outage is there (some
 *    of the job's records, not all);
 * 5. the handler runs again with the same event (as EventBridge's retry sends it) and must leave
 *    exactly the records of the clean run: every item of both tables is compared, ignoring only
 *    the attributes named in `ignore` (see each job), and the job's records are checked for
 *    duplicates.
 *
 * The outage is a relay, not a stopped Java process: starting DynamoDB Local on disk twice per
 * scenario cost most of this file's minutes on a 2-core machine, and what is tested here is the
 * job, not DynamoDB Local's own persistence (test/local/dynamodb.test.ts and start.test.ts do that).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { ScheduledEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { handler as complaintSla } from '../../functions/jobs/complaint-sla.js';
import { handler as openMonthlyCycle } from '../../functions/jobs/open-monthly-cycle.js';
import { handler as tppMonthly } from '../../functions/jobs/tpp-monthly.js';
import { deleteTable, ensureTable } from '../../infra/local/dynamodb.js';
import { useLocalDynamo } from '../../infra/local/env.js';
import { scheduledEvent } from '../../infra/local/jobs.js';
import { planSeed } from '../../infra/local/seed.js';
import { approvedPlanFor } from '../../infra/local/seed-performance.js';
import { calendarsByYear, type HolidayCalendar } from '../../shared/calendar/rules.js';
import { saveCalendar } from '../../shared/calendar/store.js';
import { defaultCategories } from '../../shared/complaints/categories.js';
import * as life from '../../shared/complaints/lifecycle.js';
import { newCode, newSecret } from '../../shared/complaints/secrets.js';
import { categoryItem, complaintItem, eventItems, feedItem, keys } from '../../shared/complaints/store.js';
import {
  agencyItem,
  type EmployeeRecord,
  employeeItem,
  roleGrantItems,
  unitItem,
} from '../../shared/employees/store.js';
import {
  type AttendanceCounts,
  DEDUCTION_CODES,
  defaultRuleSet,
  sanctionEnd,
  sanctionPeriods,
} from '../../shared/incentives/rules.js';
import { attendanceItem, createSanction, ruleSetItem } from '../../shared/incentives/store.js';
import type { Predikat } from '../../shared/performance/rules.js';
import { type AssessmentRecord, assessmentItem, planItem } from '../../shared/performance/store.js';
import { mapLimit } from '../../shared/platform/concurrency.js';
import { batchWrite, createDb, type Db, type Item, db as jobDb } from '../../shared/platform/dynamo.js';
import { logger } from '../../shared/platform/logger.js';
import { startOutageRelay } from '../support/outage.js';

// ── helpers ──────────────────────────────────────────────────────────────────────

/**
 * How long a job may take to give up once DynamoDB is gone: the SDK retries each call with
 * backoff, and the SLA sweep lets the complaints already under way settle. 10-25 s on an idle
 * machine; the limit only tells a job that gives up from one that hangs.
 */
const FAIL_WITHIN_MS = 150_000;

/** A deterministic 0..n-1 from a text (FNV-1a), so the prepared data is the same every run. */
const pick = (text: string, n: number): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h % n;
};

/** Every item of a table (a test may Scan; the application never does). */
const scanAll = async (endpoint: string, table: string): Promise<Item[]> => {
  const doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: 'local',
      endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const out: Item[] = [];
  let start: Record<string, unknown> | undefined;
  try {
    do {
      const page = await doc.send(
        new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }),
      );
      out.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
  } finally {
    doc.destroy();
  }
  return out;
};

/** Unconditional puts, 25 a call, a few calls at once (DynamoDB Local on disk is slow one by one). */
const writeAll = async (db: Db, items: Item[]) => {
  const chunks: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  await mapLimit(chunks, 8, (chunk) =>
    batchWrite(
      db,
      chunk.map((put) => ({ put })),
    ),
  );
};

const WRITE_COMMANDS = /^(TransactWriteItems|BatchWriteItem|PutItem|UpdateItem|DeleteItem)Command$/;

interface Watch {
  /** write calls completed (after the SDK's retries) */
  writes: number;
  /** calls started and not settled yet (the SDK's retries included) */
  inFlight: number;
  /** of which writes */
  writesInFlight: number;
}

/**
 * Watches the calls of the job's own client (the process-wide one the handler uses): counts the
 * write calls that succeeded and the calls in flight, and calls `afterWrite` (awaited, before the
 * job sees the result) after each successful write.
 */
const watchClient = (db: Db, afterWrite?: (writes: number) => Promise<void>): Watch => {
  const watch: Watch = { writes: 0, inFlight: 0, writesInFlight: 0 };
  db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const write = WRITE_COMMANDS.test((context as { commandName?: string }).commandName ?? '');
      watch.inFlight++;
      if (write) watch.writesInFlight++;
      try {
        const out = await next(args);
        if (write) {
          watch.writes++;
          await afterWrite?.(watch.writes);
        }
        return out;
      } finally {
        watch.inFlight--;
        if (write) watch.writesInFlight--;
      }
    },
    { step: 'initialize', name: 'faultWatch' },
  );
  return watch;
};

/** Waits until `done()` holds, checking every 50 ms; false if it still does not after `ms`. */
const eventually = async (done: () => boolean, ms: number): Promise<boolean> => {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
};

/** The log lines (JSON) printed while `fn` runs; nothing reaches the terminal. */
const capturingLogs = async <T>(fn: () => Promise<T>): Promise<{ result: T; lines: Item[] }> => {
  const raw: string[] = [];
  const spies = [process.stdout, process.stderr].map((stream) =>
    vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown) => {
      raw.push(String(chunk));
      return true;
    }) as typeof stream.write),
  );
  try {
    const result = await fn();
    return { result, lines: parseLines(raw) };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
};

const parseLines = (raw: string[]): Item[] =>
  raw
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => {
      try {
        return JSON.parse(l) as Item;
      } catch {
        return { unparsed: l };
      }
    });

type Outcome<T> =
  | { ok: true; value: T; ms: number }
  | { ok: false; error: unknown; ms: number }
  | 'still running';

/** Settles `p`, or says it was still running after `ms` (a hang). */
const within = async <T>(p: Promise<T>, ms: number): Promise<Outcome<T>> => {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'still running'>((resolve) => {
    timer = setTimeout(() => resolve('still running'), ms);
  });
  try {
    return await Promise.race([
      p.then(
        (value) => ({ ok: true as const, value, ms: Date.now() - started }),
        (error: unknown) => ({ ok: false as const, error, ms: Date.now() - started }),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
};

const keyOf = (i: Item) => `${i.pk}\u0000${i.sk}`;

/** An item without the attributes its type legitimately has different after an interrupted run. */
const comparable = (item: Item, ignore: Record<string, string[]>): Item => {
  const out = { ...item };
  for (const a of ignore[item.type as string] ?? []) delete out[a];
  return out;
};

/** What differs between two tables' items: keys only in one, and items that differ. */
const tableDiff = (clean: Item[], after: Item[], ignore: Record<string, string[]>) => {
  const a = new Map(clean.map((i) => [keyOf(i), comparable(i, ignore)]));
  const b = new Map(after.map((i) => [keyOf(i), comparable(i, ignore)]));
  const missing = [...a.keys()].filter((k) => !b.has(k));
  const extra = [...b.keys()].filter((k) => !a.has(k));
  const changed = [...a.keys()].filter(
    (k) => b.has(k) && JSON.stringify(sorted(a.get(k))) !== JSON.stringify(sorted(b.get(k))),
  );
  return {
    missing: missing.slice(0, 5),
    missingCount: missing.length,
    extra: extra.slice(0, 5),
    extraCount: extra.length,
    changed: changed.slice(0, 3).map((k) => changedAttributes(k, a.get(k) as Item, b.get(k) as Item)),
    changedCount: changed.length,
  };
};

/** The attributes that differ between two versions of an item, each with both values. */
const changedAttributes = (key: string, clean: Item, after: Item) => ({
  key: key.replace('\u0000', ' '),
  attributes: Object.fromEntries(
    [...new Set([...Object.keys(clean), ...Object.keys(after)])]
      .filter((n) => JSON.stringify(sorted(clean[n])) !== JSON.stringify(sorted(after[n])))
      .map((n) => [n, { clean: sorted(clean[n]), after: sorted(after[n]) }]),
  ),
});

/** A value with its object keys sorted and sets as sorted arrays (a stable JSON form). */
const sorted = (v: unknown): unknown => {
  if (v instanceof Set) return [...v].map(sorted).sort();
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
    );
  return v;
};

const countBy = <T>(items: T[], key: (i: T) => string): Map<string, number> => {
  const out = new Map<string, number>();
  for (const i of items) out.set(key(i), (out.get(key(i)) ?? 0) + 1);
  return out;
};
const duplicates = <T>(items: T[], key: (i: T) => string): string[] =>
  [...countBy(items, key)].filter(([, n]) => n > 1).map(([k]) => k);

// ── the workforce every job works on ──────────────────────────────────────────────

/**
 * Semarang's 51 agencies with a synthetic workforce (the demo seed's plan: heads, secretaries,
 * divisions, sections, staff; PNS and PPPK; one admin per agency, the city desk, the auditor),
 * a few retired or on long leave.
 */
const workforce = (size: number) => {
  const plan = planSeed(size, new Date('2026-01-02T01:00:00.000Z'));
  plan.employees.forEach((e, i) => {
    if (i % 97 === 13) e.statusPeriods = [{ status: 'PENSIUN', from: '2026-11-01' }];
    else if (i % 89 === 7) e.statusPeriods = [{ status: 'CUTI_BESAR', from: '2026-10-01', to: '2027-01-31' }];
  });
  const items: Item[] = [
    ...plan.agencies.map(agencyItem),
    ...plan.units.map(unitItem),
    ...plan.employees.flatMap((e) => [employeeItem(e), ...roleGrantItems(e.nip, e.roleGrants)]),
  ];
  return { plan, items };
};

/** Those with a pejabat penilai and an approved SKP for 2026 (about one in thirteen has none). */
const withApprovedPlan = (employees: EmployeeRecord[]) =>
  employees.filter((e, i) => e.reviewerNip && i % 13 !== 5);

// ── the scenario ─────────────────────────────────────────────────────────────────

interface Scenario {
  job: string;
  handler: (event: ScheduledEvent) => Promise<unknown>;
  time: string;
  /** writes the prepared data into a table */
  prepare: (db: Db) => Promise<void>;
  /** the job's records among a table's items (to see the state the fault left) */
  made: (items: Item[]) => Item[];
  /** attributes, per item type, that legitimately differ after an interrupted run (and why: see the job) */
  ignore: Record<string, string[]>;
  /** duplicate and consistency checks of the job's records after the rerun */
  check: (after: Item[], clean: Item[]) => void;
}

beforeAll(() => {
  logger.setLogLevel('INFO');
});

afterAll(() => {
  logger.setLogLevel('SILENT');
});

const runScenario = async (s: Scenario) => {
  const endpoint = inject('dynamoEndpoint');
  const suffix = `${s.job}-${randomBytes(4).toString('hex')}`;
  const cleanTable = `fault-clean-${suffix}`;
  const jobTable = `fault-job-${suffix}`;
  // how long each phase took (FAULTS_REPORT=1 prints it): where this file's minutes go
  const phases: Record<string, number> = {};
  let phaseStart = Date.now();
  const phase = (name: string) => {
    phases[name] = Date.now() - phaseStart;
    phaseStart = Date.now();
  };
  // 1. the data is prepared once, and the same items go into the job's table
  // without streams: nothing reads them here, and DynamoDB Local's stream records slow every later write
  await Promise.all([
    ensureTable(endpoint, cleanTable, { stream: false }),
    ensureTable(endpoint, jobTable, { stream: false }),
  ]);
  await s.prepare(createDb({ table: cleanTable, endpoint }));
  phase('prepare');
  await writeAll(createDb({ table: jobTable, endpoint }), await scanAll(endpoint, cleanTable));
  phase('copy');
  // the job reaches its table only through the relay, which can make DynamoDB go away
  const outage = await startOutageRelay(endpoint);
  try {
    const event = scheduledEvent(s.job, new Date(s.time));

    // 2. the clean run
    useLocalDynamo(endpoint, cleanTable);
    const cleanWatch = watchClient(jobDb());
    const cleanRun = await capturingLogs(() => s.handler(event));
    const clean = await scanAll(endpoint, cleanTable);
    const cleanMade = s.made(clean).length;
    phase('clean run');
    expect(cleanMade).toBeGreaterThan(0);
    expect(cleanWatch.writes).toBeGreaterThanOrEqual(50); // the job works in many batches

    // 3. the same job on its own table, whose DynamoDB goes away after half the writes
    useLocalDynamo(outage.endpoint, jobTable);
    const stopAfter = Math.floor(cleanWatch.writes / 2);
    let stoppedAt = 0;
    const watch = watchClient(jobDb(), async (n) => {
      if (n !== stopAfter) return;
      await outage.cut();
      stoppedAt = Date.now();
    });
    const failed = await capturingLogs(() => within(s.handler(event), FAIL_WITHIN_MS));
    const outcome = failed.result;
    phase('failing run');
    if (outcome === 'still running')
      throw new Error(`${s.job} still running ${FAIL_WITHIN_MS} ms after DynamoDB went away`);
    expect(stoppedAt, 'DynamoDB was stopped half-way').toBeGreaterThan(0);
    expect(outcome.ok, `${s.job} must fail without DynamoDB`).toBe(false);
    const error = (outcome as { error: Error }).error;
    // the cause is the network: nothing answers on DynamoDB's port any more
    expect(`${(error as { code?: string }).code} ${error.message}`).toMatch(
      /ECONNREFUSED|ECONNRESET|EPIPE|socket hang up/,
    );
    // when the job says it failed, none of its writes is still under way (none can land later) …
    expect(watch.writesInFlight, 'writes of the failed job still in flight when it rejected').toBe(0);
    // … and whatever read was still retrying gives up soon (nothing keeps running in the background)
    expect(
      await eventually(() => watch.inFlight === 0, 15_000),
      'calls of the failed job still in flight',
    ).toBe(true);
    // one clear line: ERROR, the job, the event, the cause
    const errors = failed.lines.filter((l) => l.level === 'ERROR');
    expect(errors, JSON.stringify(failed.lines.slice(-3))).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      message: 'job failed',
      job: s.job,
      eventTime: event.time,
      error: expect.objectContaining({ message: error.message }),
    });

    phase('settle');
    // 4. DynamoDB back on the same port with its data: what was acknowledged is there
    await outage.restore();
    const partial = s.made(await scanAll(outage.endpoint, jobTable)).length;
    expect(partial, 'some of the job was done before DynamoDB went away').toBeGreaterThan(0);
    expect(partial, 'and not all of it').toBeLessThan(cleanMade);

    // 5. the same event again (EventBridge's retry): exactly the records of the clean run
    const rerun = await capturingLogs(() => s.handler(event));
    phase('rerun');
    expect(rerun.lines.filter((l) => l.level === 'ERROR')).toEqual([]);
    const after = await scanAll(outage.endpoint, jobTable);
    expect(tableDiff(clean, after, s.ignore)).toEqual({
      missing: [],
      missingCount: 0,
      extra: [],
      extraCount: 0,
      changed: [],
      changedCount: 0,
    });
    expect(s.made(after)).toHaveLength(cleanMade);
    s.check(after, clean);
    phase('compare');
    return { clean: cleanRun.result, writes: cleanWatch.writes, stopAfter, partial, made: cleanMade, phases };
  } finally {
    await outage.close();
    await Promise.all([deleteTable(endpoint, cleanTable), deleteTable(endpoint, jobTable)]);
  }
};

// ── open-monthly-cycle ───────────────────────────────────────────────────────────

/**
 * 00:05 WIB on 1 December 2026: the cycle 2026-12 for 500 employees in 51 agencies (four
 * agencies at a time, each under a lease: the existing assessments read, the missing ones written
 * in batches of 25, the agency recorded on the cycle record, the lease released). Nothing is
 * ignored: the job's clock is the event's time, so the assessments and the cycle record (agencies
 * done, assessments counted) of a resumed run are the clean run's to the attribute, and no lease
 * is left behind.
 */
const cycle: Scenario = {
  job: 'open-monthly-cycle',
  handler: openMonthlyCycle,
  time: '2026-11-30T17:05:00Z',
  prepare: async (db) => {
    const { plan, items } = workforce(500);
    const approved = withApprovedPlan(plan.employees);
    const drafts = plan.employees.filter((e, i) => e.reviewerNip && i % 13 === 5 && i % 2 === 0);
    await writeAll(db, [
      ...items,
      ...approved.map((e) => planItem(approvedPlanFor(e, 2026))),
      // a plan still in DRAFT does not count
      ...drafts.map((e) =>
        planItem({
          ...approvedPlanFor(e, 2026),
          state: 'DRAFT',
          approvedBy: undefined,
          approvedAt: undefined,
        }),
      ),
    ]);
  },
  made: (items) => items.filter((i) => i.type === 'ASSESSMENT' && i.period === '2026-12'),
  ignore: {},
  check: (after) => {
    const assessments = after.filter((i) => i.type === 'ASSESSMENT' && i.period === '2026-12');
    expect(duplicates(assessments, (a) => a.nip as string)).toEqual([]);
    expect(
      assessments.every((a) => a.id === `${a.nip}-2026-12` && a.state === 'OPEN' && a.version === 1),
    ).toBe(true);
    const record = after.find((i) => i.pk === 'PERF#CYCLE' && i.sk === '2026-12') as Item;
    expect([...(record.agenciesDone as Set<string>)]).toHaveLength(51);
    expect(record.created).toBe(assessments.length);
    expect(record.finishedAt).toBe('2026-11-30T17:05:00.000Z');
  },
};

// ── tpp-monthly ──────────────────────────────────────────────────────────────────

const PREDIKATS: Predikat[] = ['SANGAT_BAIK', 'BAIK', 'BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG'];

/** November's assessment of an employee, in the state the month left it. */
const novemberAssessment = (e: EmployeeRecord): AssessmentRecord => {
  const period = '2026-11';
  const opened = '2026-10-31T17:05:00.000Z';
  const base: AssessmentRecord = {
    id: `${e.nip}-${period}`,
    nip: e.nip,
    name: e.name,
    period,
    kind: 'MONTHLY',
    planId: `${e.nip}-2026`,
    agencyId: e.agencyId,
    unitId: e.unitId,
    reviewerNip: e.reviewerNip,
    state: 'OPEN',
    self: { entries: [], coreValueEvidence: [] },
    history: [{ at: opened, by: 'system', action: 'OPENED', to: 'OPEN' }],
    version: 1,
    createdAt: opened,
    updatedAt: opened,
  };
  const n = pick(`${e.nip}:${period}`, 100);
  const at = '2026-12-07T03:00:00.000Z';
  if (n < 3) return base; // still open: paid as NOT_SUBMITTED for now, marked
  if (n < 5) return { ...base, state: 'NOT_SUBMITTED', version: 2, updatedAt: at };
  const predikat = PREDIKATS[n % PREDIKATS.length] as Predikat;
  if (n < 7) return { ...base, state: 'APPEALED', predikat, version: 4, updatedAt: at };
  return { ...base, state: n < 20 ? 'REVIEWED' : 'ACKNOWLEDGED', predikat, version: 4, updatedAt: at };
};

const attendanceCounts = (nip: string): AttendanceCounts => {
  const counts = Object.fromEntries(DEDUCTION_CODES.map((c) => [c, 0])) as AttendanceCounts;
  const n = pick(`att:${nip}`, 100);
  if (n < 55) return counts;
  counts.TL1 = n % 4;
  counts.TL2 = n % 7 === 0 ? 1 : 0;
  counts.PSW1 = n % 5 === 0 ? 1 : 0;
  counts.TK = n > 95 ? 1 : 0;
  counts.APEL = n % 3 === 0 ? 1 : 0;
  return counts;
};

/**
 * 00:05 WIB on 11 December 2026: every agency's DRAFT run of November (six agencies at a time,
 * pages of 250 employees, lines in BatchWrites of 25; at 800 employees every agency fits one page,
 * so the outage falls between and inside agencies, not between pages). Ignored, and only these: the random token
 * of the computation (`computeToken`) that the run record and every line carry, different for any
 * two computations; the run record's `version`, which counts its writes (an agency the failed run
 * had begun was claimed once more, one it had finished is computed again by the rerun). Everything
 * else must be the clean run's: lines, status, counts, totals, and the history (one COMPUTED entry,
 * not one per attempt).
 */
const tpp: Scenario = {
  job: 'tpp-monthly',
  handler: tppMonthly,
  time: '2026-12-10T17:05:00Z',
  prepare: async (db) => {
    const { plan, items } = workforce(800);
    const assessed = withApprovedPlan(plan.employees);
    const noAttendance = new Set(plan.agencies.filter((_, i) => i % 7 === 3).map((a) => a.agencyId));
    await writeAll(db, [
      ...items,
      ruleSetItem({ ...defaultRuleSet(), createdAt: '2026-01-05T02:00:00.000Z', createdBy: 'BKPP' }),
      ...assessed.map((e) => assessmentItem(novemberAssessment(e))),
      ...plan.employees
        .filter((e) => !noAttendance.has(e.agencyId))
        .map((e) =>
          attendanceItem({
            nip: e.nip,
            period: '2026-11',
            agencyId: e.agencyId,
            counts: attendanceCounts(e.nip),
            importedAt: '2026-12-03T02:00:00.000Z',
            importedBy: 'ADMIN',
          }),
        ),
    ]);
    // a few hukuman disiplin in force in November
    const sanctioned = plan.employees.filter((_, i) => i % 150 === 11);
    for (const [i, e] of sanctioned.entries()) {
      const startDate = i % 2 ? '2026-11-01' : '2026-09-15';
      const endDate = sanctionEnd(startDate, 3);
      await createSanction(
        db,
        {
          sanctionId: `SANKSI-${i}`,
          nip: e.nip,
          level: 'SEDANG',
          rateBp: 2500,
          startDate,
          months: 3,
          endDate,
          createdAt: '2026-09-01T02:00:00.000Z',
          createdBy: 'BKPP',
        },
        sanctionPeriods(startDate, endDate),
      );
    }
  },
  made: (items) => items.filter((i) => i.type === 'TPP_LINE'),
  ignore: { TPP_RUN: ['computeToken', 'version'], TPP_LINE: ['computeToken'] },
  check: (after, clean) => {
    const runs = after.filter((i) => i.type === 'TPP_RUN');
    const lines = after.filter((i) => i.type === 'TPP_LINE');
    expect(duplicates(runs, (r) => `${r.agencyId}#${r.period}`)).toEqual([]);
    expect(runs).toHaveLength(51);
    expect(duplicates(lines, (l) => `${l.nip}#${l.period}`)).toEqual([]); // one line per employee
    const cleanRuns = new Map(clean.filter((i) => i.type === 'TPP_RUN').map((r) => [r.runId, r]));
    for (const run of runs) {
      const mine = lines.filter((l) => l.runId === run.runId);
      expect(run).toMatchObject({ status: 'DRAFT', computing: false });
      expect((run.counts as { lines: number }).lines).toBe(mine.length);
      expect((run.totals as { net: number }).net).toBe(mine.reduce((s, l) => s + (l.net as number), 0));
      // every line carries the token of the computation that finished
      expect(mine.every((l) => l.computeToken === run.computeToken)).toBe(true);
      // the version counts the record's writes: + 1 for an agency whose computation was interrupted
      // (its claim), + 2 for one the interrupted run had finished (the rerun computes it again)
      const extra = (run.version as number) - (cleanRuns.get(run.runId)?.version as number);
      expect([0, 1, 2]).toContain(extra);
    }
  },
};

// ── complaint-sla ────────────────────────────────────────────────────────────────

const holidays2026 = JSON.parse(
  readFileSync(new URL('../../data/holidays-2026.json', import.meta.url), 'utf8'),
) as HolidayCalendar;

const SLA_TIME = '2026-05-20T03:00:00Z';
const HOUR = 3_600_000;

/**
 * 300 complaints filed over the 30 days before Wednesday 20 May 2026, 10:00 WIB, written as the
 * lifecycle leaves them: waiting for the desk, verified, in progress, answered, rejected; routed by
 * category to DPU, Disperkim, Dishub, DLH, Satpol PP, Disdukcapil, DKK, BPBD, Setda.
 */
const prepareComplaints = async (db: Db) => {
  const { plan, items } = workforce(300);
  const calendars = calendarsByYear([holidays2026]);
  const categories = defaultCategories(new Date('2026-01-01T00:00:00.000Z'));
  const desk = plan.demo.roles.COMPLAINT_DESK;
  const officerOf = (agencyId: string) =>
    plan.employees.find((e) =>
      e.roleGrants.some((g) => g.role === 'COMPLAINT_OFFICER' && g.agencyId === agencyId),
    )?.nip ?? desk;
  const now = Date.parse(SLA_TIME);
  const out: Item[] = [...items, ...categories.map(categoryItem)];
  for (let i = 0; i < 300; i++) {
    const category = categories[i % categories.length] as (typeof categories)[number];
    const filed = now - (5 + ((i * 7919) % (24 * 30))) * HOUR;
    const at = (hours: number) => ({ now: new Date(filed + hours * HOUR), calendars });
    const steps: life.Step[] = [];
    let c: life.Complaint | undefined;
    const push = (s: life.Step) => {
      steps.push(s);
      c = s.complaint;
    };
    push(
      life.submit(
        {
          id: newCode(),
          privacy: i % 17 === 3 ? 'CONFIDENTIAL' : 'PUBLIC',
          category: category.code,
          description: `Laporan warga nomor ${i}: ${category.description}`,
          location: {
            address: `Jl. Pandanaran ${i}`,
            kelurahan: ['Mugasari', 'Tembalang', 'Sekayu'][i % 3],
          },
          photoUrls: [],
          source: i % 5 === 0 ? 'OPEN311' : 'WEB',
          secret: newSecret().stored,
          hasReporterDetails: false,
          serviceLevel: category.serviceLevel,
          defaultComplexity: category.defaultComplexity,
        },
        at(0),
      ),
    );
    const kind = i % 10;
    const current = () => c as life.Complaint;
    if (kind === 9) push(life.reject(current(), 'Bukan kewenangan Pemerintah Kota Semarang.', desk, at(1)));
    else if (kind >= 2) {
      push(
        life.verify(
          current(),
          {
            title: category.name,
            classification: 'PENGADUAN',
            category: category.code,
            agencyId: category.agencyId,
            complexity: category.defaultComplexity,
            serviceLevel: category.serviceLevel,
          },
          desk,
          at(1),
        ),
      );
      const officer = officerOf(category.agencyId);
      if (kind >= 5) push(life.acknowledge(current(), officer, at(2)));
      if (kind >= 7)
        push(
          life.respond(
            current(),
            { text: 'Sudah ditangani petugas di lokasi.', photoUrls: [] },
            officer,
            at(4),
          ),
        );
    }
    const final = current();
    out.push(complaintItem(final));
    const feed = feedItem(final);
    if (feed) out.push(feed);
    for (const s of steps) out.push(...eventItems(s.complaint, s.events));
  }
  await writeAll(db, out);
  await saveCalendar(db, {
    year: 2026,
    nationalHolidays: [...holidays2026.nationalHolidays],
    cutiBersama: [...holidays2026.cutiBersama],
    source: holidays2026.source,
    version: 1,
    updatedAt: '2026-01-01T00:00:00.000Z',
  });
};

/**
 * The sweep reads the due index shard by shard (pages of 200), eight complaints at a time:
 * notifications first (keyed by complaint, clock and step), then the steps recorded on the
 * complaint with a version check. Nothing is ignored: every record it writes (the complaint, its
 * public copy, its history entries, the notifications) takes its times from the event's time, so
 * a resumed sweep with the same event writes the clean sweep's records to the attribute.
 */
const sla: Scenario = {
  job: 'complaint-sla',
  handler: complaintSla,
  time: SLA_TIME,
  prepare: prepareComplaints,
  made: (items) => items.filter((i) => i.type === 'COMPLAINT_EVENT' && i.kind === 'ESCALATED'),
  ignore: {},
  check: (after) => {
    const complaints = after.filter((i) => i.type === 'COMPLAINT');
    const events = after.filter((i) => i.type === 'COMPLAINT_EVENT');
    const notifications = after.filter((i) => i.type === 'NOTIFICATION');
    // one escalation step recorded per complaint, clock and step; one history entry for each
    for (const c of complaints) {
      const steps = (c.escalations as Array<{ clockId: string; step: string }>) ?? [];
      expect(duplicates(steps, (s) => `${s.clockId}:${s.step}`)).toEqual([]);
      const escalated = events.filter(
        (e) => e.pk === keys.complaint(c.id as string).pk && e.kind === 'ESCALATED',
      );
      expect(duplicates(escalated, (e) => `${e.data.clock}:${e.data.step}:${e.data.due}`)).toEqual([]);
      expect(escalated).toHaveLength(steps.filter((s) => s.step !== 'CLOSE').length);
    }
    // every notification is of a step recorded on its complaint (none for a step left unrecorded)
    const recorded = new Set(
      complaints.flatMap((c) =>
        ((c.escalations as Array<{ clockId: string; step: string }>) ?? []).map(
          (s) => `cmp-${c.id}-${s.clockId}-${s.step}`,
        ),
      ),
    );
    const sla = notifications.filter((n) => String(n.key).startsWith('cmp-'));
    expect(sla.length).toBeGreaterThan(0);
    expect(sla.filter((n) => !recorded.has(n.key as string)).map((n) => n.key)).toEqual([]);
    // no complaint still due at the event's time
    const stillDue = complaints.filter(
      (c) => typeof c.gsi3sk === 'string' && (c.gsi3sk as string) <= `${new Date(SLA_TIME).toISOString()}#~`,
    );
    expect(stillDue.map((c) => c.id)).toEqual([]);
  },
};

// ── the tests ────────────────────────────────────────────────────────────────────

describe('a job whose DynamoDB goes away half-way fails clearly; run again, it leaves the clean run’s records', () => {
  it.each([
    ['open-monthly-cycle (the month’s assessments)', cycle],
    ['tpp-monthly (every agency’s TPP run)', tpp],
    ['complaint-sla (escalations and auto-close)', sla],
  ])(
    '%s',
    async (_name, scenario) => {
      const report = await runScenario(scenario);
      // FAULTS_REPORT=1 prints what each scenario did (clean run's result, writes, stop point, partial state)
      if (process.env.FAULTS_REPORT) console.info(`${scenario.job}: ${JSON.stringify(report)}`);
    },
    // 10-40 s each on 2 cores (idle to busy); the limit only catches a hang
    300_000,
  );
});
