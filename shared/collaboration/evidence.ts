/**
 * Forum participation and protocol work as evidence for the Kolaboratif value (DOMAIN §5): the
 * collaboration area checks that the employee really took part, then the performance area adds
 * the evidence to their assessment (it decides whether the assessment is theirs and still open).
 */
import './messages.js';
import { appendCoreValueEvidence } from '../performance/assessments.js';
import type { Actor } from '../platform/actor.js';
import { InvalidState, NotFound } from '../platform/errors.js';
import type { Deps } from '../platform/http.js';
import { getForum, getRegistration } from './forum-store.js';
import { getProtocol, versions } from './protocol-store.js';

/** Registered for or present at the forum. */
export const forumEvidence = async (
  deps: Deps,
  actor: Actor,
  forumId: string,
  input: { assessmentId: string },
) => {
  const forum = await getForum(deps.db, forumId);
  if (!forum) throw new NotFound('NOT_FOUND', { entity: 'forum' });
  const registration = await getRegistration(deps.db, forumId, actor.nip);
  if (!registration || registration.status === 'CANCELLED') throw new InvalidState('NOT_FORUM_PARTICIPANT');
  return appendCoreValueEvidence(deps, actor, input.assessmentId, 'KOLABORATIF', {
    kind: 'FORUM',
    ref: forumId,
    title: `${forum.kind === 'WORKSHOP' ? 'Lokakarya' : 'Forum'}: ${forum.topic}`.slice(0, 200),
  });
};

/** Proposed or approved (for their agency) a version of the protocol. */
export const protocolEvidence = async (
  deps: Deps,
  actor: Actor,
  protocolId: string,
  input: { assessmentId: string },
) => {
  const protocol = await getProtocol(deps.db, protocolId);
  if (!protocol) throw new NotFound('NOT_FOUND', { entity: 'protocol' });
  const all = await versions(deps.db, protocolId);
  const worked = all.some(
    (v) => v.proposedBy === actor.nip || Object.values(v.approvals).some((a) => a.nip === actor.nip),
  );
  if (!worked) throw new InvalidState('NOT_PROTOCOL_CONTRIBUTOR');
  return appendCoreValueEvidence(deps, actor, input.assessmentId, 'KOLABORATIF', {
    kind: 'PROTOCOL',
    ref: protocolId,
    title: `Protokol bersama: ${protocol.title}`.slice(0, 200),
  });
};
