/**
 * The cycle jobs: opening a period (one assessment per active employee with an approved plan),
 * the daily deadline job (close as NOT_SUBMITTED, auto-review as BAIK, re-home open assessments
 * after a change of pejabat penilai) and the daily reminder of deadlines in 3 days.
 *
 * Idempotent and resumable: assessments are created only if absent (`attribute_not_exists`), so
 * a second run, a resumed run or a concurrent run leaves exactly one per employee; the cycle
 * record notes each agency finished, and a resumed run skips those.
 */
import { isEmployed } from '../employees/rules.js';
import { getEmployees, listAgencies } from '../employees/store.js';
import { notify } from '../notifications/notify.js';
import { type Actor, ensure, hasRole } from '../platform/actor.js';
import { wibDate } from '../platform/clock.js';
import { mapLimit } from '../platform/concurrency.js';
import type { Db } from '../platform/dynamo.js';
import { Conflict, InvalidState, NotFound, ValidationError } from '../platform/errors.js';
import type { Deps } from '../platform/http.js';
import { logger } from '../platform/logger.js';
import { afterSystemClose, closedBySystem, deadlinesFor } from './assessments.js';
import { settingsCache, settingsFor } from './config.js';
import './messages.js';
import { closingAction, isDueSoon, OPEN_STATES, parsePeriod, periodsToOpen } from './rules.js';
import type { AssessmentRecord } from './store.js';
import * as store from './store.js';

export interface OpenCycleOptions {
  /** agencies worked on at once (default 4) */
  concurrency?: number;
  /** BatchWriteItem calls in flight per agency (default 4) */
  writesInFlight?: number;
  /** employees read per page (default 500) */
  pageSize?: number;
  /** called after each batch written; progress for a caller, and a place for tests to interrupt */
  onBatch?: (progress: {
    period: string;
    agencyId: string;
    batch: number;
    created: number;
    existing: number;
  }) => void | Promise<void>;
  /**
   * How long an agency's lease lasts without renewal (default 20 s; renewed before every batch).
   * Leases are wall-clock time, not the event's business time.
   */
  leaseMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface OpenCycleResult {
  period: string;
  agencies: number;
  /** finished by an earlier run of the same cycle */
  agenciesSkipped: number;
  employees: number;
  created: number;
  existing: number;
  withoutApprovedPlan: number;
  notActive: number;
}

async function* allAgencies(db: Db) {
  let cursor: string | undefined;
  do {
    const page = await listAgencies(db, { limit: 100, cursor });
    yield* page.items;
    cursor = page.cursor;
  } while (cursor);
}

/** A new OPEN assessment of an employee for a period (the cycle job, and the demo seeds). */
export const newAssessment = (
  e: store.CycleEmployee,
  period: string,
  kind: AssessmentRecord['kind'],
  year: number,
  at: string,
): AssessmentRecord => ({
  id: store.assessmentId(e.nip, period),
  nip: e.nip,
  name: e.name,
  period,
  kind,
  planId: store.planId(e.nip, year),
  agencyId: e.agencyId,
  unitId: e.unitId,
  reviewerNip: e.reviewerNip,
  state: 'OPEN',
  self: { entries: [], coreValueEvidence: [] },
  history: [{ at, by: 'system', action: 'OPENED', to: 'OPEN' }],
  version: 1,
  createdAt: at,
  updatedAt: at,
});

/**
 * Opens a period: for each agency (a few at a time) and each page of its employees, creates the
 * assessments of the active employees whose plan of the year is APPROVED, in conditional batches.
 * Never holds more than one page per agency in memory. Returns the counts of this run.
 */
export const openCycle = async (
  deps: Deps,
  period: string,
  options: OpenCycleOptions = {},
): Promise<OpenCycleResult> => {
  const p = parsePeriod(period);
  if (!p) throw new ValidationError('INVALID_PERIOD', { period }, [{ path: 'body.period', code: 'period' }]);
  const settings = await settingsFor(deps.db, p.year);
  if (p.kind !== 'ANNUAL' && p.kind !== settings.frequency)
    throw new InvalidState('PERIOD_NOT_CONFIGURED', { period, year: p.year, frequency: settings.frequency });
  const { db } = deps;
  const now = deps.clock();
  const at = now.toISOString();
  // employed on the first day of a periodic period, at the end of the year for the annual one
  const activeOn = p.kind === 'ANNUAL' ? p.end : p.start;
  const done = new Set((await store.getCycle(db, period))?.agenciesDone ?? []);
  const result: OpenCycleResult = {
    period,
    agencies: 0,
    agenciesSkipped: 0,
    employees: 0,
    created: 0,
    existing: 0,
    withoutApprovedPlan: 0,
    notActive: 0,
  };
  const agencies: string[] = [];
  for await (const a of allAgencies(db)) agencies.push(a.agencyId);
  const started = Date.now();
  // One run at a time per agency (a lease, renewed before each batch): within it, the run reads
  // which assessments exist and creates the missing ones with batch writes — as fast as bare
  // BatchWriteItem, and still exactly one per employee when runs overlap or one is resumed.
  const owner = `${at}#${deps.ids()}`;
  const leaseMs = options.leaseMs ?? 20_000;
  const leasedAt = new Map<string, number>();
  const lease = async (agencyId: string) => {
    const ok = await store.takeCycleLease(db, period, agencyId, owner, new Date(), leaseMs);
    if (ok) leasedAt.set(agencyId, Date.now());
    return ok;
  };
  /** renews the lease only when a good part of it has gone */
  const keepLease = async (agencyId: string) =>
    Date.now() - (leasedAt.get(agencyId) ?? 0) < leaseMs / 3 || (await lease(agencyId));
  await mapLimit(agencies, options.concurrency ?? 4, async (agencyId) => {
    result.agencies++;
    if (done.has(agencyId)) {
      result.agenciesSkipped++;
      return;
    }
    while (!(await lease(agencyId))) {
      // another run is creating this agency's assessments: wait for it to finish, or its lease to lapse
      await sleep(Math.min(1000, leaseMs / 4));
      if ((await store.getCycle(db, period))?.agenciesDone.includes(agencyId)) {
        result.agenciesSkipped++;
        return;
      }
    }
    try {
      // the approved plans and the first page of employees are read side by side
      const pageSize = options.pageSize ?? 500;
      const firstPage = store.agencyEmployeesPage(db, agencyId, pageSize);
      firstPage.catch(() => undefined); // awaited below; a failure surfaces there
      const approved = await store.approvedPlanNips(db, p.year, agencyId);
      let agencyCreated = 0;
      let agencyExisting = 0;
      let batch = 0;
      let start: Record<string, unknown> | undefined;
      while (approved.size > 0) {
        const page = start ? await store.agencyEmployeesPage(db, agencyId, pageSize, start) : await firstPage;
        const records: AssessmentRecord[] = [];
        for (const e of page.items) {
          result.employees++;
          if (!approved.has(e.nip)) result.withoutApprovedPlan++;
          else if (!isEmployed(e.statusPeriods ?? [], activeOn)) result.notActive++;
          else records.push(newAssessment(e, period, p.kind, p.year, at));
        }
        const exists = await store.existingAssessmentNips(
          db,
          records.map((r) => r.nip),
          period,
        );
        const missing = records.filter((r) => !exists.has(r.nip));
        if (!(await keepLease(agencyId))) throw new Error(`cycle ${period}: lost the lease on ${agencyId}`);
        await store.putNewAssessments(db, missing, options.writesInFlight ?? 4);
        const written = { created: missing.length, existing: records.length - missing.length };
        result.created += written.created;
        result.existing += written.existing;
        agencyCreated += written.created;
        agencyExisting += written.existing;
        batch++;
        await options.onBatch?.({ period, agencyId, batch, ...written });
        start = page.next;
        if (!start) break;
      }
      // The lease goes first: a crash between the two leaves the agency to be walked again (the
      // next run finds every assessment there and records the agency), never a lease that nobody
      // releases. The count is the agency's assessments of the period, whichever run created them
      // (a run resumed after a crash finds some existing, which the crashed run never counted).
      await store.releaseCycleLease(db, period, agencyId, owner);
      leasedAt.delete(agencyId);
      await store.markAgencyDone(db, period, agencyId, agencyCreated + agencyExisting, at);
      logger.info('cycle progress', {
        period,
        agencyId,
        created: agencyCreated,
        batches: batch,
        totalCreated: result.created,
        ms: Date.now() - started,
      });
    } catch (e) {
      // best effort: a lease left behind by a failed run lapses by itself after leaseMs
      if (leasedAt.has(agencyId))
        await store.releaseCycleLease(db, period, agencyId, owner).catch(() => undefined);
      throw e;
    }
  });
  await store.markCycleFinished(db, period, at);
  logger.info('cycle opened', { ...result, ms: Date.now() - started });
  return result;
};

/** The job at 00:05 WIB on the 1st: the month (or quarter) that starts, and in January the past year. */
export const openScheduledCycles = async (deps: Deps, options: OpenCycleOptions = {}) => {
  const now = deps.clock();
  const settings = await settingsFor(deps.db, Number(wibDate(now).slice(0, 4)));
  const results: OpenCycleResult[] = [];
  for (const period of periodsToOpen(now, settings.frequency))
    results.push(await openCycle(deps, period, options));
  return results;
};

/** POST /v1/cycles: BKPP opens a cycle by hand (the same code path as the job). */
export const openCycleByHand = async (deps: Deps, actor: Actor, input: { period: string }) => {
  ensure(hasRole(actor, 'HR_ADMIN'));
  return openCycle(deps, input.period);
};

export const getCycle = async (deps: Deps, period: string) => {
  const c = await store.getCycle(deps.db, period);
  if (!c) throw new NotFound('NOT_FOUND', { entity: 'cycle' });
  return c;
};

// ── the daily deadline job ─────────────────────────────────────────────────────────

export interface CloseResult {
  notSubmitted: number;
  autoReviewed: number;
  rehomed: number;
  /** someone acted at the same moment: their change stands */
  conflicts: number;
}

/**
 * Closes what is past its deadline (DOMAIN §2.2): an OPEN self-assessment as NOT_SUBMITTED, a
 * SELF_SUBMITTED one without review as REVIEWED with both ratings AS_EXPECTED (BAIK), marked
 * autoClosed. Each write is versioned: a user who acted first wins, and the job re-reads and
 * re-decides. Open assessments whose employee has a new pejabat penilai are re-homed.
 */
export const closeAssessments = async (deps: Deps): Promise<CloseResult> => {
  const { db } = deps;
  const now = deps.clock();
  const settingsOf = settingsCache(db);
  const result: CloseResult = { notSubmitted: 0, autoReviewed: 0, rehomed: 0, conflicts: 0 };
  const agencies: string[] = [];
  for await (const a of allAgencies(db)) agencies.push(a.agencyId);

  const closeOne = async (first: AssessmentRecord) => {
    let a: AssessmentRecord | undefined = first;
    for (let attempt = 0; a && attempt < 3; attempt++) {
      const settings = await settingsOf(Number(a.period.slice(0, 4)));
      const action = closingAction(a.state, now, deadlinesFor(a, settings));
      if (!action) return;
      const next = closedBySystem(a, action, now, settings);
      try {
        await store.saveAssessment(db, next);
        if (action === 'closeNotSubmitted') result.notSubmitted++;
        else result.autoReviewed++;
        await afterSystemClose(deps, next, now);
        return;
      } catch (e) {
        if (!(e instanceof Conflict)) throw e;
        result.conflicts++;
        a = await store.getAssessment(db, a.id, true);
      }
    }
  };

  const rehome = async (a: AssessmentRecord, reviewerNip: string) => {
    const next: AssessmentRecord = {
      ...a,
      reviewerNip,
      history: [
        ...a.history,
        {
          at: now.toISOString(),
          by: 'system',
          action: 'REVIEWER_CHANGED',
          from: a.reviewerNip,
          to: reviewerNip,
        },
      ],
      version: a.version + 1,
      updatedAt: now.toISOString(),
    };
    try {
      await store.saveAssessment(db, next);
      result.rehomed++;
    } catch (e) {
      if (!(e instanceof Conflict)) throw e;
      result.conflicts++; // the next workflow step re-homes it
    }
  };

  await mapLimit(agencies, 4, async (agencyId) => {
    for await (const page of store.openAssessments(db, agencyId)) {
      const employees = await getEmployees(
        db,
        page.map((a) => a.nip),
      );
      await mapLimit(page, 16, async (a) => {
        const settings = await settingsOf(Number(a.period.slice(0, 4)));
        if (closingAction(a.state, now, deadlinesFor(a, settings))) return closeOne(a);
        const current = employees.get(a.nip)?.reviewerNip;
        if (current && current !== a.reviewerNip && OPEN_STATES.includes(a.state)) return rehome(a, current);
      });
    }
  });
  logger.info('assessments closed', { ...result });
  return result;
};

// ── the daily reminder ───────────────────────────────────────────────────────────

/**
 * Deadlines in 3 days or fewer: the employee of each OPEN assessment (self-assessment), and each
 * pejabat penilai once per period for the reviews waiting. Keys are deterministic: a second run
 * the same day, or the next day, adds nothing.
 */
export const remindDeadlines = async (deps: Deps): Promise<{ employees: number; reviewers: number }> => {
  const { db } = deps;
  const now = deps.clock();
  const settingsOf = settingsCache(db);
  let employees = 0;
  let reviewers = 0;
  const agencies: string[] = [];
  for await (const a of allAgencies(db)) agencies.push(a.agencyId);
  await mapLimit(agencies, 4, async (agencyId) => {
    const waiting = new Map<string, { period: string; reviewerNip: string; count: number; deadline: Date }>();
    for await (const page of store.openAssessments(db, agencyId)) {
      await mapLimit(page, 16, async (a) => {
        const d = deadlinesFor(a, await settingsOf(Number(a.period.slice(0, 4))));
        if (a.state === 'OPEN' && isDueSoon(now, d.selfAssessment)) {
          const added = await notify(
            db,
            a.nip,
            {
              key: `deadline-self:${a.id}`,
              kind: 'DEADLINE_SOON',
              title: `Batas penilaian mandiri ${a.period}: ${wibDate(d.selfAssessment)}`,
              body: 'Lengkapi realisasi dan bukti dukung, lalu ajukan penilaian mandiri Anda.',
              link: `/v1/assessments/${a.id}`,
            },
            now,
          );
          if (added) employees++;
        }
        if (a.state === 'SELF_SUBMITTED' && a.reviewerNip && isDueSoon(now, d.review)) {
          const key = `${a.period}:${a.reviewerNip}`;
          const w = waiting.get(key) ?? {
            period: a.period,
            reviewerNip: a.reviewerNip,
            count: 0,
            deadline: d.review,
          };
          w.count++;
          waiting.set(key, w);
        }
      });
    }
    for (const w of waiting.values()) {
      const added = await notify(
        db,
        w.reviewerNip,
        {
          key: `deadline-review:${w.period}:${w.reviewerNip}`,
          kind: 'DEADLINE_SOON',
          title: `Batas penilaian ${w.period}: ${wibDate(w.deadline)}`,
          body: `${w.count} penilaian menunggu Anda; yang tidak dinilai sampai batas waktu ditutup otomatis (BAIK).`,
          link: `/v1/assessments?scope=reviewees&period=${w.period}`,
        },
        now,
      );
      if (added) reviewers++;
    }
  });
  return { employees, reviewers };
};
