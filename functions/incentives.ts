/** Lambda of the incentives area: TPP rule sets, attendance, sanctions, runs, lines, my TPP. */
import * as inputs from '../shared/incentives/inputs.js';
import * as uc from '../shared/incentives/use-cases.js';
import { areaHandler } from './area.js';

const page = (q: { limit?: number; cursor?: string }) => ({ limit: q.limit ?? 25, cursor: q.cursor });

export const handler = areaHandler('incentives', {
  getTppRules: (r) => uc.getRules(r.deps, r.params.year),
  putTppRules: (r) => uc.putRules(r.deps, r.actor, r.params.year, r.body),
  importAttendance: (r) => inputs.importAttendance(r.deps, r.actor, r.params.period, r.body),
  addSanction: (r) => inputs.addSanction(r.deps, r.actor, r.params.nip, r.body),
  listSanctions: (r) => inputs.listSanctions(r.deps, r.actor, r.params.nip),
  createTppRun: (r) => uc.createRun(r.deps, r.actor, r.body),
  listTppRuns: (r) => uc.listRuns(r.deps, r.actor, { ...r.query, ...page(r.query) }),
  getTppRun: (r) => uc.getRun(r.deps, r.actor, r.params.runId),
  listTppLines: (r) => uc.listLines(r.deps, r.actor, r.params.runId, page(r.query)),
  getTppLine: (r) => uc.getLine(r.deps, r.actor, r.params.runId, r.params.nip, r.lang),
  recomputeTppRun: (r) => uc.recomputeRun(r.deps, r.actor, r.params.runId),
  submitTppRun: (r) => uc.submitRun(r.deps, r.actor, r.params.runId, r.body),
  approveTppRun: (r) => uc.approveRun(r.deps, r.actor, r.params.runId, r.body),
  rejectTppRun: (r) => uc.rejectRun(r.deps, r.actor, r.params.runId, r.body),
  exportTppRun: (r) => uc.exportRun(r.deps, r.actor, r.params.runId),
  getMyTpp: (r) => uc.myTpp(r.deps, r.actor, r.query.period, r.lang),
});
