/** Helpers of the performance tests: plan input, approved plans written directly, unit heads. */
import { unitItem } from '../../shared/employees/store.js';
import { withCoreValues, withIds } from '../../shared/performance/rules.js';
import { type PlanRecord, planId, planItem } from '../../shared/performance/store.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { batchWrite } from '../../shared/platform/dynamo.js';
import { NIP } from './org.js';

export const planInput = (year = 2026, supportsRhkId?: string) => ({
  year,
  approach: 'KUANTITATIF' as const,
  results: [
    {
      text: 'Terpeliharanya jalan kota dalam kondisi mantap',
      kind: 'UTAMA' as const,
      classification: 'ORGANISASI' as const,
      ...(supportsRhkId ? { supportsRhkId } : {}),
      indicators: [
        { aspect: 'KUANTITAS' as const, text: 'Panjang jalan dipelihara', target: 12, unit: 'km' },
        { aspect: 'WAKTU' as const, text: 'Laporan bulanan tepat waktu', target: 12, unit: 'laporan' },
      ],
    },
    {
      text: 'Tertibnya arsip kegiatan',
      kind: 'TAMBAHAN' as const,
      classification: 'INDIVIDU' as const,
      indicators: [{ aspect: 'KUALITAS' as const, text: 'Arsip lengkap', target: 100, unit: '%' }],
    },
  ],
  coreValues: [{ value: 'KOLABORATIF' as const, expectation: 'Aktif dalam forum lintas OPD' }],
});

/** An APPROVED plan as the workflow would leave it (for cycle and bench setups). */
export const approvedPlan = (
  e: { nip: string; agencyId: string; unitId: string; reviewerNip?: string },
  year = 2026,
): PlanRecord => {
  const input = planInput(year);
  return {
    planId: planId(e.nip, year),
    nip: e.nip,
    year,
    agencyId: e.agencyId,
    unitId: e.unitId,
    reviewerNip: e.reviewerNip,
    approach: input.approach,
    results: withIds(input.results),
    coreValues: withCoreValues(input.coreValues),
    state: 'APPROVED',
    approvedBy: e.reviewerNip,
    approvedAt: `${year}-01-20T03:00:00.000Z`,
    history: [],
    version: 3,
    createdAt: `${year}-01-10T03:00:00.000Z`,
    updatedAt: `${year}-01-20T03:00:00.000Z`,
  };
};

export const putApprovedPlans = (db: Db, people: Parameters<typeof approvedPlan>[0][], year = 2026) =>
  batchWrite(
    db,
    people.map((p) => ({ put: planItem(approvedPlan(p, year)) })),
  );

/** Gives the test organisation's DPU units their heads (the seed leaves them without). */
export const setUnitHeads = (db: Db) =>
  batchWrite(db, [
    {
      put: unitItem({ unitId: 'DPU-PIMPINAN', agencyId: 'DPU', name: 'Pimpinan DPU', headNip: NIP.dpuHead }),
    },
    {
      put: unitItem({
        unitId: 'DPU-B1',
        agencyId: 'DPU',
        name: 'Bidang Jalan',
        parentUnitId: 'DPU-PIMPINAN',
        headNip: NIP.division,
      }),
    },
    {
      put: unitItem({
        unitId: 'DPU-B1-S1',
        agencyId: 'DPU',
        name: 'Seksi Pemeliharaan Jalan',
        parentUnitId: 'DPU-B1',
        headNip: NIP.section,
      }),
    },
  ]);
