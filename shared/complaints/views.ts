/**
 * What each audience sees of a complaint. Every view names its fields one by one (never a spread
 * of the record), so a field added to the record is hidden until a view chooses to show it. No
 * view has the reporter's identity: that is only GET /v1/complaints/{id}/reporter.
 */
import {
  type Answer,
  type Complaint,
  type ComplaintEvent,
  isPublished,
  type Location,
  PUBLIC_EVENTS,
} from './lifecycle.js';
import type { Escalation, Privacy, Status } from './rules.js';

export interface PublicComplaint {
  trackingCode: string;
  status: Status;
  privacy: Exclude<Privacy, 'CONFIDENTIAL'> | 'CONFIDENTIAL';
  category: string;
  title?: string;
  description: string;
  location: Location;
  photoUrls: string[];
  agencyId?: string;
  submittedAt: string;
  updatedAt: string;
  expectedAt: string;
  answer?: Answer;
  rejectedReason?: string;
  mergedInto?: string;
  closedAt?: string;
}

export const publicView = (c: Complaint): PublicComplaint => ({
  trackingCode: c.id,
  status: c.status,
  privacy: c.privacy,
  category: c.category,
  title: c.title,
  description: c.description,
  location: c.location,
  photoUrls: c.photoUrls,
  agencyId: c.agencyId,
  submittedAt: c.submittedAt,
  updatedAt: c.updatedAt,
  expectedAt: c.expectedAt,
  answer: c.answer,
  rejectedReason: c.rejectedReason,
  // merged: publicly only that it was merged, never a primary that is not itself public
  mergedInto: c.mergedIntoPublic ? c.mergedInto : undefined,
  closedAt: c.closedAt,
});

/** A public history entry: what happened and when, never who inside the city did it or internal text. */
export const publicEvent = (e: ComplaintEvent) => ({
  at: e.at,
  kind: e.kind,
  agencyId: e.agencyId,
  text: e.text,
});

/** Tracking by code: the public view and the public steps; with the secret, the reporter's own messages. */
export const trackingView = (
  c: Complaint,
  events: readonly ComplaintEvent[],
  withSecret: boolean,
  primary?: Complaint,
) => ({
  ...publicView(c),
  reopenUntil: c.reopenUntil,
  rating:
    withSecret && c.rating ? { score: c.rating.score, solved: c.rating.solved, at: c.rating.at } : undefined,
  history: events.filter((e) => PUBLIC_EVENTS.has(e.kind)).map(publicEvent),
  messages: withSecret
    ? events.filter((e) => e.kind === 'MESSAGE').map((e) => ({ at: e.at, text: e.internalText ?? '' }))
    : undefined,
  // the reporters of a merged complaint follow the primary; a primary that is not public shows
  // only its progress, to this complaint's own reporter, never its code or its answer
  primary: !primary
    ? undefined
    : isPublished(primary)
      ? {
          trackingCode: primary.id,
          status: primary.status,
          expectedAt: primary.expectedAt,
          answer: primary.answer,
        }
      : withSecret
        ? { status: primary.status, expectedAt: primary.expectedAt }
        : undefined,
});

/** The city's own view (desk, agency, auditor): everything but the reporter's identity and secret. */
export const internalView = (c: Complaint, events: readonly ComplaintEvent[]) => ({
  ...publicView(c),
  mergedInto: c.mergedInto,
  classification: c.classification,
  complexity: c.complexity,
  source: c.source,
  hasReporterDetails: c.hasReporterDetails,
  serviceLevel: c.serviceLevel,
  queuedAt: c.queuedAt,
  verifiedAt: c.verifiedAt,
  acknowledgedAt: c.acknowledgedAt,
  respondedAt: c.respondedAt,
  answeredWithinSla: c.answeredWithinSla,
  closedBy: c.closedBy,
  reopenUntil: c.reopenUntil,
  reopenCount: c.reopenCount,
  handbackCount: c.handbackCount,
  merged: c.merged,
  rating: c.rating,
  clocks: c.clocks,
  escalations: c.escalations as Escalation[],
  version: c.version,
  history: events.map((e) => ({
    at: e.at,
    kind: e.kind,
    by: e.by,
    actorNip: e.actorNip,
    agencyId: e.agencyId,
    text: e.text,
    internalText: e.internalText,
    data: e.data,
  })),
});

/** A line of a queue. */
export const queueLine = (c: Complaint) => ({
  trackingCode: c.id,
  status: c.status,
  privacy: c.privacy,
  category: c.category,
  title: c.title,
  agencyId: c.agencyId,
  submittedAt: c.submittedAt,
  queuedAt: c.queuedAt,
  handbackCount: c.handbackCount,
  dueAt: c.clocks.map((k) => k.due).sort()[0],
  expectedAt: c.expectedAt,
  version: c.version,
});
