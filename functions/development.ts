/** Lambda of the development area: trainings and JP, development plans. */
import * as plans from '../shared/development/plans.js';
import * as report from '../shared/development/report.js';
import * as trainings from '../shared/development/trainings.js';
import { areaHandler } from './area.js';

const page = (q: { limit?: number; cursor?: string }) => ({ limit: q.limit ?? 25, cursor: q.cursor });

export const handler = areaHandler('development', {
  createTraining: (r) => trainings.createTraining(r.deps, r.actor, r.body),
  listTrainings: (r) => trainings.listTrainings(r.deps, { ...r.query, ...page(r.query) }),
  getTraining: (r) => trainings.getTraining(r.deps, r.params.trainingId),
  enrol: (r) => trainings.enrol(r.deps, r.actor, r.params.trainingId, r.body),
  listEnrolments: (r) =>
    trainings.listEnrolments(r.deps, r.actor, r.params.trainingId, { ...r.query, ...page(r.query) }),
  cancelEnrolment: (r) => trainings.cancelEnrolment(r.deps, r.actor, r.params.trainingId, r.params.nip),
  recordAttendance: (r) => trainings.recordAttendance(r.deps, r.actor, r.params.trainingId, r.body),
  giveTrainingFeedback: (r) => trainings.giveFeedback(r.deps, r.actor, r.params.trainingId, r.body),
  trainingFeedbackSummary: (r) => trainings.feedbackSummary(r.deps, r.actor, r.params.trainingId),
  employeeDevelopment: (r) => report.employeeDevelopment(r.deps, r.actor, r.params.nip, r.query.year),
  developmentReport: (r) =>
    report.agencyReport(r.deps, r.actor, r.params.agencyId, { year: r.query.year, ...page(r.query) }),
  listDevelopmentPlans: (r) => plans.listPlans(r.deps, r.actor, { ...r.query, ...page(r.query) }),
  openDevelopmentPlan: (r) => plans.openPlan(r.deps, r.actor, r.body),
  getDevelopmentPlan: (r) => plans.getPlan(r.deps, r.actor, r.params.planId),
  updateDevelopmentPlan: (r) => plans.updatePlan(r.deps, r.actor, r.params.planId, r.body),
  logCoaching: (r) => plans.logCoaching(r.deps, r.actor, r.params.planId, r.body),
  closeDevelopmentPlan: (r) => plans.closePlan(r.deps, r.actor, r.params.planId, r.body),
});
