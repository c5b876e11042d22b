import * as z from 'zod/mini';
import { tag } from '../development/schemas.js';
import { id, isoDate, nip, pageOf, pageQuery, text, versionField } from '../platform/schemas.js';
import { ACTION_STATUSES, FORUM_KINDS, PROTOCOL_VERSION_STATUSES } from './rules.js';

/** The API contract of the collaboration area: forums, shared practices, joint protocols. */

const instant = z.iso.datetime({ offset: true });
const agencyIds = (min: number) => z.array(id).check(z.minLength(min), z.maxLength(60));

export const forumIdParam = z.object({ forumId: id });
export const registrationParam = z.object({ forumId: id, nip });
export const actionParam = z.object({ forumId: id, actionId: id });
export const practiceIdParam = z.object({ practiceId: id });
export const protocolIdParam = z.object({ protocolId: id });
export const protocolVersionParam = z.object({
  protocolId: id,
  versionNo: z.pipe(
    z.string().check(z.regex(/^\d{1,4}$/)),
    z.pipe(
      z.transform((v: string) => Number(v)),
      z.int().check(z.gte(1)),
    ),
  ),
});
export const agencyIdParam = z.object({ agencyId: id });

// ── forums ─────────────────────────────────────────────────────────────────────

export const createForumBody = z.strictObject({
  kind: z.enum(FORUM_KINDS),
  topic: text(200, 3),
  description: z.optional(text(4000)),
  /** default: the caller's agency */
  hostAgencyId: z.optional(id),
  invitedAgencyIds: agencyIds(1),
  startsAt: instant,
  endsAt: instant,
  place: text(200),
  capacity: z.int().check(z.gte(1), z.lte(5000)),
});

export const forumsQuery = z.strictObject({
  /** forums an agency hosts or is invited to */
  agencyId: z.optional(id),
  from: z.optional(isoDate),
  to: z.optional(isoDate),
  ...pageQuery,
});

export const forumSummary = z.object({
  forumId: z.string(),
  kind: z.enum(FORUM_KINDS),
  topic: z.string(),
  hostAgencyId: z.string(),
  invitedAgencyIds: z.array(z.string()),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  capacity: z.number(),
});
export const forumPage = pageOf(forumSummary);

export const actionItem = z.object({
  actionId: z.string(),
  forumId: z.string(),
  forumTopic: z.string(),
  title: z.string(),
  ownerAgencyId: z.string(),
  dueDate: z.string(),
  status: z.enum(ACTION_STATUSES),
  note: z.optional(z.string()),
  doneAt: z.optional(z.string()),
  overdue: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export const actionPage = pageOf(actionItem);

export const forum = z.object({
  ...forumSummary.def.shape,
  description: z.optional(z.string()),
  seats: z.number(),
  minutes: z.optional(z.string()),
  minutesBy: z.optional(z.string()),
  minutesAt: z.optional(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  actions: z.optional(z.array(actionItem)),
});

/** optional: without a body the caller registers themself */
export const registerBody = z.optional(z.strictObject({ nip: z.optional(nip) }));
export const registration = z.object({
  forumId: z.string(),
  nip: z.string(),
  agencyId: z.string(),
  status: z.enum(['REGISTERED', 'CANCELLED', 'ATTENDED']),
  topic: z.string(),
  startsAt: z.string(),
  registeredBy: z.string(),
  registeredAt: z.string(),
  attendedAt: z.optional(z.string()),
  cancelledAt: z.optional(z.string()),
});
export const forumAttendanceBody = z.strictObject({
  nips: z.array(nip).check(z.minLength(1), z.maxLength(500)),
});
export const forumAttendanceResult = z.object({ attended: z.number(), unchanged: z.number() });

export const minutesBody = z.strictObject({ version: versionField, minutes: text(20000) });

export const createActionBody = z.strictObject({
  title: text(500, 3),
  ownerAgencyId: id,
  dueDate: isoDate,
});
export const updateActionBody = z.strictObject({
  version: versionField,
  status: z.optional(z.enum(ACTION_STATUSES)),
  dueDate: z.optional(isoDate),
  note: z.optional(text(2000)),
});
export const agencyActionsQuery = z.strictObject({
  status: z.optional(z.enum(['open', 'all'])),
  ...pageQuery,
});

// ── shared practices ───────────────────────────────────────────────────────────

export const createPracticeBody = z.strictObject({
  title: text(200, 3),
  problem: text(4000, 10),
  solution: text(8000, 10),
  results: text(4000, 5),
  tags: z.array(tag).check(z.minLength(1), z.maxLength(10)),
  /** default: the caller's agency */
  agencyId: z.optional(id),
});
export const practicesQuery = z.strictObject({
  tag: z.optional(tag),
  agencyId: z.optional(id),
  ...pageQuery,
});
export const practiceSummary = z.object({
  practiceId: z.string(),
  title: z.string(),
  agencyId: z.string(),
  tags: z.array(z.string()),
  createdAt: z.string(),
});
export const practicePage = pageOf(practiceSummary);
export const adoption = z.object({
  practiceId: z.string(),
  agencyId: z.string(),
  note: z.optional(z.string()),
  adoptedBy: z.string(),
  adoptedAt: z.string(),
});
export const practice = z.object({
  ...practiceSummary.def.shape,
  problem: z.string(),
  solution: z.string(),
  results: z.string(),
  createdBy: z.string(),
  adoptionCount: z.number(),
  adoptions: z.optional(z.array(adoption)),
});
export const adoptBody = z.optional(z.strictObject({ note: z.optional(text(2000)) }));

// ── joint protocols ────────────────────────────────────────────────────────────

export const createProtocolBody = z.strictObject({
  title: text(200, 3),
  /** the co-owner agencies (the caller's own among them), at least two */
  coOwnerAgencyIds: agencyIds(2),
  content: text(50000, 10),
  changeNote: z.optional(text(2000)),
});
export const proposeVersionBody = z.strictObject({
  content: text(50000, 10),
  changeNote: z.optional(text(2000)),
});
export const protocolsQuery = z.strictObject({ agencyId: z.optional(id), ...pageQuery });

export const protocolVersion = z.object({
  protocolId: z.string(),
  versionNo: z.number(),
  status: z.enum(PROTOCOL_VERSION_STATUSES),
  content: z.string(),
  changeNote: z.optional(z.string()),
  approvals: z.record(z.string(), z.object({ nip: z.string(), at: z.string() })),
  missingApprovals: z.array(z.string()),
  proposedBy: z.string(),
  proposedByAgency: z.string(),
  proposedAt: z.string(),
  activatedAt: z.optional(z.string()),
  supersededAt: z.optional(z.string()),
});
export const protocolSummary = z.object({
  protocolId: z.string(),
  title: z.string(),
  coOwnerAgencyIds: z.array(z.string()),
  activeVersion: z.optional(z.number()),
  latestVersion: z.number(),
  pendingVersion: z.optional(z.number()),
  createdAt: z.string(),
});
export const protocolPage = pageOf(protocolSummary);
export const protocol = z.object({
  ...protocolSummary.def.shape,
  createdBy: z.string(),
  updatedAt: z.string(),
  versions: z.array(protocolVersion),
});

// ── evidence for the Kolaboratif value ────────────────────────────────────────

export const evidenceBody = z.strictObject({ assessmentId: id });
