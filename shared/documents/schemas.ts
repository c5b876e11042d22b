/** The API contract of the documents area: printing official documents and verifying them. */
import * as z from 'zod/mini';
import './messages.js';
import { DOCUMENT_KINDS, isDocumentCode, normaliseDocumentCode } from './rules.js';

const documentCode = z.pipe(
  z.string().check(
    z.maxLength(20),
    z.refine<string>(isDocumentCode, {
      params: { reason: 'document_code', values: {} },
      message: 'document_code',
      abort: true,
    }),
  ),
  z.transform((v: string) => normaliseDocumentCode(v)),
);

export const codeParam = z.object({ code: documentCode });

export const verifyQuery = z.object({
  /** SHA-256 of the file in hand, hex (the verification page computes it in the browser) */
  sha256: z.optional(z.string().check(z.regex(/^[0-9a-fA-F]{64}$/))),
});

export const verifiedDocument = z.strictObject({
  code: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  kindName: z.string(),
  title: z.string(),
  subtitle: z.array(z.string()),
  issuer: z.string(),
  issuedAt: z.string(),
  issuedAtText: z.string(),
  current: z.boolean(),
  currentText: z.string(),
  sha256: z.string(),
  matches: z.optional(z.boolean()),
  matchesText: z.optional(z.string()),
});
