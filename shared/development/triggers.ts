/**
 * The performance area tells the development area about every final predikat (after a review,
 * an auto-close, an appeal decision, an annual rating). An underperforming predikat opens a
 * development plan (DOMAIN §2.2, §4.2); a BAIK-or-better periodic predikat closes the open one.
 *
 * The development area owns what happens here; performance only calls it.
 */
import type { Deps } from '../platform/http.js';

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

export const onPredikat = async (_deps: Deps, _event: PredikatEvent): Promise<void> => {
  // Implemented by the development area (issue 6): opens or closes development plans.
};
