/**
 * What the city does with complaints: the desk verifies, rejects, merges and (audited) reads the
 * reporter's identity; the assigned agency's officers acknowledge, note, answer or hand back; the
 * auditor reads. Who may do what is decided here from the actor and the complaint.
 */
import { getAgency } from '../employees/store.js';
import { type Actor, ensure, hasRole } from '../platform/actor.js';
import { Forbidden, fieldError, InvalidState, invalid } from '../platform/errors.js';
import type { Deps } from '../platform/http.js';
import { staleVersion } from '../platform/records.js';
import type { Category } from './categories.js';
import { calendarsFrom, ensureCan, loadComplaint, notFound, tell } from './common.js';
import type { Complaint } from './lifecycle.js';
import * as life from './lifecycle.js';
import { type Classification, type Complexity, isFinal, type ServiceLevel, type Status } from './rules.js';
import * as store from './store.js';
import { internalView, queueLine } from './views.js';

const isDesk = (a: Actor) => hasRole(a, 'COMPLAINT_DESK');
const isOfficerOf = (a: Actor, c: Complaint) =>
  hasRole(a, 'COMPLAINT_OFFICER') && c.agencyId !== undefined && a.agencyId === c.agencyId;

/** The desk and the auditor see every complaint; an agency's officers and admin see its own. */
export const canRead = (a: Actor, c: Complaint): boolean =>
  isDesk(a) ||
  hasRole(a, 'AUDITOR') ||
  isOfficerOf(a, c) ||
  (hasRole(a, 'AGENCY_ADMIN') && c.agencyId !== undefined && a.agencyId === c.agencyId);

/** Someone who may not see a complaint learns nothing about it, not even that it exists. */
const readable = async (deps: Deps, actor: Actor, id: string, consistent = false) => {
  const c = await loadComplaint(deps, id, consistent);
  if (!canRead(actor, c)) throw notFound();
  return c;
};

const checkVersion = (c: Complaint, version: number | undefined) => {
  if (version !== undefined && version !== c.version) throw staleVersion(c.version);
};

const view = async (deps: Deps, c: Complaint) => internalView(c, await store.listEvents(deps.db, c.id));

const ctx = async (deps: Deps) => {
  const now = deps.clock();
  return { now, calendars: await calendarsFrom(deps.db, now) };
};

export const listComplaints = async (
  deps: Deps,
  actor: Actor,
  q: { status?: Status; agencyId?: string; limit: number; cursor?: string },
) => {
  const page = { limit: q.limit, cursor: q.cursor };
  let out: Awaited<ReturnType<typeof store.listByStatus>>;
  if (isDesk(actor) || hasRole(actor, 'AUDITOR')) {
    out = q.agencyId
      ? await store.listByAgency(deps.db, q.agencyId, q.status, page)
      : await store.listByStatus(deps.db, q.status ?? 'SUBMITTED', page);
  } else {
    // an agency's officers and admin: their own agency's queue, by status and due date
    if (!actor.agencyId || (q.agencyId !== undefined && q.agencyId !== actor.agencyId)) {
      throw new Forbidden('FORBIDDEN');
    }
    out = await store.listByAgency(deps.db, actor.agencyId, q.status, page);
  }
  return { items: out.items.map(queueLine), cursor: out.cursor };
};

export const getComplaint = async (deps: Deps, actor: Actor, id: string) =>
  view(deps, await readable(deps, actor, id));

const routing = async (deps: Deps, categoryCode: string, agencyId: string) => {
  const [category, agency] = await Promise.all([
    store.getCategory(deps.db, categoryCode),
    getAgency(deps.db, agencyId),
  ]);
  const problems = [
    ...(category ? [] : [fieldError('body.category', 'unknown_category')]),
    ...(agency ? [] : [fieldError('body.agencyId', 'unknown_agency')]),
  ];
  if (problems.length > 0) throw invalid(...problems);
  return category as Category;
};

export const verifyComplaint = async (
  deps: Deps,
  actor: Actor,
  id: string,
  v: {
    title: string;
    classification: Classification;
    category: string;
    agencyId: string;
    complexity: Complexity;
    version?: number;
  },
) => {
  ensure(isDesk(actor));
  const c = await loadComplaint(deps, id, true);
  ensureCan(c, 'verify');
  checkVersion(c, v.version);
  const category = await routing(deps, v.category, v.agencyId);
  const serviceLevel: ServiceLevel = category.serviceLevel;
  const c2 = await ctx(deps);
  const step = life.verify(
    c,
    {
      title: v.title,
      classification: v.classification,
      category: v.category,
      agencyId: v.agencyId,
      complexity: v.complexity,
      serviceLevel,
    },
    actor.nip,
    c2,
  );
  await store.saveSteps(deps.db, [step]);
  await tell(
    deps.db,
    'COMPLAINT_OFFICER',
    v.agencyId,
    step.complaint,
    {
      key: `assigned-${step.complaint.clockSeq}`,
      kind: 'COMPLAINT_ASSIGNED',
      title: `Pengaduan ${c.id} diteruskan ke perangkat daerah Anda`,
    },
    c2.now,
  );
  return view(deps, step.complaint);
};

export const rejectComplaint = async (
  deps: Deps,
  actor: Actor,
  id: string,
  r: { reason: string; version?: number },
) => {
  ensure(isDesk(actor));
  const c = await loadComplaint(deps, id, true);
  ensureCan(c, 'reject');
  checkVersion(c, r.version);
  const step = life.reject(c, r.reason, actor.nip, await ctx(deps));
  await store.saveSteps(deps.db, [step]);
  return view(deps, step.complaint);
};

/** The duplicate joins the primary: its reporters follow the primary from then on. */
export const mergeComplaint = async (
  deps: Deps,
  actor: Actor,
  id: string,
  m: { primary: string; version?: number },
) => {
  ensure(isDesk(actor));
  const duplicate = await loadComplaint(deps, id, true);
  ensureCan(duplicate, 'merge');
  checkVersion(duplicate, m.version);
  const primary = await loadComplaint(deps, m.primary, true);
  if (primary.id === duplicate.id || isFinal(primary.status) || duplicate.merged.length > 0) {
    throw new InvalidState('COMPLAINT_MERGE_SELF');
  }
  const steps = life.merge(duplicate, primary, actor.nip, await ctx(deps));
  await store.saveSteps(deps.db, [steps.duplicate, steps.primary]);
  return view(deps, steps.duplicate.complaint);
};

/** The assigned agency's officer; anyone else gets 404 (they may not know it exists). */
const asOfficer = async (deps: Deps, actor: Actor, id: string) => {
  const c = await readable(deps, actor, id, true);
  if (!isOfficerOf(actor, c)) throw new Forbidden('FORBIDDEN');
  return c;
};

export const acknowledgeComplaint = async (deps: Deps, actor: Actor, id: string, version?: number) => {
  const c = await asOfficer(deps, actor, id);
  ensureCan(c, 'acknowledge');
  checkVersion(c, version);
  const step = life.acknowledge(c, actor.nip, await ctx(deps));
  await store.saveSteps(deps.db, [step]);
  return view(deps, step.complaint);
};

export const respondComplaint = async (
  deps: Deps,
  actor: Actor,
  id: string,
  r: { answer: string; photoUrls?: string[]; version?: number },
) => {
  const c = await asOfficer(deps, actor, id);
  ensureCan(c, 'respond');
  checkVersion(c, r.version);
  const step = life.respond(c, { text: r.answer, photoUrls: r.photoUrls ?? [] }, actor.nip, await ctx(deps));
  await store.saveSteps(deps.db, [step]);
  return view(deps, step.complaint);
};

/** "Bukan wewenang": back to the desk with a reason, for re-routing. */
export const handbackComplaint = async (
  deps: Deps,
  actor: Actor,
  id: string,
  h: { reason: string; version?: number },
) => {
  const c = await asOfficer(deps, actor, id);
  ensureCan(c, 'handback');
  checkVersion(c, h.version);
  const context = await ctx(deps);
  const step = life.handback(c, h.reason, actor.nip, context);
  await store.saveSteps(deps.db, [step]);
  await tell(
    deps.db,
    'COMPLAINT_DESK',
    undefined,
    c,
    {
      key: `handback-${step.complaint.handbackCount}`,
      kind: 'COMPLAINT_HANDED_BACK',
      title: `Pengaduan ${c.id} dikembalikan oleh ${c.agencyId} (bukan wewenang)`,
    },
    context.now,
  );
  return view(deps, step.complaint);
};

/** An internal note by the desk or the assigned agency's officer. */
export const addNote = async (deps: Deps, actor: Actor, id: string, text: string) => {
  const c = await readable(deps, actor, id, true);
  const by = isDesk(actor) ? 'DESK' : isOfficerOf(actor, c) ? 'AGENCY' : undefined;
  if (!by) throw new Forbidden('FORBIDDEN');
  ensureCan(c, 'note');
  const step = life.note(c, text, actor.nip, by, await ctx(deps));
  await store.saveSteps(deps.db, [step]);
  return view(deps, step.complaint);
};

/**
 * The reporter's identity, for the desk only. The read is recorded (who, when) before anything
 * is disclosed: no record, no identity.
 */
export const readReporter = async (deps: Deps, actor: Actor, id: string) => {
  ensure(isDesk(actor));
  const c = await loadComplaint(deps, id);
  await store.recordReporterRead(deps.db, {
    complaintId: c.id,
    nip: actor.nip,
    at: deps.clock().toISOString(),
  });
  const r = await store.getReporter(deps.db, c.id);
  return { trackingCode: c.id, privacy: c.privacy, ...(r ?? {}) };
};

export const reporterReads = async (deps: Deps, actor: Actor, id: string, page: store.PageRequest) => {
  ensure(hasRole(actor, 'AUDITOR'));
  await loadComplaint(deps, id);
  return store.listReporterReads(deps.db, id, page);
};

export const reporterReadsOfMonth = (deps: Deps, actor: Actor, month: string, page: store.PageRequest) => {
  ensure(hasRole(actor, 'AUDITOR'));
  return store.listReporterReadsOfMonth(deps.db, month, page);
};

/** The desk configures a category: its default agency and its service levels (versioned). */
export const putCategory = async (
  deps: Deps,
  actor: Actor,
  code: string,
  input: Omit<Category, 'code' | 'version' | 'updatedAt' | 'keywords'> & {
    keywords?: string[];
    version?: number;
  },
): Promise<Category> => {
  ensure(isDesk(actor));
  if (!(await getAgency(deps.db, input.agencyId)))
    throw invalid(fieldError('body.agencyId', 'unknown_agency'));
  const current = await store.getCategory(deps.db, code);
  if (current && input.version !== current.version) throw staleVersion(current.version);
  if (!current && input.version !== undefined && input.version !== 1) throw staleVersion(0);
  const { version: _v, ...fields } = input;
  const next: Category = {
    ...fields,
    code,
    keywords: input.keywords ?? [],
    version: (current?.version ?? 0) + 1,
    updatedAt: deps.clock().toISOString(),
  };
  await store.saveCategory(deps.db, next);
  return next;
};
