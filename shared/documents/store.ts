/**
 * Issued documents.
 *
 * | record             | pk                                   | sk    | access pattern                         |
 * |--------------------|--------------------------------------|-------|----------------------------------------|
 * | document           | DOC#<code>                           | DOC   | verify a code (public page)            |
 * | document of source | DOCSRC#<kind>#<sourceId>#v<version>  | DOC   | print the same version again: same code |
 *
 * Both are written together, each only if absent: one code per document kind, source record and
 * version, however many people print it at once.
 */

import type { Db } from '../platform/dynamo.js';
import { getItem, stripKeys } from '../platform/records.js';
import { failedConditions, transact } from '../platform/transact.js';
import type { DocumentKind } from './rules.js';

/** The partition-key prefixes this store owns (functions/writes.ts grants writes by them). */
export const KEY_PREFIXES = ['DOC#', 'DOCSRC#'] as const;

export const keys = {
  document: (code: string) => ({ pk: `DOC#${code}`, sk: 'DOC' }),
  ofSource: (kind: DocumentKind, sourceId: string, version: number) => ({
    pk: `DOCSRC#${kind}#${sourceId}#v${version}`,
    sk: 'DOC',
  }),
};

export interface DocumentRecord {
  code: string;
  kind: DocumentKind;
  /** the record it was made from, and its version then (to tell whether it is still current) */
  source: { id: string; version: number; status: string };
  title: string;
  subtitle: string[];
  agencyId: string;
  /** SHA-256 (hex) of the PDF bytes issued */
  sha256: string;
  bytes: number;
  issuedAt: string;
  issuedBy: { nip: string; name: string };
  lang: 'id' | 'en';
}

export const getDocument = async (db: Db, code: string): Promise<DocumentRecord | undefined> => {
  const item = await getItem(db, keys.document(code));
  return item ? stripKeys<DocumentRecord>(item) : undefined;
};

/** The document already issued for this kind, source and version, if any. */
export const documentOfSource = async (
  db: Db,
  kind: DocumentKind,
  sourceId: string,
  version: number,
): Promise<DocumentRecord | undefined> => {
  const link = await getItem(db, keys.ofSource(kind, sourceId, version), true);
  return link ? getDocument(db, link.code as string) : undefined;
};

/**
 * Records a document. Resolves to false when another print of the same source and version won the
 * race (then that one's record is the document; nothing of this one was written).
 */
export const recordDocument = async (db: Db, doc: DocumentRecord): Promise<boolean> => {
  try {
    await transact(db, [
      {
        Put: {
          TableName: db.table,
          Item: { ...keys.document(doc.code), type: 'DOCUMENT', ...doc },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: db.table,
          Item: {
            ...keys.ofSource(doc.kind, doc.source.id, doc.source.version),
            type: 'DOCUMENT_SOURCE',
            code: doc.code,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
    return true;
  } catch (e) {
    if (failedConditions(e).includes(1)) return false;
    throw e;
  }
};
