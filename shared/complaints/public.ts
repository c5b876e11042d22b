/**
 * What citizens do, without an account: see the categories, file a complaint, follow it, and —
 * with the reporter secret — add information, rate the answer and reopen. Also the public feed
 * and the published figures. Nothing here ever returns the reporter's identity.
 */
import { getAgencies } from '../employees/store.js';
import { wibDate } from '../platform/clock.js';
import { type ErrorDetail, Forbidden, fieldError, InvalidState, invalid } from '../platform/errors.js';
import type { Deps } from '../platform/http.js';
import { calendarsFrom, ensureCan, loadComplaint, notFound, tell } from './common.js';
import { kelurahanName } from './kelurahan.js';
import type { Complaint } from './lifecycle.js';
import * as life from './lifecycle.js';
import { agencyFigures, insideCity, monthsOf, type Status, wibMonth } from './rules.js';
import type { SubmitInput } from './schemas.js';
import { bodyHash, newCode, newSecret, secretMatches } from './secrets.js';
import * as store from './store.js';
import { trackingView } from './views.js';

/** The active categories, each with the agency it routes to by default and its service level. */
export const listPublicCategories = async (deps: Deps) => {
  const categories = (await store.listCategories(deps.db)).filter((c) => c.active);
  const agencies = await getAgencies(deps.db, [...new Set(categories.map((c) => c.agencyId))]);
  return {
    items: categories.map((c) => ({ ...c, agencyName: agencies.get(c.agencyId)?.name })),
  };
};

/**
 * The location rule (DOMAIN §6): coordinates inside the city, or an address with its kelurahan.
 * Open311 GeoReport v2 makes `address_string` alone a valid location (`addressAlone`): the desk
 * places it when verifying.
 */
export const locationProblems = (
  loc: life.Location,
  at = 'body.location',
  addressAlone = false,
): ErrorDetail[] => {
  if (loc.kelurahan !== undefined && !kelurahanName(loc.kelurahan))
    return [fieldError(`${at}.kelurahan`, 'kelurahan_unknown')];
  const hasLat = loc.lat !== undefined;
  const hasLng = loc.lng !== undefined;
  if (hasLat !== hasLng) return [fieldError(at, 'coordinates_pair')];
  if (hasLat && hasLng)
    return insideCity(loc.lat as number, loc.lng as number) ? [] : [fieldError(at, 'outside_city')];
  if (addressAlone && loc.address) return [];
  if (!loc.address || !loc.kelurahan) return [fieldError(at, 'location_required')];
  return [];
};

export interface Submitted {
  trackingCode: string;
  /** only in the first answer: the secret is stored hashed and cannot be shown again */
  reporterSecret?: string;
  /** true when this answer repeats an earlier request with the same Idempotency-Key */
  replayed: boolean;
  status: Status;
  privacy: Complaint['privacy'];
  submittedAt: string;
  due: { verification?: string; expectedAnswer: string };
}

const answerOf = (c: Complaint, secret: string | undefined): Submitted => ({
  trackingCode: c.id,
  ...(secret ? { reporterSecret: secret } : {}),
  replayed: secret === undefined,
  status: c.status,
  privacy: c.privacy,
  submittedAt: c.submittedAt,
  due: { verification: c.clocks.find((k) => k.kind === 'VERIFY')?.due, expectedAnswer: c.expectedAt },
});

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Files a complaint. With an Idempotency-Key: the same key and the same body answer the same
 * complaint again (201, same tracking code, `replayed: true`, without the secret — it is stored
 * only as a hash); the same key with another body is refused (422 IDEMPOTENCY_KEY_REUSED).
 */
export const submitComplaint = async (
  deps: Deps,
  input: SubmitInput,
  options: { idempotencyKey?: string; source: 'WEB' | 'OPEN311'; locationPath?: string },
): Promise<Submitted> => {
  const { db } = deps;
  const key = options.idempotencyKey;
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw invalid(fieldError('header.idempotency-key', 'idempotency_key'));
  }
  const hash = bodyHash({ ...input, source: options.source });
  const replay = async (): Promise<Submitted | undefined> => {
    if (key === undefined) return undefined;
    const found = await store.getIdempotency(db, key);
    if (!found) return undefined;
    if (found.bodyHash !== hash) throw new InvalidState('IDEMPOTENCY_KEY_REUSED');
    return answerOf(await loadComplaint(deps, found.complaintId, true), undefined);
  };
  const earlier = await replay();
  if (earlier) return earlier;

  const problems = locationProblems(input.location, options.locationPath, options.source === 'OPEN311');
  const category = await store.getCategory(db, input.category);
  if (!category?.active) problems.unshift(fieldError('body.category', 'unknown_category'));
  if (problems.length > 0 || !category) throw invalid(...problems);

  const now = deps.clock();
  const calendars = await calendarsFrom(db, now);
  const { secret, stored } = newSecret();
  const reporter = input.reporter && Object.values(input.reporter).some(Boolean) ? input.reporter : undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    const step = life.submit(
      {
        id: newCode(),
        privacy: input.privacy ?? 'PUBLIC',
        category: category.code,
        description: input.description,
        location: input.location,
        photoUrls: input.photoUrls ?? [],
        source: options.source,
        secret: stored,
        hasReporterDetails: reporter !== undefined,
        serviceLevel: category.serviceLevel,
        defaultComplexity: category.defaultComplexity,
      },
      { now, calendars },
    );
    const outcome = await store.createComplaint(
      db,
      step.complaint,
      step.events,
      reporter,
      key === undefined ? undefined : { key, bodyHash: hash, at: now.toISOString() },
    );
    if (outcome.created) return answerOf(step.complaint, secret);
    if (outcome.reason === 'idempotency_key') {
      const raced = await replay();
      if (raced) return raced;
    }
    // a tracking code already taken (about 1 in 10^9 per complaint at the city's volume): draw again
  }
  throw new Error('no free tracking code after 5 attempts');
};

/**
 * The complaint, checked against the reporter secret. A CONFIDENTIAL complaint does not exist
 * for someone without its secret (404); another one answers 403.
 */
const withSecret = async (deps: Deps, code: string, secret: string | undefined): Promise<Complaint> => {
  const c = await loadComplaint(deps, code, true);
  if (!secretMatches(c.secret, secret)) {
    if (c.privacy === 'CONFIDENTIAL') throw notFound();
    throw new Forbidden('REPORTER_SECRET');
  }
  return c;
};

export const trackComplaint = async (deps: Deps, code: string, secret: string | undefined) => {
  const c = await loadComplaint(deps, code);
  const authenticated = secret !== undefined && secretMatches(c.secret, secret);
  if (c.privacy === 'CONFIDENTIAL' && !authenticated) throw notFound();
  const [events, primary] = await Promise.all([
    store.listEvents(deps.db, c.id),
    c.mergedInto ? store.getComplaint(deps.db, c.mergedInto) : undefined,
  ]);
  return trackingView(c, events, authenticated, primary);
};

export const addMessage = async (deps: Deps, code: string, secret: string | undefined, text: string) => {
  const c = await withSecret(deps, code, secret);
  ensureCan(c, 'message');
  const now = deps.clock();
  const step = life.message(c, text, { now, calendars: await calendarsFrom(deps.db, now) });
  await store.saveSteps(deps.db, [step]);
  if (c.agencyId) {
    await tell(
      deps.db,
      'COMPLAINT_OFFICER',
      c.agencyId,
      c,
      {
        key: `message-${step.complaint.version}`,
        kind: 'COMPLAINT_MESSAGE',
        title: `Informasi tambahan dari pelapor ${c.id}`,
      },
      now,
    );
  }
  return trackComplaint(deps, c.id, secret);
};

export const rateAnswer = async (
  deps: Deps,
  code: string,
  secret: string | undefined,
  rating: { score: number; solved: boolean },
) => {
  const c = await withSecret(deps, code, secret);
  ensureCan(c, 'rate');
  if (c.rating && c.rating.cycle === c.reopenCount) throw new InvalidState('COMPLAINT_ALREADY_RATED');
  const now = deps.clock();
  const step = life.rate(c, rating.score, rating.solved, {
    now,
    calendars: await calendarsFrom(deps.db, now),
  });
  await store.saveSteps(deps.db, [step]);
  return trackComplaint(deps, c.id, secret);
};

export const reopenComplaint = async (
  deps: Deps,
  code: string,
  secret: string | undefined,
  reason: string,
) => {
  const c = await withSecret(deps, code, secret);
  const now = deps.clock();
  if (!life.mayReopen(c, now)) {
    if (c.status === 'CLOSED')
      throw new InvalidState('COMPLAINT_REOPEN_WINDOW', { days: c.serviceLevel.reopenDays });
    ensureCan(c, 'reopen');
  }
  const step = life.reopen(c, reason, { now, calendars: await calendarsFrom(deps.db, now) });
  await store.saveSteps(deps.db, [step]);
  await tell(
    deps.db,
    'COMPLAINT_OFFICER',
    c.agencyId,
    c,
    {
      key: `reopened-${step.complaint.reopenCount}`,
      kind: 'COMPLAINT_REOPENED',
      title: `Pengaduan ${c.id} dibuka kembali oleh pelapor`,
    },
    now,
  );
  return trackComplaint(deps, c.id, secret);
};

export const publicFeed = (
  deps: Deps,
  q: { kelurahan?: string; category?: string; status?: Status; limit: number; cursor?: string },
) =>
  store.listFeed(
    deps.db,
    { kelurahan: q.kelurahan, category: q.category, status: q.status },
    { limit: q.limit, cursor: q.cursor },
  );

/**
 * The published figures of a period (YYYY-MM, or YYYY for the year; default this month), over the
 * complaints submitted in it. Reads only the month index, and only the fields the figures need.
 */
export const complaintStats = async (deps: Deps, period: string | undefined) => {
  const p = period ?? wibMonth(deps.clock());
  const months = monthsOf(p).filter((m) => m <= wibDate(deps.clock()).slice(0, 7));
  const inputs = (await Promise.all(months.map((m) => store.statInputsOfMonth(deps.db, m)))).flat();
  return {
    period: p,
    received: inputs.length,
    awaitingVerification: inputs.filter((c) => c.status === 'SUBMITTED').length,
    rejected: inputs.filter((c) => c.status === 'REJECTED').length,
    agencies: agencyFigures(inputs),
  };
};
