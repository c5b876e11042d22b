/** Lambda of performance management: SKP plans, cycles, assessments, appeals, reports. */
import * as assessments from '../shared/performance/assessments.js';
import * as config from '../shared/performance/config.js';
import * as cycles from '../shared/performance/cycle.js';
import * as plans from '../shared/performance/plans.js';
import * as reports from '../shared/performance/reports.js';
import { areaHandler } from './area.js';

const page = (q: { limit?: number; cursor?: string }) => ({ limit: q.limit ?? 25, cursor: q.cursor });

export const handler = areaHandler('performance', {
  createPlan: (r) => plans.createPlan(r.deps, r.actor, r.body),
  getPlan: (r) => plans.getPlan(r.deps, r.actor, r.params.planId),
  updatePlan: (r) => plans.updatePlan(r.deps, r.actor, r.params.planId, r.body),
  submitPlan: (r) => plans.submitPlan(r.deps, r.actor, r.params.planId, r.body),
  approvePlan: (r) => plans.approvePlan(r.deps, r.actor, r.params.planId, r.body),
  returnPlan: (r) => plans.returnPlan(r.deps, r.actor, r.params.planId, r.body),
  planCascade: (r) => plans.planCascade(r.deps, r.actor, r.params.planId),
  listEmployeePlans: (r) => plans.listEmployeePlans(r.deps, r.actor, r.params.nip, page(r.query)),
  openCycle: (r) => cycles.openCycleByHand(r.deps, r.actor, r.body),
  getCycle: (r) => cycles.getCycle(r.deps, r.params.period),
  listAssessments: (r) => assessments.listAssessments(r.deps, r.actor, { ...r.query, ...page(r.query) }),
  getAssessment: (r) => assessments.getAssessment(r.deps, r.actor, r.params.id),
  saveSelfAssessment: (r) => assessments.saveSelfAssessment(r.deps, r.actor, r.params.id, r.body),
  submitSelfAssessment: (r) => assessments.submitSelfAssessment(r.deps, r.actor, r.params.id, r.body),
  reviewAssessment: (r) => assessments.reviewAssessment(r.deps, r.actor, r.params.id, r.body),
  acknowledgeAssessment: (r) => assessments.acknowledgeAssessment(r.deps, r.actor, r.params.id, r.body),
  appealAssessment: (r) => assessments.appealAssessment(r.deps, r.actor, r.params.id, r.body),
  decideAppeal: (r) => assessments.decideAppeal(r.deps, r.actor, r.params.id, r.body),
  giveFeedback: (r) => reports.giveFeedback(r.deps, r.actor, r.params.nip, r.body),
  listFeedback: (r) => reports.listFeedback(r.deps, r.actor, r.params.nip, page(r.query)),
  getAngkaKredit: (r) => reports.getAngkaKredit(r.deps, r.actor, r.params.nip, r.params.year),
  setUnitPredikat: (r) => reports.setUnitPredikat(r.deps, r.actor, r.params.unitId, r.params.period, r.body),
  getDistribution: (r) => reports.getDistribution(r.deps, r.actor, r.params.unitId, r.query.period),
  overrideDistribution: (r) =>
    reports.overrideDistribution(r.deps, r.actor, r.params.unitId, r.params.period, r.body),
  agencyProgress: (r) => reports.agencyProgress(r.deps, r.actor, r.params.agencyId, r.query.period),
  getPerformanceConfig: (r) => config.readConfig(r.deps, r.params.year),
  putPerformanceConfig: (r) => config.putConfig(r.deps, r.actor, r.params.year, r.body),
});
