/** The API contract of the complaints area (citizens, the city desk, the agencies). */
import * as z from 'zod/mini';
import { id, pageOf, pageQuery, text, versionField } from '../platform/schemas.js';
import {
  CLASSIFICATIONS,
  COMPLEXITIES,
  isEmail,
  isHttpsUrl,
  isNik,
  isPhone,
  isTrackingCode,
  normaliseCode,
  PRIVACIES,
  STATUSES,
} from './rules.js';

const check = (fn: (v: string) => boolean, reason: string) =>
  z.refine<string>(fn, { params: { reason, values: {} }, message: reason, abort: true });

export const trackingCode = z.pipe(
  z.string().check(z.maxLength(20), check(isTrackingCode, 'tracking_code')),
  z.transform((v: string) => normaliseCode(v)),
);
export const categoryCode = z.string().check(z.regex(/^[A-Z][A-Z0-9_]{1,39}$/));
const httpsUrl = z.string().check(z.maxLength(1000), check(isHttpsUrl, 'https_url'));
export const photoUrls = z.array(httpsUrl).check(z.maxLength(5));

export const codeParam = z.object({ trackingCode });
export const idParam = z.object({ id: trackingCode });
export const categoryParam = z.object({ code: categoryCode });

export const location = z.strictObject({
  lat: z.optional(z.number().check(z.gte(-90), z.lte(90))),
  lng: z.optional(z.number().check(z.gte(-180), z.lte(180))),
  address: z.optional(text(300, 3)),
  kelurahan: z.optional(text(100, 2)),
});

export const reporter = z.strictObject({
  name: z.optional(text(100, 2)),
  nik: z.optional(z.string().check(check(isNik, 'nik'))),
  phone: z.optional(z.string().check(z.maxLength(20), check(isPhone, 'phone'))),
  email: z.optional(z.string().check(z.maxLength(254), check(isEmail, 'email'))),
});

export const submitBody = z.strictObject({
  category: categoryCode,
  description: text(4000, 20),
  location,
  privacy: z.optional(z.enum(PRIVACIES)),
  reporter: z.optional(reporter),
  photoUrls: z.optional(photoUrls),
});
export type SubmitInput = z.output<typeof submitBody>;

export const submitted = z.object({
  trackingCode: z.string(),
  reporterSecret: z.optional(z.string()),
  replayed: z.boolean(),
  status: z.enum(STATUSES),
  privacy: z.enum(PRIVACIES),
  submittedAt: z.string(),
  due: z.object({ verification: z.string(), expectedAnswer: z.string() }),
});

const answer = z.object({ text: z.string(), photoUrls: z.array(z.string()), at: z.string() });
const publicFields = {
  trackingCode: z.string(),
  status: z.enum(STATUSES),
  privacy: z.enum(PRIVACIES),
  category: z.string(),
  title: z.optional(z.string()),
  description: z.string(),
  location: z.object({
    lat: z.optional(z.number()),
    lng: z.optional(z.number()),
    address: z.optional(z.string()),
    kelurahan: z.optional(z.string()),
  }),
  photoUrls: z.array(z.string()),
  agencyId: z.optional(z.string()),
  submittedAt: z.string(),
  updatedAt: z.string(),
  expectedAt: z.string(),
  answer: z.optional(answer),
  rejectedReason: z.optional(z.string()),
  mergedInto: z.optional(z.string()),
  closedAt: z.optional(z.string()),
};
export const publicComplaint = z.object(publicFields);
export const publicPage = pageOf(publicComplaint);

const EVENT_KINDS = [
  'SUBMITTED',
  'VERIFIED',
  'REJECTED',
  'MERGED',
  'MERGED_IN',
  'ACKNOWLEDGED',
  'NOTE',
  'RESPONDED',
  'HANDED_BACK',
  'MESSAGE',
  'RATED',
  'REOPENED',
  'CLOSED',
  'ESCALATED',
] as const;

export const tracking = z.object({
  ...publicFields,
  reopenUntil: z.optional(z.string()),
  rating: z.optional(z.object({ score: z.number(), solved: z.boolean(), at: z.string() })),
  history: z.array(
    z.object({
      at: z.string(),
      kind: z.enum(EVENT_KINDS),
      agencyId: z.optional(z.string()),
      text: z.optional(z.string()),
    }),
  ),
  messages: z.optional(z.array(z.object({ at: z.string(), text: z.string() }))),
  primary: z.optional(
    z.object({
      /** absent when the primary is not public (CONFIDENTIAL): only its progress is shown */
      trackingCode: z.optional(z.string()),
      status: z.enum(STATUSES),
      expectedAt: z.string(),
      answer: z.optional(answer),
    }),
  ),
});

const ACTORS = ['REPORTER', 'DESK', 'AGENCY', 'SYSTEM'] as const;
const CLOCK_KINDS = ['VERIFY', 'FIRST_ACTION', 'ANSWER', 'AUTO_CLOSE'] as const;
const instant = z.string();
const slaLevels = z.object({
  verifyDays: z.int(),
  firstActionDays: z.int(),
  answerDays: z.object({ SIMPLE: z.int(), NO_FIELD_CHECK: z.int(), FIELD_CHECK: z.int() }),
  autoCloseDays: z.int(),
  reopenDays: z.int(),
});

export const internalComplaint = z.object({
  ...publicFields,
  classification: z.optional(z.enum(CLASSIFICATIONS)),
  complexity: z.optional(z.enum(COMPLEXITIES)),
  source: z.enum(['WEB', 'OPEN311']),
  hasReporterDetails: z.boolean(),
  /** the category's service level (working days) when submitted or last verified */
  serviceLevel: slaLevels,
  queuedAt: instant,
  verifiedAt: z.optional(instant),
  acknowledgedAt: z.optional(instant),
  respondedAt: z.optional(instant),
  answeredWithinSla: z.optional(z.boolean()),
  closedBy: z.optional(z.enum(['REPORTER', 'AUTO'])),
  reopenUntil: z.optional(instant),
  reopenCount: z.int(),
  handbackCount: z.int(),
  /** tracking codes merged into this one */
  merged: z.array(z.string()),
  rating: z.optional(z.object({ score: z.int(), solved: z.boolean(), at: instant, cycle: z.int() })),
  version: z.int(),
  clocks: z.array(z.object({ id: z.string(), kind: z.enum(CLOCK_KINDS), start: instant, due: instant })),
  escalations: z.array(
    z.object({
      clockId: z.string(),
      kind: z.enum(CLOCK_KINDS),
      step: z.enum(['WARNING', 'BREACH', 'DOUBLE', 'CLOSE']),
      dueAt: instant,
      at: instant,
    }),
  ),
  history: z.array(
    z.object({
      at: instant,
      kind: z.enum(EVENT_KINDS),
      by: z.enum(ACTORS),
      actorNip: z.optional(z.string()),
      agencyId: z.optional(z.string()),
      text: z.optional(z.string()),
      internalText: z.optional(z.string()),
      data: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
    }),
  ),
});

export const queuePage = pageOf(
  z.object({
    trackingCode: z.string(),
    status: z.enum(STATUSES),
    privacy: z.enum(PRIVACIES),
    category: z.string(),
    title: z.optional(z.string()),
    agencyId: z.optional(z.string()),
    submittedAt: instant,
    queuedAt: instant,
    handbackCount: z.int(),
    dueAt: z.optional(instant),
    expectedAt: instant,
    version: z.int(),
  }),
);

export const messageBody = z.strictObject({ text: text(4000) });
export const ratingBody = z.strictObject({
  score: z.int().check(z.gte(1), z.lte(5)),
  solved: z.boolean(),
});
export const reopenBody = z.strictObject({ reason: text(1000, 5) });

export const feedQuery = z.strictObject({
  ...pageQuery,
  kelurahan: z.optional(text(100, 2)),
  category: z.optional(categoryCode),
  status: z.optional(z.enum(STATUSES)),
});

export const period = z.string().check(z.regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/));
export const statsQuery = z.strictObject({ period: z.optional(period) });
const figures = z.object({
  agencyId: z.string(),
  volume: z.number(),
  medianHoursToVerify: z.optional(z.number()),
  medianHoursToFirstAction: z.optional(z.number()),
  medianHoursToAnswer: z.optional(z.number()),
  answered: z.number(),
  withinServiceLevelPct: z.optional(z.number()),
  reopenRatePct: z.optional(z.number()),
  ratings: z.number(),
  averageRating: z.optional(z.number()),
  solvedPct: z.optional(z.number()),
});
export const stats = z.object({
  period: z.string(),
  received: z.number(),
  awaitingVerification: z.number(),
  rejected: z.number(),
  agencies: z.array(figures),
});

export const serviceLevel = z.strictObject({
  verifyDays: z.int().check(z.gte(1), z.lte(30)),
  firstActionDays: z.int().check(z.gte(1), z.lte(60)),
  answerDays: z.strictObject({
    SIMPLE: z.int().check(z.gte(1), z.lte(365)),
    NO_FIELD_CHECK: z.int().check(z.gte(1), z.lte(365)),
    FIELD_CHECK: z.int().check(z.gte(1), z.lte(365)),
  }),
  autoCloseDays: z.int().check(z.gte(1), z.lte(60)),
  reopenDays: z.int().check(z.gte(0), z.lte(60)),
});

export const category = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  description: z.string(),
  agencyId: z.string(),
  agencyName: z.optional(z.string()),
  defaultComplexity: z.enum(COMPLEXITIES),
  serviceLevel: slaLevels,
  group: z.string(),
  keywords: z.array(z.string()),
  active: z.boolean(),
  version: z.number(),
  updatedAt: instant,
});
export const categoryList = z.object({ items: z.array(category) });

export const categoryBody = z.strictObject({
  name: text(120, 3),
  nameEn: text(120, 3),
  description: text(500),
  agencyId: id,
  defaultComplexity: z.enum(COMPLEXITIES),
  serviceLevel,
  group: text(60),
  keywords: z.optional(z.array(text(40)).check(z.maxLength(20))),
  active: z.boolean(),
  /** required to change an existing category */
  version: z.optional(versionField),
});

// ── the city desk and the agencies ─────────────────────────────────────────────

export const listQuery = z.strictObject({
  ...pageQuery,
  status: z.optional(z.enum(STATUSES)),
  agencyId: z.optional(id),
});

const version = { version: z.optional(versionField) };
export const verifyBody = z.strictObject({
  title: text(200, 5),
  classification: z.enum(CLASSIFICATIONS),
  category: categoryCode,
  agencyId: id,
  complexity: z.enum(COMPLEXITIES),
  ...version,
});
export const rejectBody = z.strictObject({ reason: text(1000, 5), ...version });
export const mergeBody = z.strictObject({ primary: trackingCode, ...version });
export const noteBody = z.strictObject({ text: text(4000) });
export const respondBody = z.strictObject({
  answer: text(4000, 10),
  photoUrls: z.optional(photoUrls),
  ...version,
});
export const handbackBody = z.strictObject({ reason: text(1000, 5), ...version });

export const reporterIdentity = z.object({
  trackingCode: z.string(),
  privacy: z.enum(PRIVACIES),
  name: z.optional(z.string()),
  nik: z.optional(z.string()),
  phone: z.optional(z.string()),
  email: z.optional(z.string()),
});
export const readsQuery = z.strictObject({ ...pageQuery });
export const monthReadsQuery = z.strictObject({
  ...pageQuery,
  month: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
});
export const readsPage = pageOf(z.object({ complaintId: z.string(), nip: z.string(), at: z.string() }));
export const versionBody = z.optional(z.strictObject({ ...version }));
