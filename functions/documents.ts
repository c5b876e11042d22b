/**
 * Lambda of the documents area: official documents as PDF (rendered here, with the fonts shipped
 * beside the bundle) and their public verification.
 */
import { printTppNominatif, verifyDocument } from '../shared/documents/use-cases.js';
import { areaHandler } from './area.js';

export const handler = areaHandler('documents', {
  printTppNominatif: (r) => printTppNominatif(r.deps, r.actor, r.params.runId),
  verifyDocument: (r) => verifyDocument(r.deps, { code: r.params.code, sha256: r.query.sha256 }, r.lang),
});
