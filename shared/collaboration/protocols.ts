/**
 * Use cases of joint protocols (DOMAIN §5): a document co-owned by several agencies, versioned; a
 * proposed version becomes ACTIVE only when the AGENCY_ADMIN of every co-owner agency has approved
 * it, and the version active before it becomes SUPERSEDED. Every version is kept.
 */
import './messages.js';
import { canManageAgency } from '../employees/access.js';
import * as employees from '../employees/store.js';
import { notifyRole } from '../notifications/notify.js';
import { type Actor, ensure, hasRole } from '../platform/actor.js';
import { AlreadyExists, Conflict, fieldError, InvalidState, invalid, NotFound } from '../platform/errors.js';
import type { Deps } from '../platform/http.js';
import { failedConditions } from '../platform/transact.js';
import type { ProtocolRecord, ProtocolVersionRecord } from './protocol-store.js';
import * as store from './protocol-store.js';
import { approvedByAll, missingApprovals } from './rules.js';

const notFound = (entity = 'protocol') => new NotFound('NOT_FOUND', { entity });

const versionView = (p: ProtocolRecord, v: ProtocolVersionRecord) => ({
  ...v,
  missingApprovals: v.status === 'PROPOSED' ? missingApprovals(p.coOwnerAgencyIds, v.approvals) : [],
});

const askApprovals = async (deps: Deps, p: ProtocolRecord, v: ProtocolVersionRecord) => {
  await Promise.all(
    missingApprovals(p.coOwnerAgencyIds, v.approvals).map((agencyId) =>
      notifyRole(
        deps.db,
        'AGENCY_ADMIN',
        agencyId,
        {
          key: `protocol-approval:${p.protocolId}:${v.versionNo}`,
          kind: 'PROTOCOL_APPROVAL',
          title:
            `Protokol bersama "${p.title}" versi ${v.versionNo} menunggu persetujuan perangkat daerah Anda.`.slice(
              0,
              300,
            ),
          link: `/v1/protocols/${p.protocolId}`,
        },
        deps.clock(),
      ),
    ),
  );
};

/** An admin of one of the co-owners (or BKPP) creates it with its first version, PROPOSED. */
export const createProtocol = async (
  deps: Deps,
  actor: Actor,
  input: { title: string; coOwnerAgencyIds: string[]; content: string; changeNote?: string },
) => {
  const owners = [...new Set(input.coOwnerAgencyIds)];
  if (owners.length < 2) throw invalid(fieldError('body.coOwnerAgencyIds', 'too_small', { minimum: 2 }));
  const hr = hasRole(actor, 'HR_ADMIN');
  if (!hr && !(actor.agencyId && owners.includes(actor.agencyId) && canManageAgency(actor, actor.agencyId)))
    throw invalid(fieldError('body.coOwnerAgencyIds', 'own_agency_required'));
  const found = await employees.getAgencies(deps.db, owners);
  const unknown = input.coOwnerAgencyIds.flatMap((a, i) =>
    found.has(a) ? [] : [fieldError(`body.coOwnerAgencyIds.${i}`, 'unknown_agency')],
  );
  if (unknown.length) throw invalid(...unknown);
  const at = deps.clock().toISOString();
  const protocol: ProtocolRecord = {
    protocolId: deps.ids(),
    title: input.title,
    coOwnerAgencyIds: owners,
    latestVersion: 1,
    pendingVersion: 1,
    createdBy: actor.nip,
    createdAt: at,
    updatedAt: at,
    rev: 1,
  };
  const first: ProtocolVersionRecord = {
    protocolId: protocol.protocolId,
    versionNo: 1,
    status: 'PROPOSED',
    content: input.content,
    ...(input.changeNote ? { changeNote: input.changeNote } : {}),
    approvals: {},
    proposedBy: actor.nip,
    proposedByAgency: actor.agencyId ?? 'BKPP',
    proposedAt: at,
  };
  await store.createProtocol(deps.db, protocol, first);
  await askApprovals(deps, protocol, first);
  return { ...publicProfile(protocol), versions: [versionView(protocol, first)] };
};

/** The profile as clients see it: `rev` is the store's guard, not part of the contract. */
const publicProfile = ({ rev: _guard, ...profile }: ProtocolRecord) => profile;

export const getProtocol = async (deps: Deps, protocolId: string) => {
  const protocol = await store.getProtocol(deps.db, protocolId);
  if (!protocol) throw notFound();
  const versions = await store.versions(deps.db, protocolId);
  return { ...publicProfile(protocol), versions: versions.map((v) => versionView(protocol, v)) };
};

export const listProtocols = (deps: Deps, q: { agencyId?: string; limit: number; cursor?: string }) =>
  store.listProtocols(deps.db, q);

const ensureCoOwnerAdmin = (actor: Actor, p: ProtocolRecord) =>
  ensure(
    hasRole(actor, 'AGENCY_ADMIN') &&
      actor.agencyId !== undefined &&
      p.coOwnerAgencyIds.includes(actor.agencyId),
  );

/** A co-owner's admin proposes the next version (one awaiting approval at a time). */
export const proposeVersion = async (
  deps: Deps,
  actor: Actor,
  protocolId: string,
  input: { content: string; changeNote?: string },
) => {
  const protocol = await store.getProtocol(deps.db, protocolId);
  if (!protocol) throw notFound();
  if (!hasRole(actor, 'HR_ADMIN')) ensureCoOwnerAdmin(actor, protocol);
  if (protocol.pendingVersion !== undefined)
    throw new InvalidState('PENDING_VERSION', { versionNo: protocol.pendingVersion });
  const at = deps.clock().toISOString();
  const versionNo = protocol.latestVersion + 1;
  const next: ProtocolRecord = {
    ...protocol,
    latestVersion: versionNo,
    pendingVersion: versionNo,
    updatedAt: at,
    rev: protocol.rev + 1,
  };
  const version: ProtocolVersionRecord = {
    protocolId,
    versionNo,
    status: 'PROPOSED',
    content: input.content,
    ...(input.changeNote ? { changeNote: input.changeNote } : {}),
    approvals: {},
    proposedBy: actor.nip,
    proposedByAgency: actor.agencyId ?? 'BKPP',
    proposedAt: at,
  };
  try {
    await store.proposeVersion(deps.db, next, version);
  } catch (e) {
    if (failedConditions(e).length) throw new Conflict('CONFLICT', { currentVersion: '?' });
    throw e;
  }
  await askApprovals(deps, next, version);
  return versionView(next, version);
};

/** Makes a fully approved version ACTIVE (idempotent: a version already active is left as it is). */
const activateIfComplete = async (deps: Deps, protocolId: string, version: ProtocolVersionRecord) => {
  for (let attempt = 0; attempt < 5; attempt++) {
    const protocol = await store.getProtocol(deps.db, protocolId);
    const current = await store.getVersion(deps.db, protocolId, version.versionNo);
    if (!protocol || !current || current.status !== 'PROPOSED') return;
    if (!approvedByAll(protocol.coOwnerAgencyIds, current.approvals)) return;
    const at = deps.clock().toISOString();
    const previous =
      protocol.activeVersion !== undefined
        ? await store.getVersion(deps.db, protocolId, protocol.activeVersion)
        : undefined;
    try {
      await store.activate(
        deps.db,
        {
          ...protocol,
          activeVersion: current.versionNo,
          pendingVersion: undefined,
          updatedAt: at,
          rev: protocol.rev + 1,
        },
        { ...current, status: 'ACTIVE', activatedAt: at },
        previous && previous.status === 'ACTIVE'
          ? { ...previous, status: 'SUPERSEDED', supersededAt: at }
          : undefined,
      );
      return;
    } catch (e) {
      if (!failedConditions(e).length) throw e;
    }
  }
};

/**
 * The admin of a co-owner agency approves a PROPOSED version for their agency. When that completes
 * the set of co-owners, the version becomes ACTIVE.
 */
export const approveVersion = async (deps: Deps, actor: Actor, protocolId: string, versionNo: number) => {
  const protocol = await store.getProtocol(deps.db, protocolId);
  if (!protocol) throw notFound();
  ensureCoOwnerAdmin(actor, protocol);
  const agencyId = actor.agencyId as string;
  const version = await store.getVersion(deps.db, protocolId, versionNo);
  if (!version) throw notFound('protocolVersion');
  const after = await store.approve(deps.db, protocolId, versionNo, agencyId, {
    nip: actor.nip,
    at: deps.clock().toISOString(),
  });
  if (!after) {
    const now = await store.getVersion(deps.db, protocolId, versionNo);
    if (now?.status === 'PROPOSED' && now.approvals[agencyId]) {
      await activateIfComplete(deps, protocolId, now); // finishes an activation a crash interrupted
      throw new AlreadyExists('ALREADY_APPROVED', { agencyId });
    }
    throw new InvalidState('VERSION_NOT_PENDING', { status: now?.status ?? '?' });
  }
  await activateIfComplete(deps, protocolId, after);
  const final = (await store.getVersion(deps.db, protocolId, versionNo)) ?? after;
  return versionView((await store.getProtocol(deps.db, protocolId)) ?? protocol, final);
};
