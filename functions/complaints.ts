/** Lambda of the complaints area: citizens (no account), the city desk, the agencies, the auditor. */
import * as pub from '../shared/complaints/public.js';
import * as uc from '../shared/complaints/use-cases.js';
import { Reply } from '../shared/platform/http.js';
import { areaHandler } from './area.js';

const page = (q: { limit?: number; cursor?: string }) => ({ limit: q.limit ?? 25, cursor: q.cursor });
const SECRET = 'x-reporter-secret';

export const handler = areaHandler('complaints', {
  listComplaintCategories: (r) => pub.listPublicCategories(r.deps),
  submitComplaint: async (r) => {
    const out = await pub.submitComplaint(r.deps, r.body, {
      idempotencyKey: r.headers['idempotency-key'],
      source: 'WEB',
    });
    return new Reply(201, out, out.replayed ? { 'idempotent-replayed': 'true' } : {});
  },
  publicComplaintFeed: (r) => pub.publicFeed(r.deps, { ...r.query, ...page(r.query) }),
  trackComplaint: (r) => pub.trackComplaint(r.deps, r.params.trackingCode, r.headers[SECRET]),
  addComplaintMessage: (r) => pub.addMessage(r.deps, r.params.trackingCode, r.headers[SECRET], r.body.text),
  rateComplaint: (r) => pub.rateAnswer(r.deps, r.params.trackingCode, r.headers[SECRET], r.body),
  reopenComplaint: (r) =>
    pub.reopenComplaint(r.deps, r.params.trackingCode, r.headers[SECRET], r.body.reason),
  complaintStats: (r) => pub.complaintStats(r.deps, r.query.period),
  listComplaints: (r) => uc.listComplaints(r.deps, r.actor, { ...r.query, ...page(r.query) }),
  getComplaint: (r) => uc.getComplaint(r.deps, r.actor, r.params.id),
  verifyComplaint: (r) => uc.verifyComplaint(r.deps, r.actor, r.params.id, r.body),
  rejectComplaint: (r) => uc.rejectComplaint(r.deps, r.actor, r.params.id, r.body),
  mergeComplaint: (r) => uc.mergeComplaint(r.deps, r.actor, r.params.id, r.body),
  readComplaintReporter: (r) => uc.readReporter(r.deps, r.actor, r.params.id),
  listComplaintReporterReads: (r) => uc.reporterReads(r.deps, r.actor, r.params.id, page(r.query)),
  listReporterReadsOfMonth: (r) => uc.reporterReadsOfMonth(r.deps, r.actor, r.query.month, page(r.query)),
  acknowledgeComplaint: (r) => uc.acknowledgeComplaint(r.deps, r.actor, r.params.id, r.body?.version),
  addComplaintNote: (r) => uc.addNote(r.deps, r.actor, r.params.id, r.body.text),
  respondComplaint: (r) => uc.respondComplaint(r.deps, r.actor, r.params.id, r.body),
  handbackComplaint: (r) => uc.handbackComplaint(r.deps, r.actor, r.params.id, r.body),
  putComplaintCategory: (r) => uc.putCategory(r.deps, r.actor, r.params.code, r.body),
});
