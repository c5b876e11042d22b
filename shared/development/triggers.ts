/**
 * The performance area tells the development area about every final predikat (after a review,
 * an auto-close, an appeal decision, an annual rating). An underperforming predikat opens a
 * development plan (DOMAIN §2.2, §4.2); a BAIK-or-better periodic predikat closes the open one.
 *
 * The development area owns what happens here; performance only calls it.
 */
import type { Deps } from '../platform/http.js';
import { handlePredikat } from './plans.js';

export interface PredikatEvent {
  nip: string;
  agencyId: string;
  reviewerNip?: string;
  assessmentId: string;
  /** '2026-11', '2026-Q4' or '2026' */
  period: string;
  kind: 'PERIODIC' | 'ANNUAL';
  predikat: 'SANGAT_BAIK' | 'BAIK' | 'BUTUH_PERBAIKAN' | 'KURANG' | 'SANGAT_KURANG';
  /** what was below expectation: RHK indicators (ids and texts) and BerAKHLAK values */
  gaps: { indicators: Array<{ id: string; text: string }>; coreValues: string[] };
  at: Date;
}

/**
 * BUTUH_PERBAIKAN, KURANG or SANGAT_KURANG (periodic or annual) opens a plan unless one is open (then
 * it is logged on that plan, its gap added); a periodic BAIK or SANGAT_BAIK for a later period closes
 * the open plan with the outcome. Calling it again with the same event changes nothing.
 */
export const onPredikat = async (deps: Deps, event: PredikatEvent): Promise<void> =>
  handlePredikat(deps, event);
