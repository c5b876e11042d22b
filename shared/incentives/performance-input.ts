/**
 * The one place TPP reads the performance area: the month's predikat of each employee.
 *
 * Agreed interface with the performance area: the assessment of an employee's month has the id
 * `${nip}-${period}`; `getAssessments(db, ids)` (shared/performance/store.ts) reads them in batch;
 * `tppPredikat(a)` (shared/performance/rules.ts) says what the assessment counts as for TPP:
 * a final predikat, NOT_SUBMITTED (closed as not submitted), or undefined (still open).
 *
 * What TPP makes of it (DOMAIN §2.2, §3.1), and what each line's breakdown then says:
 * - a final predikat or NOT_SUBMITTED: used as is (source ASSESSMENT);
 * - no assessment at all (no approved SKP, so the cycle created none): paid as NOT_SUBMITTED,
 *   0% of the performance component (source NO_ASSESSMENT). Finance pays only performance that
 *   was assessed; the discipline component is still paid. The run counts these lines so the
 *   agency sees them before it submits;
 * - an assessment under appeal: the reviewed (contested) predikat is paid for now (source
 *   ASSESSMENT_OPEN); a REVISED decision is paid by an adjustment run. The employee is not left
 *   without the performance component while the atasan decides;
 * - an assessment still open at run time (not reviewed, not closed): paid as NOT_SUBMITTED for
 *   now (source ASSESSMENT_OPEN); once final the difference is paid by an adjustment run.
 */

import { predikatUnderAppeal, tppPredikat } from '../performance/rules.js';
import { getAssessments } from '../performance/store.js';
import type { Db } from '../platform/dynamo.js';
import type { Predikat, PredikatSource } from './rules.js';

export interface PredikatReading {
  predikat: Predikat;
  source: PredikatSource;
}

/** What the performance area provides (its store and rules), as agreed; tests may pass another. */
export interface AssessmentReader<A = unknown> {
  getAssessments(db: Db, ids: string[]): Promise<Map<string, A>>;
  /** the final predikat (or NOT_SUBMITTED); undefined while not final */
  tppPredikat(a: A): Predikat | undefined;
  /** while not final: the predikat to pay for now, if any (the contested one under appeal) */
  provisionalPredikat?(a: A): Predikat | undefined;
}

export const assessmentId = (nip: string, period: string): string => `${nip}-${period}`;

// biome-ignore lint/suspicious/noExplicitAny: a reader of whatever assessment shape it reads
export type AnyAssessmentReader = AssessmentReader<any>;

/** The performance area's own store and rules (shared/performance). */
export const performanceArea: AssessmentReader<import('../performance/store.js').AssessmentRecord> = {
  getAssessments,
  tppPredikat,
  provisionalPredikat: predikatUnderAppeal,
};

/** The month's predikat of each NIP, as TPP counts it. */
export const readPredikats = async (
  db: Db,
  nips: string[],
  period: string,
  reader: AnyAssessmentReader = performanceArea,
): Promise<Map<string, PredikatReading>> => {
  const found = await reader.getAssessments(
    db,
    nips.map((n) => assessmentId(n, period)),
  );
  const out = new Map<string, PredikatReading>();
  for (const nip of nips) {
    const a = found.get(assessmentId(nip, period));
    if (a === undefined) {
      out.set(nip, { predikat: 'NOT_SUBMITTED', source: 'NO_ASSESSMENT' });
      continue;
    }
    const predikat = reader.tppPredikat(a);
    out.set(
      nip,
      predikat === undefined
        ? { predikat: reader.provisionalPredikat?.(a) ?? 'NOT_SUBMITTED', source: 'ASSESSMENT_OPEN' }
        : { predikat, source: 'ASSESSMENT' },
    );
  }
  return out;
};
