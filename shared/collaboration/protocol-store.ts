/**
 * Joint protocols and their versions, in the single table:
 *
 * | record      | pk               | sk                 | indexes                                               |
 * |-------------|------------------|--------------------|-------------------------------------------------------|
 * | protocol    | PROTOCOL#<id>    | PROFILE            | gsi1 PROTOCOLS / <createdAt>#<id>                       |
 * | owner entry | PROTOCOL#<id>    | OWNER#<agencyId>   | gsi1 PROTOCOLS#AGENCY#<agencyId> / <createdAt>#<id>      |
 * |             |                  |                    |  (the summary, rewritten with the profile: one Query a page) |
 * | version     | PROTOCOL#<id>    | V#<0001>           | (the history: every version, oldest first)            |
 *
 * The profile's `rev` guards proposals and activations (the profile and the owner entries are
 * rewritten together in one transaction). An approval is one conditional Update of the version
 * (`attribute_not_exists(approvals.<agency>) AND status = PROPOSED`) returning the new approvals,
 * so exactly one approver sees the set complete and activates it.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, type Item, queryAll, queryPage } from '../platform/dynamo.js';
import { getItem, stripKeys } from '../platform/records.js';
import { type TransactItem, transact } from '../platform/transact.js';
import type { ProtocolVersionStatus } from './rules.js';

export interface ProtocolRecord {
  protocolId: string;
  title: string;
  coOwnerAgencyIds: string[];
  activeVersion?: number;
  latestVersion: number;
  pendingVersion?: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  rev: number;
}

export interface ProtocolVersionRecord {
  protocolId: string;
  versionNo: number;
  status: ProtocolVersionStatus;
  content: string;
  changeNote?: string;
  approvals: Record<string, { nip: string; at: string }>;
  proposedBy: string;
  proposedByAgency: string;
  proposedAt: string;
  activatedAt?: string;
  supersededAt?: string;
}

const pad = (n: number) => String(n).padStart(4, '0');

/**
 * The partition-key prefixes of the table items this module writes: joint protocols and their versions.
 * The stack scopes write grants with them (dynamodb:LeadingKeys, functions/writes.ts); a test
 * checks every key built here starts with one of them.
 */
export const KEY_PREFIXES = ['PROTOCOL#'] as const;

export const keys = {
  protocol: (id: string) => ({ pk: `PROTOCOL#${id}`, sk: 'PROFILE' }),
  owner: (id: string, agencyId: string) => ({ pk: `PROTOCOL#${id}`, sk: `OWNER#${agencyId}` }),
  version: (id: string, n: number) => ({ pk: `PROTOCOL#${id}`, sk: `V#${pad(n)}` }),
  all: 'PROTOCOLS',
  byAgency: (agencyId: string) => `PROTOCOLS#AGENCY#${agencyId}`,
};

export const protocolSummary = (p: ProtocolRecord) => ({
  protocolId: p.protocolId,
  title: p.title,
  coOwnerAgencyIds: p.coOwnerAgencyIds,
  activeVersion: p.activeVersion,
  latestVersion: p.latestVersion,
  pendingVersion: p.pendingVersion,
  createdAt: p.createdAt,
});

const sk = (p: ProtocolRecord) => `${p.createdAt}#${p.protocolId}`;

/** The profile (guarded by `rev`) and every owner entry, rewritten. */
const profileWrites = (db: Db, p: ProtocolRecord, create: boolean): TransactItem[] => [
  {
    Put: {
      TableName: db.table,
      Item: { ...keys.protocol(p.protocolId), type: 'PROTOCOL', ...p, gsi1pk: keys.all, gsi1sk: sk(p) },
      ...(create
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: '#rev = :rev',
            ExpressionAttributeNames: { '#rev': 'rev' },
            ExpressionAttributeValues: { ':rev': p.rev - 1 },
          }),
    },
  },
  ...p.coOwnerAgencyIds.map((agencyId) => ({
    Put: {
      TableName: db.table,
      Item: {
        ...keys.owner(p.protocolId, agencyId),
        type: 'PROTOCOL_OWNER',
        ...protocolSummary(p),
        gsi1pk: keys.byAgency(agencyId),
        gsi1sk: sk(p),
      } as Item,
    },
  })),
];

const versionPut = (
  db: Db,
  v: ProtocolVersionRecord,
  condition: string,
  values?: Record<string, unknown>,
) => ({
  Put: {
    TableName: db.table,
    Item: { ...keys.version(v.protocolId, v.versionNo), type: 'PROTOCOL_VERSION', ...v },
    ConditionExpression: condition,
    ...(values ? { ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: values } : {}),
  },
});

export const createProtocol = (db: Db, p: ProtocolRecord, first: ProtocolVersionRecord) =>
  transact(db, [...profileWrites(db, p, true), versionPut(db, first, 'attribute_not_exists(pk)')]);

/** A new PROPOSED version and the profile that points at it. Failed conditions: [0] the profile moved on. */
export const proposeVersion = (db: Db, p: ProtocolRecord, v: ProtocolVersionRecord) =>
  transact(db, [...profileWrites(db, p, false), versionPut(db, v, 'attribute_not_exists(pk)')]);

/**
 * Activates a fully approved version: it becomes ACTIVE, the one active before it SUPERSEDED, and
 * the profile points at it. Failed conditions mean someone activated it already.
 */
export const activate = (
  db: Db,
  p: ProtocolRecord,
  next: ProtocolVersionRecord,
  previous: ProtocolVersionRecord | undefined,
) =>
  transact(db, [
    ...profileWrites(db, p, false),
    versionPut(db, next, '#s = :p', { ':p': 'PROPOSED' }),
    ...(previous ? [versionPut(db, previous, '#s = :a', { ':a': 'ACTIVE' })] : []),
  ]);

/** Records one agency's approval; returns the version as it is after it (undefined: condition failed). */
export const approve = async (
  db: Db,
  protocolId: string,
  versionNo: number,
  agencyId: string,
  approval: { nip: string; at: string },
): Promise<ProtocolVersionRecord | undefined> => {
  try {
    const out = await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.version(protocolId, versionNo),
        UpdateExpression: 'SET approvals.#a = :ap',
        ConditionExpression: 'attribute_exists(pk) AND #s = :p AND attribute_not_exists(approvals.#a)',
        ExpressionAttributeNames: { '#a': agencyId, '#s': 'status' },
        ExpressionAttributeValues: { ':ap': approval, ':p': 'PROPOSED' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes ? stripKeys<ProtocolVersionRecord>(out.Attributes) : undefined;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return undefined;
    throw e;
  }
};

export const getProtocol = async (db: Db, id: string): Promise<ProtocolRecord | undefined> => {
  const item = await getItem(db, keys.protocol(id), true);
  return item ? stripKeys<ProtocolRecord>(item) : undefined;
};

export const getVersion = async (
  db: Db,
  id: string,
  n: number,
): Promise<ProtocolVersionRecord | undefined> => {
  const item = await getItem(db, keys.version(id, n), true);
  return item ? stripKeys<ProtocolVersionRecord>(item) : undefined;
};

export const versions = async (db: Db, id: string): Promise<ProtocolVersionRecord[]> => {
  const out: ProtocolVersionRecord[] = [];
  for await (const items of queryAll(db, { pk: `PROTOCOL#${id}`, prefix: 'V#' }))
    out.push(...items.map((i) => stripKeys<ProtocolVersionRecord>(i)));
  return out;
};

export const listProtocols = async (db: Db, q: { agencyId?: string; limit: number; cursor?: string }) => {
  const page = await queryPage(db, {
    index: 'gsi1',
    pk: q.agencyId ? keys.byAgency(q.agencyId) : keys.all,
    limit: q.limit,
    cursor: q.cursor,
    forward: false,
  });
  return { items: page.items.map((i) => protocolSummary(stripKeys<ProtocolRecord>(i))), cursor: page.cursor };
};
