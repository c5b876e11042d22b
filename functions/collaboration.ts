/** Lambda of the collaboration area: forums and workshops, shared practices, joint protocols. */
import * as evidence from '../shared/collaboration/evidence.js';
import * as forums from '../shared/collaboration/forums.js';
import * as practices from '../shared/collaboration/practices.js';
import * as protocols from '../shared/collaboration/protocols.js';
import { areaHandler } from './area.js';

const page = (q: { limit?: number; cursor?: string }) => ({ limit: q.limit ?? 25, cursor: q.cursor });

export const handler = areaHandler('collaboration', {
  createForum: (r) => forums.createForum(r.deps, r.actor, r.body),
  listForums: (r) => forums.listForums(r.deps, { ...r.query, ...page(r.query) }),
  getForum: (r) => forums.getForum(r.deps, r.params.forumId),
  registerForForum: (r) => forums.register(r.deps, r.actor, r.params.forumId, r.body ?? {}),
  cancelForumRegistration: (r) => forums.cancelRegistration(r.deps, r.actor, r.params.forumId, r.params.nip),
  recordForumAttendance: (r) => forums.recordAttendance(r.deps, r.actor, r.params.forumId, r.body),
  setForumMinutes: (r) => forums.setMinutes(r.deps, r.actor, r.params.forumId, r.body),
  createForumAction: (r) => forums.createAction(r.deps, r.actor, r.params.forumId, r.body),
  updateForumAction: (r) => forums.updateAction(r.deps, r.actor, r.params.forumId, r.params.actionId, r.body),
  listAgencyForumActions: (r) =>
    forums.agencyActions(r.deps, r.actor, r.params.agencyId, { ...r.query, ...page(r.query) }),
  addForumEvidence: (r) => evidence.forumEvidence(r.deps, r.actor, r.params.forumId, r.body),
  createPractice: (r) => practices.createPractice(r.deps, r.actor, r.body),
  listPractices: (r) => practices.listPractices(r.deps, { ...r.query, ...page(r.query) }),
  getPractice: (r) => practices.getPractice(r.deps, r.params.practiceId),
  adoptPractice: (r) => practices.adoptPractice(r.deps, r.actor, r.params.practiceId, r.body ?? {}),
  createProtocol: (r) => protocols.createProtocol(r.deps, r.actor, r.body),
  listProtocols: (r) => protocols.listProtocols(r.deps, { ...r.query, ...page(r.query) }),
  getProtocol: (r) => protocols.getProtocol(r.deps, r.params.protocolId),
  proposeProtocolVersion: (r) => protocols.proposeVersion(r.deps, r.actor, r.params.protocolId, r.body),
  approveProtocolVersion: (r) =>
    protocols.approveVersion(r.deps, r.actor, r.params.protocolId, r.params.versionNo),
  addProtocolEvidence: (r) => evidence.protocolEvidence(r.deps, r.actor, r.params.protocolId, r.body),
});
