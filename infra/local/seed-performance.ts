/**
 * Performance demo data and bulk seeding:
 * - `seedPerformance`: the demo users (plan.demo) get approved plans for the year and the current
 *   month's assessments in various states, so every screen has something to show. Conditional
 *   creates: running it again leaves what users changed alone.
 * - `seedPerformanceYear`: approved plans and a whole year of final monthly assessments for every
 *   employee with a pejabat penilai (the TPP and report benches need a city-sized year).
 */
import type { EmployeeRecord } from '../../shared/employees/store.js';
import { newAssessment } from '../../shared/performance/cycle.js';
import {
  type AssessmentState,
  type Predikat,
  predikatOf,
  type Rating,
  withCoreValues,
  withIds,
} from '../../shared/performance/rules.js';
import {
  type AssessmentRecord,
  assessmentItem,
  createAssessments,
  type PlanRecord,
  planId,
  planItem,
} from '../../shared/performance/store.js';
import { wibDate } from '../../shared/platform/clock.js';
import { mapLimit } from '../../shared/platform/concurrency.js';
import { batchWrite, type Db, type Item } from '../../shared/platform/dynamo.js';
import type { SeedPlan } from './seed.js';

const RESULTS = withIds([
  {
    text: 'Terlaksananya layanan sesuai standar pelayanan',
    kind: 'UTAMA',
    classification: 'ORGANISASI',
    indicators: [
      { aspect: 'KUANTITAS', text: 'Jumlah layanan diselesaikan', target: 120, unit: 'layanan' },
      { aspect: 'WAKTU', text: 'Layanan selesai tepat waktu', target: 95, unit: '%' },
    ],
  },
  {
    text: 'Tersusunnya laporan kinerja bulanan',
    kind: 'TAMBAHAN',
    classification: 'INDIVIDU',
    indicators: [{ aspect: 'KUALITAS', text: 'Laporan lengkap dan akurat', target: 12, unit: 'laporan' }],
  },
]);

/** An APPROVED plan for the year, approved by the employee's pejabat penilai. */
export const approvedPlanFor = (e: EmployeeRecord, year: number): PlanRecord => {
  const at = `${year}-01-20T02:00:00.000Z`;
  return {
    planId: planId(e.nip, year),
    nip: e.nip,
    year,
    agencyId: e.agencyId,
    unitId: e.unitId,
    reviewerNip: e.reviewerNip,
    approach: 'KUANTITATIF',
    results: RESULTS,
    coreValues: withCoreValues(),
    state: 'APPROVED',
    approvedBy: e.reviewerNip,
    approvedAt: at,
    history: [
      { at: `${year}-01-10T02:00:00.000Z`, by: e.nip, action: 'CREATED', to: 'DRAFT' },
      { at: `${year}-01-12T02:00:00.000Z`, by: e.nip, action: 'SUBMIT', from: 'DRAFT', to: 'SUBMITTED' },
      { at, by: e.reviewerNip ?? 'system', action: 'APPROVE', from: 'SUBMITTED', to: 'APPROVED' },
    ],
    version: 3,
    createdAt: `${year}-01-10T02:00:00.000Z`,
    updatedAt: at,
  };
};

const RATINGS_BY_PREDIKAT: Record<Predikat, [Rating, Rating]> = {
  SANGAT_BAIK: ['ABOVE', 'ABOVE'],
  BAIK: ['AS_EXPECTED', 'AS_EXPECTED'],
  BUTUH_PERBAIKAN: ['BELOW', 'AS_EXPECTED'],
  KURANG: ['AS_EXPECTED', 'BELOW'],
  SANGAT_KURANG: ['BELOW', 'BELOW'],
};

/** A small deterministic hash (FNV-1a) so that the same employee and month always get the same result. */
const hash = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
};

/** 15% SANGAT_BAIK, 65% BAIK, 12% BUTUH_PERBAIKAN, 5% KURANG, 1% SANGAT_KURANG, 2% not submitted. */
const outcomeFor = (nip: string, period: string): Predikat | 'NOT_SUBMITTED' => {
  const n = hash(`${nip}:${period}`) % 100;
  if (n < 15) return 'SANGAT_BAIK';
  if (n < 80) return 'BAIK';
  if (n < 92) return 'BUTUH_PERBAIKAN';
  if (n < 97) return 'KURANG';
  if (n < 98) return 'SANGAT_KURANG';
  return 'NOT_SUBMITTED';
};

const opened = (e: EmployeeRecord, period: string, year: number, at: string): AssessmentRecord =>
  newAssessment(e, period, 'MONTHLY', year, at);

const reviewed = (
  a: AssessmentRecord,
  predikat: Predikat,
  state: AssessmentState,
  at: string,
): AssessmentRecord => {
  const [ratingHasilKerja, ratingPerilaku] = RATINGS_BY_PREDIKAT[predikat];
  const reviewerNip = a.reviewerNip as string;
  return {
    ...a,
    state,
    predikat,
    autoClosed: false,
    self: {
      entries: RESULTS.map((r) => ({
        rhkId: r.id,
        actionPlan: 'Sesuai rencana aksi',
        realization: 'Tercapai',
      })),
      coreValueEvidence: [],
      submittedAt: at,
    },
    review: {
      ratingHasilKerja,
      ratingPerilaku,
      hasilKerjaFrom: 'REVIEWER',
      predikat: predikatOf(ratingHasilKerja, ratingPerilaku),
      results: RESULTS.map((r) => ({ rhkId: r.id, feedback: 'Terima kasih atas kerja kerasnya' })),
      coreValues: [],
      reviewerNip,
      reviewedAt: at,
      configVersion: 0,
    },
    history: [
      ...a.history,
      { at, by: a.nip, action: 'SUBMITTED', from: 'OPEN', to: 'SELF_SUBMITTED' },
      { at, by: reviewerNip, action: 'REVIEWED', from: 'SELF_SUBMITTED', to: 'REVIEWED', note: predikat },
      ...(state === 'ACKNOWLEDGED'
        ? [{ at, by: a.nip, action: 'ACKNOWLEDGED', from: 'REVIEWED', to: 'ACKNOWLEDGED' }]
        : []),
    ],
    version: state === 'ACKNOWLEDGED' ? 4 : 3,
    updatedAt: at,
  };
};

export interface SeedYearOptions {
  /** months of the year to fill, 1…12 (default 12) */
  months?: number;
  /** BatchWriteItem calls in flight (default 8) */
  concurrency?: number;
  progress?: (done: number, total: number) => void;
}

/**
 * Approved plans and a year of final monthly assessments (ACKNOWLEDGED, or NOT_SUBMITTED for ~2%)
 * for every employee of `plan` with a pejabat penilai, written with unconditional batch puts
 * (seeding only). Returns the number of items written.
 */
export const seedPerformanceYear = async (
  db: Db,
  plan: Pick<SeedPlan, 'employees'>,
  year: number,
  options: SeedYearOptions = {},
): Promise<{ plans: number; assessments: number }> => {
  const people = plan.employees.filter((e) => e.reviewerNip);
  const months = Array.from(
    { length: options.months ?? 12 },
    (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`,
  );
  const items: Item[] = [];
  let assessments = 0;
  for (const e of people) {
    items.push(planItem(approvedPlanFor(e, year)));
    for (const period of months) {
      const openedAt = `${period}-01T00:00:00.000+07:00`;
      const closedAt = new Date(`${period}-01T00:00:00.000+07:00`);
      closedAt.setUTCMonth(closedAt.getUTCMonth() + 1, 8);
      const base = opened(e, period, year, new Date(openedAt).toISOString());
      const outcome = outcomeFor(e.nip, period);
      const at = closedAt.toISOString();
      const record =
        outcome === 'NOT_SUBMITTED'
          ? {
              ...base,
              state: 'NOT_SUBMITTED' as const,
              history: [
                ...base.history,
                { at, by: 'system', action: 'CLOSED_NOT_SUBMITTED', from: 'OPEN', to: 'NOT_SUBMITTED' },
              ],
              version: 2,
              updatedAt: at,
            }
          : reviewed(base, outcome, 'ACKNOWLEDGED', at);
      items.push(assessmentItem(record));
      assessments++;
    }
  }
  const chunks: Item[][] = [];
  for (let i = 0; i < items.length; i += 500) chunks.push(items.slice(i, i + 500));
  let done = 0;
  await mapLimit(chunks, options.concurrency ?? 8, async (chunk) => {
    await batchWrite(
      db,
      chunk.map((put) => ({ put })),
    );
    done += chunk.length;
    options.progress?.(done, items.length);
  });
  return { plans: people.length, assessments };
};

/**
 * The demo users' year: approved plans for the staff member, their section head's reviewees, the
 * section head and the division head; this month's assessments in every state a screen shows
 * (open with a draft, submitted, reviewed, acknowledged, appealed), last month's acknowledged.
 */
export const seedPerformance = async (db: Db, plan: SeedPlan, now: Date) => {
  const today = wibDate(now);
  const year = Number(today.slice(0, 4));
  const period = today.slice(0, 7);
  const byNip = new Map(plan.employees.map((e) => [e.nip, e]));
  const { staff, sectionHead, divisionHead } = plan.demo;
  const reviewees = plan.employees.filter((e) => e.reviewerNip === sectionHead && e.nip !== staff);
  const people = [byNip.get(staff), ...reviewees, byNip.get(sectionHead), byNip.get(divisionHead)].filter(
    (e): e is EmployeeRecord => e?.reviewerNip !== undefined,
  );
  await batchWrite(
    db,
    people.map((e) => ({ put: planItem(approvedPlanFor(e, year)) })),
  );
  const at = now.toISOString();
  const openedAt = new Date(`${period}-01T00:05:00.000+07:00`).toISOString();
  const month = Number(period.slice(5, 7));
  const previous = month === 1 ? undefined : `${year}-${String(month - 1).padStart(2, '0')}`;
  const records: AssessmentRecord[] = [];
  people.forEach((e, i) => {
    const base = opened(e, period, year, openedAt);
    if (previous)
      records.push(reviewed(opened(e, previous, year, openedAt), 'BAIK', 'ACKNOWLEDGED', openedAt));
    if (e.nip === staff) {
      records.push({
        ...base,
        self: {
          entries: [
            { rhkId: 'RHK-1', actionPlan: 'Menyelesaikan antrian layanan setiap hari', realization: '' },
          ],
          coreValueEvidence: [],
        },
        history: [...base.history, { at, by: e.nip, action: 'SELF_SAVED', from: 'OPEN', to: 'OPEN' }],
        version: 2,
      });
      return;
    }
    const kind = i % 5;
    if (kind === 1 || e.nip === sectionHead)
      records.push({
        ...base,
        state: 'SELF_SUBMITTED',
        self: { ...reviewed(base, 'BAIK', 'REVIEWED', at).self },
        history: [
          ...base.history,
          { at, by: e.nip, action: 'SUBMITTED', from: 'OPEN', to: 'SELF_SUBMITTED' },
        ],
        version: 2,
      });
    else if (kind === 2) records.push(reviewed(base, 'BUTUH_PERBAIKAN', 'REVIEWED', at));
    else if (kind === 3) records.push(reviewed(base, 'SANGAT_BAIK', 'ACKNOWLEDGED', at));
    else if (kind === 4) {
      const r = reviewed(base, 'KURANG', 'REVIEWED', at);
      records.push({
        ...r,
        state: 'APPEALED',
        appeal: {
          reasons: 'Bukti dukung perilaku belum dipertimbangkan',
          filedAt: at,
          appealReviewerNip: divisionHead,
        },
        history: [...r.history, { at, by: e.nip, action: 'APPEALED', from: 'REVIEWED', to: 'APPEALED' }],
        version: 4,
      });
    } else records.push(base);
  });
  const written = await createAssessments(db, records);
  return { plans: people.length, assessments: written.created, period };
};
