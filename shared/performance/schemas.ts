import * as z from 'zod/mini';
import { id, nip, pageOf, pageQuery, text, versionField, yearParam } from '../platform/schemas.js';
import {
  APPEAL_OUTCOMES,
  APPROACHES,
  ASPECTS,
  ASSESSMENT_STATES,
  CORE_VALUES,
  EVIDENCE_KINDS,
  isPeriod,
  ORG_PREDIKATS,
  PLAN_STATES,
  PREDIKATS,
  RATINGS,
  RHK_CLASSIFICATIONS,
  RHK_KINDS,
  SUBMIT_FROM,
} from './rules.js';

/** The API contract of performance management (plans, cycles, assessments, reports). */

export const period = z.string().check(
  z.refine((v) => isPeriod(v), {
    params: { reason: 'period', values: {} },
    message: 'period',
    abort: true,
  }),
);

const planIdPattern = /^\d{18}-\d{4}$/;
const assessmentIdPattern = /^\d{18}-\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$/;
export const planIdParam = z.object({
  planId: z.string().check(
    z.refine((v) => planIdPattern.test(v), {
      params: { reason: 'invalid', values: {} },
      message: 'planId',
    }),
  ),
});
export const assessmentIdParam = z.object({
  id: z.string().check(
    z.refine((v) => assessmentIdPattern.test(v), {
      params: { reason: 'invalid', values: {} },
      message: 'id',
    }),
  ),
});
export const nipParam = z.object({ nip });
export const nipYearParam = z.object({ nip, year: yearParam });
export const yearPathParam = z.object({ year: yearParam });
export const unitPeriodParam = z.object({ unitId: id, period });
export const unitIdParam = z.object({ unitId: id });
export const agencyIdParam = z.object({ agencyId: id });
export const periodParam = z.object({ period });

const rating = z.enum(RATINGS);
const coreValue = z.enum(CORE_VALUES);
const url = z.url({ protocol: /^https?$/ }).check(z.maxLength(2000));

// ── plans ──────────────────────────────────────────────────────────────────────

const indicatorInput = z.strictObject({
  aspect: z.enum(ASPECTS),
  text: text(500),
  // DynamoDB stores numbers down to 1e-130 only: a target is 0 or at least 0.0001
  target: z.number().check(
    z.gte(0),
    z.lte(1_000_000_000),
    z.refine((v) => v === 0 || v >= 0.0001, {
      params: { reason: 'too_small_number', values: { minimum: '0.0001' } },
      message: 'target',
    }),
  ),
  unit: text(50),
});
const rhkInput = z.strictObject({
  text: text(1000),
  kind: z.enum(RHK_KINDS),
  classification: z.enum(RHK_CLASSIFICATIONS),
  supportsRhkId: z.optional(z.string().check(z.maxLength(20))),
  indicators: z.array(indicatorInput).check(z.minLength(1), z.maxLength(10)),
});
const coreValueInput = z.strictObject({ value: coreValue, expectation: z.optional(text(1000)) });
const planContent = {
  approach: z.optional(z.enum(APPROACHES)),
  results: z.array(rhkInput).check(z.minLength(1), z.maxLength(30)),
  coreValues: z.optional(z.array(coreValueInput).check(z.maxLength(7))),
};
export const createPlanBody = z.strictObject({
  year: z.int().check(z.gte(2000), z.lte(2100)),
  ...planContent,
});
export const updatePlanBody = z.strictObject({ version: versionField, ...planContent });
export const versionBody = z.strictObject({ version: versionField });
export const returnPlanBody = z.strictObject({ version: versionField, note: text(2000) });

const history = z.array(
  z.object({
    at: z.string(),
    by: z.string(),
    action: z.string(),
    from: z.optional(z.string()),
    to: z.optional(z.string()),
    note: z.optional(z.string()),
  }),
);

export const plan = z.object({
  planId: z.string(),
  nip: z.string(),
  year: z.number(),
  agencyId: z.string(),
  unitId: z.string(),
  reviewerNip: z.optional(z.string()),
  approach: z.enum(APPROACHES),
  results: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      kind: z.enum(RHK_KINDS),
      classification: z.enum(RHK_CLASSIFICATIONS),
      supportsRhkId: z.optional(z.string()),
      indicators: z.array(
        z.object({
          id: z.string(),
          aspect: z.enum(ASPECTS),
          text: z.string(),
          target: z.number(),
          unit: z.string(),
        }),
      ),
    }),
  ),
  coreValues: z.array(z.object({ value: coreValue, expectation: z.optional(z.string()) })),
  state: z.enum(PLAN_STATES),
  returnNote: z.optional(z.string()),
  approvedBy: z.optional(z.string()),
  approvedAt: z.optional(z.string()),
  approvalDeadline: z.string(),
  history,
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const planPage = pageOf(plan);
export const planListQuery = z.strictObject({ ...pageQuery });

export const cascade = z.object({
  planId: z.string(),
  results: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      supportedBy: z.array(
        z.object({
          nip: z.string(),
          planId: z.string(),
          rhkId: z.string(),
          text: z.string(),
          state: z.enum(PLAN_STATES),
        }),
      ),
    }),
  ),
});

// ── cycles ─────────────────────────────────────────────────────────────────────

export const openCycleBody = z.strictObject({ period });
export const cycleResult = z.object({
  period: z.string(),
  agencies: z.number(),
  agenciesSkipped: z.number(),
  employees: z.number(),
  created: z.number(),
  existing: z.number(),
  withoutApprovedPlan: z.number(),
  notActive: z.number(),
});
export const cycle = z.object({
  period: z.string(),
  startedAt: z.string(),
  finishedAt: z.optional(z.string()),
  agenciesDone: z.array(z.string()),
  created: z.number(),
});

// ── assessments ────────────────────────────────────────────────────────────────

export const assessmentListQuery = z.strictObject({
  period: z.optional(period),
  scope: z.optional(z.enum(['mine', 'reviewees', 'agency', 'appeals'])),
  agencyId: z.optional(id),
  unitId: z.optional(id),
  ...pageQuery,
});

const evidence = z.strictObject({ title: text(200), url });
export const selfBody = z.strictObject({
  version: versionField,
  entries: z
    .array(
      z.strictObject({
        rhkId: z.string().check(z.maxLength(20)),
        actionPlan: z.optional(text(4000, 0)),
        realization: z.optional(text(4000, 0)),
        evidence: z.optional(z.array(evidence).check(z.maxLength(20))),
      }),
    )
    .check(z.maxLength(30)),
});

const rhkReview = z.strictObject({
  rhkId: z.string().check(z.maxLength(20)),
  feedback: z.optional(text(4000)),
  belowExpectation: z.optional(z.boolean()),
  indicatorIds: z.optional(z.array(z.string().check(z.maxLength(20))).check(z.maxLength(10))),
});
const coreValueReview = z.strictObject({
  coreValue,
  feedback: z.optional(text(2000)),
  belowExpectation: z.optional(z.boolean()),
});
export const reviewBody = z.strictObject({
  version: versionField,
  /** optional only for a unit head whose organisation predikat decides it */
  ratingHasilKerja: z.optional(rating),
  ratingPerilaku: rating,
  results: z.optional(z.array(rhkReview).check(z.maxLength(30))),
  coreValues: z.optional(z.array(coreValueReview).check(z.maxLength(7))),
  behaviourFeedback: z.optional(text(4000)),
});
export const appealBody = z.strictObject({ version: versionField, reasons: text(4000, 10) });
export const appealDecisionBody = z.strictObject({
  version: versionField,
  outcome: z.enum(APPEAL_OUTCOMES),
  ratingHasilKerja: z.optional(rating),
  ratingPerilaku: z.optional(rating),
  results: z.optional(z.array(rhkReview).check(z.maxLength(30))),
  coreValues: z.optional(z.array(coreValueReview).check(z.maxLength(7))),
  note: text(4000),
});

const review = z.object({
  ratingHasilKerja: rating,
  ratingPerilaku: rating,
  hasilKerjaFrom: z.enum(['REVIEWER', 'UNIT']),
  predikat: z.enum(PREDIKATS),
  results: z.array(
    z.object({
      rhkId: z.string(),
      feedback: z.optional(z.string()),
      belowExpectation: z.optional(z.boolean()),
    }),
  ),
  coreValues: z.array(
    z.object({ coreValue, feedback: z.optional(z.string()), belowExpectation: z.optional(z.boolean()) }),
  ),
  behaviourFeedback: z.optional(z.string()),
  reviewerNip: z.string(),
  reviewedAt: z.string(),
  autoClosed: z.optional(z.boolean()),
  configVersion: z.number(),
});

export const assessmentSummary = z.object({
  id: z.string(),
  nip: z.string(),
  name: z.string(),
  period,
  kind: z.enum(['MONTHLY', 'QUARTERLY', 'ANNUAL']),
  agencyId: z.string(),
  unitId: z.string(),
  reviewerNip: z.optional(z.string()),
  state: z.enum(ASSESSMENT_STATES),
  predikat: z.optional(z.enum(PREDIKATS)),
  autoClosed: z.optional(z.boolean()),
  version: z.number(),
  updatedAt: z.string(),
});
export const assessmentPage = pageOf(assessmentSummary);

export const assessment = z.object({
  ...assessmentSummary.def.shape,
  planId: z.string(),
  self: z.object({
    entries: z.array(
      z.object({
        rhkId: z.string(),
        actionPlan: z.optional(z.string()),
        realization: z.optional(z.string()),
        evidence: z.optional(z.array(z.object({ title: z.string(), url: z.string() }))),
      }),
    ),
    coreValueEvidence: z.array(
      z.object({
        coreValue,
        kind: z.enum(EVIDENCE_KINDS),
        ref: z.optional(z.string()),
        title: z.string(),
        url: z.optional(z.string()),
        addedAt: z.string(),
      }),
    ),
    submittedAt: z.optional(z.string()),
  }),
  review: z.optional(review),
  appeal: z.optional(
    z.object({
      reasons: z.string(),
      filedAt: z.string(),
      appealReviewerNip: z.string(),
      decision: z.optional(
        z.object({
          outcome: z.enum(APPEAL_OUTCOMES),
          ratingHasilKerja: rating,
          ratingPerilaku: rating,
          predikat: z.enum(PREDIKATS),
          previousPredikat: z.enum(PREDIKATS),
          note: z.string(),
          decidedBy: z.string(),
          decidedAt: z.string(),
        }),
      ),
    }),
  ),
  deadlines: z.object({ selfAssessment: z.string(), review: z.string(), appeal: z.optional(z.string()) }),
  /** annual assessments: the year's periodic results side by side */
  periodicResults: z.optional(
    z.array(z.object({ period, state: z.enum(ASSESSMENT_STATES), predikat: z.optional(z.enum(PREDIKATS)) })),
  ),
  /** absent on assessments opened in bulk by a cycle */
  createdAt: z.optional(z.string()),
  history,
});

// ── feedback ───────────────────────────────────────────────────────────────────

export const feedbackBody = z.strictObject({
  text: text(4000),
  rhkId: z.optional(z.string().check(z.maxLength(20))),
});
export const feedback = z.object({
  id: z.string(),
  nip: z.string(),
  text: z.string(),
  rhkId: z.optional(z.string()),
  by: z.string(),
  at: z.string(),
});
export const feedbackPage = pageOf(feedback);
export const feedbackQuery = z.strictObject({ ...pageQuery });

// ── units, agencies, angka kredit, config ──────────────────────────────────────────

export const unitPredikatBody = z.strictObject({
  predikat: z.enum(ORG_PREDIKATS),
  version: z.optional(versionField),
});
export const unitPredikat = z.object({
  unitId: z.string(),
  agencyId: z.string(),
  period: z.string(),
  predikat: z.enum(ORG_PREDIKATS),
  setBy: z.string(),
  setAt: z.string(),
  overrides: z.array(
    z.object({ reason: z.string(), by: z.string(), at: z.string(), failedRules: z.array(z.string()) }),
  ),
  history,
  version: z.number(),
});

export const periodQuery = z.strictObject({ period });
export const overrideBody = z.strictObject({ reason: text(2000, 10) });

export const distribution = z.object({
  unitId: z.string(),
  period: z.string(),
  predikatOrganisasi: z.optional(z.enum(ORG_PREDIKATS)),
  counts: z.record(z.string(), z.number()),
  notSubmitted: z.number(),
  pending: z.number(),
  total: z.number(),
  rules: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      limit: z.number(),
      actual: z.number(),
      verdict: z.enum(['PASS', 'FAIL', 'NO_DATA']),
    }),
  ),
  ok: z.boolean(),
  overrides: z.array(
    z.object({ reason: z.string(), by: z.string(), at: z.string(), failedRules: z.array(z.string()) }),
  ),
});

const stateCounts = z.record(z.string(), z.number());
export const progress = z.object({
  agencyId: z.string(),
  period: z.string(),
  units: z.array(z.object({ unitId: z.string(), total: z.number(), counts: stateCounts })),
  reviewers: z.array(
    z.object({
      reviewerNip: z.string(),
      pendingReviews: z.number(),
      reviewed: z.number(),
      autoClosed: z.number(),
    }),
  ),
});

export const angkaKredit = z.object({
  nip: z.string(),
  year: z.number(),
  jenjang: z.string(),
  predikat: z.enum(PREDIKATS),
  coefficient: z.number(),
  percent: z.number(),
  angkaKredit: z.number(),
});

const day = z.int().check(z.gte(1), z.lte(31));
export const configBody = z.strictObject({
  frequency: z.enum(['MONTHLY', 'QUARTERLY']),
  selfAssessmentDay: day,
  reviewDay: day,
  appealDays: z.int().check(z.gte(1), z.lte(90)),
  annualSelfAssessmentDay: day,
  annualReviewDay: day,
  planApprovalDeadline: z.string().check(z.regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)),
  submitFrom: z.optional(z.enum(SUBMIT_FROM)),
  version: z.optional(versionField),
});
export const config = z.object({
  year: z.number(),
  frequency: z.enum(['MONTHLY', 'QUARTERLY']),
  selfAssessmentDay: z.number(),
  reviewDay: z.number(),
  appealDays: z.number(),
  annualSelfAssessmentDay: z.number(),
  annualReviewDay: z.number(),
  planApprovalDeadline: z.string(),
  submitFrom: z.optional(z.enum(SUBMIT_FROM)),
  version: z.number(),
  isDefault: z.boolean(),
});
