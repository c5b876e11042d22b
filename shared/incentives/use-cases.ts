/**
 * Use cases of TPP: rule sets, runs and their workflow (DOMAIN §3.6), lines, the export to
 * payroll and the employee's own breakdown. Authorisation is decided here from the actor and
 * the data: an agency admin acts for their agency, BKPP (HR_ADMIN) for any, finance (BPKAD)
 * approves, rejects and exports, the auditor reads, an employee sees their own lines only.
 */
import { getAgency } from '../employees/store.js';
import { notifyRole } from '../notifications/notify.js';
import { type Actor, ensure, hasRole } from '../platform/actor.js';
import {
  type ErrorDetail,
  Forbidden,
  fieldError,
  InvalidState,
  invalid,
  NotFound,
  ValidationError,
} from '../platform/errors.js';
import { type Deps, Reply } from '../platform/http.js';
import type { Lang } from '../platform/i18n.js';
import { staleVersion } from '../platform/records.js';
import { type ComputeDeps, computeRun, ruleSetFor } from './compute.js';
import { checkPeriodStarted } from './inputs.js';
import {
  DEFAULT_RULE_SET_YEAR,
  explain,
  explainAdjustment,
  type RuleSet,
  type RuleSetInput,
  validateRuleSet,
} from './rules.js';
import type { LineRecord, RunRecord, RunStatus, Totals } from './store.js';
import * as store from './store.js';
import './messages.js';

const notFound = (entity: string) => new NotFound('NOT_FOUND', { entity });

// ── rule sets ─────────────────────────────────────────────────────────────────

export const getRules = async (deps: Deps, year: number): Promise<RuleSet> => {
  const rules = await ruleSetFor(deps, year);
  if (!rules) throw notFound('tppRules');
  return rules;
};

/**
 * PUT /v1/tpp/rules/{year} (BKPP): a new version of the year's rules, checked as a whole. Lines
 * already computed keep naming the version they used.
 */
export const putRules = async (
  deps: Deps,
  actor: Actor,
  year: number,
  input: RuleSetInput & { basedOnVersion?: number },
): Promise<RuleSet> => {
  ensure(hasRole(actor, 'HR_ADMIN'));
  const { basedOnVersion, ...rules } = input;
  const problems = validateRuleSet(rules);
  if (problems.length) {
    throw new ValidationError(
      'TPP_RULES_INVALID',
      { count: problems.length },
      problems.map((p) => fieldError(`body.${p.path}`, p.code)),
    );
  }
  const current = await ruleSetFor(deps, year);
  const currentVersion = current?.version ?? 0;
  if (basedOnVersion !== undefined && basedOnVersion !== currentVersion) throw staleVersion(currentVersion);
  const next: RuleSet = {
    ...rules,
    year,
    version: currentVersion + 1,
    createdAt: deps.clock().toISOString(),
    createdBy: actor.nip,
  };
  // The shipped default of 2026 is version 1 even before it is stored: keep the numbering.
  if (year === DEFAULT_RULE_SET_YEAR && currentVersion === 1 && !(await store.getRuleSet(deps.db, year, 1)))
    await store.addRuleSet(deps.db, current as RuleSet).catch(() => undefined);
  await store.addRuleSet(deps.db, next);
  return next;
};

// ── who may see and do what ───────────────────────────────────────────────────

const canManage = (actor: Actor, agencyId: string) =>
  hasRole(actor, 'HR_ADMIN') || (hasRole(actor, 'AGENCY_ADMIN') && actor.agencyId === agencyId);
const canView = (actor: Actor, agencyId: string) =>
  canManage(actor, agencyId) || hasRole(actor, 'FINANCE', 'AUDITOR');

/** The run as the API shows it (without the computation's internal token). */
export const runView = (r: RunRecord) => {
  const { computeToken: _t, ...rest } = r;
  return { ...rest, computing: r.computing === true };
};

const lineView = (l: LineRecord) => {
  const { computeToken: _t, period: _p, agencyId: _a, ...rest } = l;
  return rest;
};

const loadRun = async (deps: Deps, runId: string, consistent = false): Promise<RunRecord> => {
  const run = await store.getRun(deps.db, runId, consistent);
  if (!run) throw notFound('tppRun');
  return run;
};

const loadVisibleRun = async (deps: Deps, actor: Actor, runId: string): Promise<RunRecord> => {
  const run = await loadRun(deps, runId);
  if (!canView(actor, run.agencyId)) throw new Forbidden('FORBIDDEN');
  return run;
};

// ── runs ──────────────────────────────────────────────────────────────────────

/**
 * POST /v1/tpp/runs: computes the month's DRAFT for an agency (again: it replaces the draft's
 * lines). Once the month is approved, the same call with a reason computes an ADJUSTMENT run.
 */
export const createRun = async (
  deps: ComputeDeps,
  actor: Actor,
  input: { agencyId: string; period: string; reason?: string },
) => {
  ensure(canManage(actor, input.agencyId));
  checkPeriodStarted(deps, input.period, 'body.period');
  if (!(await getAgency(deps.db, input.agencyId)))
    throw invalid(fieldError('body.agencyId', 'unknown_agency'));
  const out = await computeRun(deps, { ...input, by: actor.nip });
  return runView(out.run as RunRecord);
};

/** POST /v1/tpp/runs/{runId}/recompute: only a DRAFT (or a REJECTED run, which goes back to DRAFT). */
export const recomputeRun = async (deps: ComputeDeps, actor: Actor, runId: string) => {
  const run = await loadRun(deps, runId, true);
  ensure(canManage(actor, run.agencyId));
  if (run.status !== 'DRAFT' && run.status !== 'REJECTED')
    throw new InvalidState('TPP_RUN_STATE', { runId, status: run.status });
  const out = await computeRun(deps, {
    agencyId: run.agencyId,
    period: run.period,
    reason: run.reason,
    by: actor.nip,
  });
  return runView(out.run as RunRecord);
};

const transition = async (
  deps: Deps,
  actor: Actor,
  runId: string,
  input: { version: number; reason?: string },
  step: { from: RunStatus; to: RunStatus; allowed: (run: RunRecord) => boolean },
) => {
  const run = await loadRun(deps, runId, true);
  if (!step.allowed(run)) throw new Forbidden('FORBIDDEN');
  // A stale version first: two officers acting at once get one success and one 409.
  if (input.version !== run.version) throw staleVersion(run.version);
  if (run.status !== step.from) throw new InvalidState('TPP_RUN_STATE', { runId, status: run.status });
  if (run.computing) throw new InvalidState('TPP_RUN_COMPUTING', { runId });
  const at = deps.clock().toISOString();
  const next: RunRecord = {
    ...run,
    status: step.to,
    version: run.version + 1,
    updatedAt: at,
    history: [
      ...run.history,
      {
        action: step.to as 'SUBMITTED' | 'APPROVED' | 'REJECTED',
        at,
        by: actor.nip,
        ...(input.reason ? { reason: input.reason } : {}),
      },
    ],
  };
  await store.saveRun(deps.db, next);
  return next;
};

const tell = async (deps: Deps, role: 'FINANCE' | 'AGENCY_ADMIN', run: RunRecord, title: string) => {
  await notifyRole(
    deps.db,
    role,
    role === 'AGENCY_ADMIN' ? run.agencyId : undefined,
    {
      key: `tpp-${run.runId}-v${run.version}`,
      kind: `TPP_RUN_${run.status}`,
      title,
      link: `/v1/tpp/runs/${run.runId}`,
    },
    deps.clock(),
  );
};

/** POST …/submit: the agency admin sends the DRAFT to finance. */
export const submitRun = async (deps: Deps, actor: Actor, runId: string, input: { version: number }) => {
  const run = await transition(deps, actor, runId, input, {
    from: 'DRAFT',
    to: 'SUBMITTED',
    allowed: (r) => hasRole(actor, 'AGENCY_ADMIN') && actor.agencyId === r.agencyId,
  });
  await tell(deps, 'FINANCE', run, `Run TPP ${run.runId} diajukan untuk persetujuan`);
  return runView(run);
};

/**
 * Separation of duties (DOMAIN §3.6): whoever computed or submitted a run may not approve it.
 * A role check alone would not do: one person may hold both roles.
 */
const ensureNotOwnRun = (actor: Actor, run: RunRecord): boolean => {
  const own = run.history.find(
    (h) => (h.action === 'COMPUTED' || h.action === 'SUBMITTED') && h.by === actor.nip,
  );
  if (own) throw new Forbidden('TPP_SELF_APPROVAL', { runId: run.runId, action: own.action });
  return true;
};

/** POST …/approve (finance): the run is locked from now on. */
export const approveRun = async (deps: Deps, actor: Actor, runId: string, input: { version: number }) => {
  const run = await transition(deps, actor, runId, input, {
    from: 'SUBMITTED',
    to: 'APPROVED',
    allowed: (r) => hasRole(actor, 'FINANCE') && ensureNotOwnRun(actor, r),
  });
  await tell(deps, 'AGENCY_ADMIN', run, `Run TPP ${run.runId} disetujui`);
  return runView(run);
};

/** POST …/reject (finance), with the reason: the agency corrects and recomputes. */
export const rejectRun = async (
  deps: Deps,
  actor: Actor,
  runId: string,
  input: { version: number; reason: string },
) => {
  const run = await transition(deps, actor, runId, input, {
    from: 'SUBMITTED',
    to: 'REJECTED',
    allowed: () => hasRole(actor, 'FINANCE'),
  });
  await tell(deps, 'AGENCY_ADMIN', run, `Run TPP ${run.runId} ditolak: ${input.reason}`);
  return runView(run);
};

export const getRun = async (deps: Deps, actor: Actor, runId: string) =>
  runView(await loadVisibleRun(deps, actor, runId));

/** GET /v1/tpp/runs?period=&agencyId=: an agency admin sees their agency's runs only. */
export const listRuns = async (
  deps: Deps,
  actor: Actor,
  query: { period?: string; agencyId?: string; limit: number; cursor?: string },
) => {
  const citywide = hasRole(actor, 'HR_ADMIN', 'FINANCE', 'AUDITOR');
  const agencyId = citywide ? query.agencyId : (query.agencyId ?? actor.agencyId);
  if (!citywide && (!agencyId || !canView(actor, agencyId))) throw new Forbidden('FORBIDDEN');
  const page = { limit: query.limit, cursor: query.cursor };
  let out: { items: RunRecord[]; cursor?: string };
  if (query.period) out = await store.listRunsOfPeriod(deps.db, query.period, agencyId, page);
  else if (agencyId) out = await store.listRunsOfAgency(deps.db, agencyId, page);
  else throw invalid(fieldError('query.period', 'period_or_agency'));
  return { items: out.items.map(runView), cursor: out.cursor };
};

export const listLines = async (
  deps: Deps,
  actor: Actor,
  runId: string,
  page: { limit: number; cursor?: string },
) => {
  await loadVisibleRun(deps, actor, runId);
  const out = await store.listLines(deps.db, runId, page);
  return { items: out.items.map(lineView), cursor: out.cursor };
};

const withWords = (l: LineRecord, run: RunRecord, lang: Lang) => ({
  ...lineView(l),
  kind: run.kind,
  runStatus: run.status,
  explanation: [
    ...explain(l.breakdown, lang),
    ...(run.kind === 'ADJUSTMENT' && l.previous
      ? [
          ...(l.changes ?? []).map((c) =>
            lang === 'id'
              ? `Perubahan ${c.what}: ${c.before} → ${c.after}${c.by ? ` (dicatat oleh ${c.by} pada ${c.at})` : ''}.`
              : `Changed ${c.what}: ${c.before} → ${c.after}${c.by ? ` (recorded by ${c.by} at ${c.at})` : ''}.`,
          ),
          explainAdjustment(
            { previous: l.previous, gross: l.gross, net: l.net, reason: l.reason ?? '' },
            lang,
          ),
        ]
      : []),
  ],
});

/** GET …/lines/{nip}: the full breakdown, for those who see the run and for the employee themself. */
export const getLine = async (deps: Deps, actor: Actor, runId: string, nip: string, lang: Lang) => {
  const run = await store.getRun(deps.db, runId);
  if (!run || !(actor.nip === nip || canView(actor, run.agencyId))) throw notFound('tppLine');
  const line = await store.getLine(deps.db, runId, nip);
  if (!line) throw notFound('tppLine');
  return withWords(line, run, lang);
};

/** GET /v1/me/tpp?period=: my lines of the month in every run, in plain words, and what is approved. */
export const myTpp = async (deps: Deps, actor: Actor, period: string, lang: Lang) => {
  const lines = await store.linesOfEmployee(deps.db, actor.nip, period);
  const runs = await store.getRuns(
    deps.db,
    lines.map((l) => l.runId),
  );
  const approved: Totals = { gross: 0, tax: 0, net: 0 };
  const shown = [];
  for (const l of lines.sort((a, b) => a.runId.localeCompare(b.runId))) {
    const run = runs.get(l.runId);
    if (!run) continue;
    if (run.status === 'APPROVED') {
      approved.gross += l.gross;
      approved.tax += l.tax;
      approved.net += l.net;
    }
    shown.push(withWords(l, run, lang));
  }
  return { period, lines: shown, approved };
};

// ── export ────────────────────────────────────────────────────────────────────

const CSV_COLUMNS = [
  'runId',
  'period',
  'agencyId',
  'nip',
  'name',
  'unitId',
  'employmentType',
  'grade',
  'jobClass',
  'predikat',
  'pagu',
  'kinerja',
  'disiplin',
  'sanction',
  'gross',
  'taxBp',
  'tax',
  'net',
  'ruleSetVersion',
] as const;

const csvCell = (v: string | number): string => {
  const s = String(v);
  // a leading = + - @ would be read as a formula by spreadsheets
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",;\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * GET …/export.csv (finance, the agency's admin): one line per employee of an APPROVED run, ready
 * for payroll. Its amounts add up to the run's totals (also sent as headers, to check on receipt).
 */
export const exportRun = async (deps: Deps, actor: Actor, runId: string): Promise<Reply> => {
  const run = await loadRun(deps, runId);
  const allowed =
    hasRole(actor, 'FINANCE') || (hasRole(actor, 'AGENCY_ADMIN') && actor.agencyId === run.agencyId);
  if (!allowed) throw new Forbidden('FORBIDDEN');
  if (run.status !== 'APPROVED') throw new InvalidState('TPP_NOT_APPROVED', { runId });
  const out: string[] = [CSV_COLUMNS.join(',')];
  const sum: Totals = { gross: 0, tax: 0, net: 0 };
  let count = 0;
  for await (const lines of store.linePages(deps.db, runId)) {
    for (const l of lines) {
      const b = l.breakdown;
      const row: Record<(typeof CSV_COLUMNS)[number], string | number> = {
        runId: l.runId,
        period: l.period,
        agencyId: l.agencyId,
        nip: l.nip,
        name: l.name,
        unitId: l.unitId,
        employmentType: b.employmentType,
        grade: b.grade,
        jobClass: b.jobClass,
        predikat: b.predikat,
        pagu: b.pagu,
        kinerja: b.kinerja,
        disiplin: b.disiplin,
        sanction: b.sanctionAmount,
        gross: l.gross,
        taxBp: b.taxBp,
        tax: l.tax,
        net: l.net,
        ruleSetVersion: `${b.ruleSetYear}.${b.ruleSetVersion}`,
      };
      out.push(CSV_COLUMNS.map((c) => csvCell(row[c])).join(','));
      sum.gross += l.gross;
      sum.tax += l.tax;
      sum.net += l.net;
      count++;
    }
  }
  if (sum.gross !== run.totals.gross || sum.tax !== run.totals.tax || sum.net !== run.totals.net)
    throw new Error(`export of ${runId}: lines do not add up to the run's totals`);
  return new Reply(
    200,
    `${out.join('\r\n')}\r\n`,
    {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${runId}.csv"`,
      'x-tpp-lines': String(count),
      'x-tpp-total-gross': String(sum.gross),
      'x-tpp-total-tax': String(sum.tax),
      'x-tpp-total-net': String(sum.net),
    },
    true,
  );
};

export type { ErrorDetail };
