/**
 * Printing official documents and verifying a printed one.
 *
 * Printing issues a document once per source record and version: the first print records its
 * code, its SHA-256 and what it was made from; printing the same version again (by anyone allowed)
 * gives the same bytes with the same code, so the copy in hand always matches the record. When the
 * source changes (a recomputed or approved run), the next print is a new document and the old
 * code's page says it is no longer current.
 */
import { createHash, randomBytes } from 'node:crypto';
import { getAgency, getEmployee } from '../employees/store.js';
import * as tppStore from '../incentives/store.js';
import { type Actor, hasRole } from '../platform/actor.js';
import { config } from '../platform/config.js';
import { Forbidden, NotFound } from '../platform/errors.js';
import { type Deps, Reply } from '../platform/http.js';
import { type Lang, wibDateTime } from '../platform/words.js';
import './messages.js';
import { renderPdf } from './pdf.js';
import {
  daftarNominatif,
  isDocumentCode,
  KIND_WORDS,
  newDocumentCode,
  normaliseDocumentCode,
} from './rules.js';
import { type DocumentRecord, documentOfSource, getDocument, recordDocument } from './store.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const loadRun = async (deps: Deps, runId: string) => {
  const run = await tppStore.getRun(deps.db, runId, true);
  if (!run) throw new NotFound('NOT_FOUND', { entity: 'tppRun' });
  return run;
};

const allLines = async (deps: Deps, runId: string) => {
  const out: tppStore.LineRecord[] = [];
  for await (const page of tppStore.linePages(deps.db, runId)) out.push(...page);
  return out;
};

/** The daftar nominatif of a run, rendered from what was recorded when it was first issued. */
const renderNominatif = async (
  deps: Deps,
  run: tppStore.RunRecord,
  doc: Omit<DocumentRecord, 'sha256' | 'bytes'>,
) => {
  const agency = await getAgency(deps.db, run.agencyId);
  const head = agency?.headNip ? await getEmployee(deps.db, agency.headNip) : undefined;
  const model = daftarNominatif({
    run,
    agencyName: agency?.name ?? run.agencyId,
    lines: await allLines(deps, run.runId),
    code: doc.code,
    baseUrl: config().webBaseUrl,
    issuedAt: new Date(doc.issuedAt),
    printedBy: doc.issuedBy,
    head: head ? { nip: head.nip, name: head.name } : undefined,
    lang: doc.lang,
  });
  return { model, bytes: await renderPdf(model) };
};

/**
 * GET /v1/tpp/runs/{runId}/daftar-nominatif.pdf: finance, or the admin of the run's agency (the
 * same people who may read the run's lines and export it). A run that is not approved prints as
 * such (its status on the document), so the agency can check it before submitting.
 */
export const printTppNominatif = async (deps: Deps, actor: Actor, runId: string): Promise<Reply> => {
  const run = await loadRun(deps, runId);
  const allowed =
    hasRole(actor, 'FINANCE') || (hasRole(actor, 'AGENCY_ADMIN') && actor.agencyId === run.agencyId);
  if (!allowed) throw new Forbidden('FORBIDDEN');
  const kind = 'TPP_DAFTAR_NOMINATIF' as const;

  let doc = await documentOfSource(deps.db, kind, run.runId, run.version);
  let bytes: Buffer;
  if (doc) {
    bytes = (await renderNominatif(deps, run, doc)).bytes;
  } else {
    const printer = await getEmployee(deps.db, actor.nip);
    const draft: Omit<DocumentRecord, 'sha256' | 'bytes'> = {
      code: newDocumentCode(randomBytes),
      kind,
      source: { id: run.runId, version: run.version, status: run.status },
      title: '',
      subtitle: [],
      agencyId: run.agencyId,
      issuedAt: deps.clock().toISOString(),
      issuedBy: { nip: actor.nip, name: printer?.name ?? actor.nip },
      lang: 'id',
    };
    const rendered = await renderNominatif(deps, run, draft);
    bytes = rendered.bytes;
    const record: DocumentRecord = {
      ...draft,
      title: rendered.model.title,
      subtitle: rendered.model.subtitle,
      sha256: sha256(bytes),
      bytes: bytes.length,
    };
    if (await recordDocument(deps.db, record)) doc = record;
    else {
      // printed by someone else at the same moment: theirs is the document
      doc = await documentOfSource(deps.db, kind, run.runId, run.version);
      if (!doc) throw new Error(`document of ${run.runId} v${run.version}: lost the race but found none`);
      bytes = (await renderNominatif(deps, run, doc)).bytes;
    }
  }
  if (sha256(bytes) !== doc.sha256)
    throw new Error(`document ${doc.code}: the reprint does not match the hash recorded when it was issued`);
  return new Reply(200, bytes, {
    'content-type': 'application/pdf',
    'content-disposition': `attachment; filename="daftar-nominatif-${run.runId}.pdf"`,
    'x-document-code': doc.code,
    'x-document-sha256': doc.sha256,
  });
};

export interface VerifiedDocument {
  code: string;
  kind: string;
  kindName: string;
  title: string;
  subtitle: string[];
  issuer: string;
  issuedAt: string;
  issuedAtText: string;
  /** the record it was made from is unchanged since (same version) */
  current: boolean;
  currentText: string;
  sha256: string;
  /** present when a hash was given: whether the file in hand is the one issued */
  matches?: boolean;
  matchesText?: string;
}

const sourceIsCurrent = async (deps: Deps, doc: DocumentRecord): Promise<boolean> => {
  if (doc.kind === 'TPP_DAFTAR_NOMINATIF') {
    const run = await tppStore.getRun(deps.db, doc.source.id);
    return run !== undefined && run.version === doc.source.version;
  }
  return false;
};

const TEXT = {
  current: {
    id: 'Masih berlaku: data sumbernya belum berubah sejak dokumen ini diterbitkan.',
    en: 'Current: its source has not changed since it was issued.',
  },
  outdated: {
    id: 'Tidak berlaku lagi: data sumbernya telah berubah sejak dokumen ini diterbitkan. Cetak ulang untuk versi terbaru.',
    en: 'No longer current: its source has changed since it was issued. Print it again for the latest version.',
  },
  matches: {
    id: 'Asli: berkas ini sama persis dengan dokumen yang diterbitkan.',
    en: 'Genuine: this file is exactly the document issued.',
  },
  differs: {
    id: 'Tidak cocok: berkas ini berbeda dari dokumen yang diterbitkan dengan kode ini (bisa jadi telah diubah).',
    en: 'Does not match: this file differs from the document issued with this code (it may have been altered).',
  },
};

/**
 * GET /v1/public/documents/{code}[?sha256=…]: anyone holding a printed or downloaded document.
 * Says what was issued under the code, whether it is still current, and, given the SHA-256 of a
 * file (computed by the verification page in the browser: the file is never uploaded), whether
 * that file is the one issued. Shows nothing of the document's content beyond its title.
 */
export const verifyDocument = async (
  deps: Deps,
  input: { code: string; sha256?: string },
  lang: Lang,
): Promise<VerifiedDocument> => {
  const code = normaliseDocumentCode(input.code);
  const doc = isDocumentCode(code) ? await getDocument(deps.db, code) : undefined;
  if (!doc) throw new NotFound('NOT_FOUND', { entity: 'document' });
  const current = await sourceIsCurrent(deps, doc);
  const out: VerifiedDocument = {
    code: doc.code,
    kind: doc.kind,
    kindName: KIND_WORDS[doc.kind][lang],
    title: doc.title,
    subtitle: doc.subtitle,
    issuer: 'Pemerintah Kota Semarang',
    issuedAt: doc.issuedAt,
    issuedAtText: wibDateTime(new Date(doc.issuedAt), lang),
    current,
    currentText: (current ? TEXT.current : TEXT.outdated)[lang],
    sha256: doc.sha256,
  };
  if (input.sha256 !== undefined) {
    out.matches = input.sha256.toLowerCase() === doc.sha256;
    out.matchesText = (out.matches ? TEXT.matches : TEXT.differs)[lang];
  }
  return out;
};
