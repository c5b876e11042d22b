/** Helpers of the TPP tests: a stand-in for the performance area's assessments, a run's lines. */
import type { AssessmentReader } from '../../shared/incentives/performance-input.js';
import type { Predikat } from '../../shared/incentives/rules.js';
import { type LineRecord, linePages } from '../../shared/incentives/store.js';
import type { Db } from '../../shared/platform/dynamo.js';

export interface FakeAssessment {
  /** the final predikat (or NOT_SUBMITTED); absent while open */
  final?: Predikat;
  /** the contested predikat while under appeal */
  appealed?: Exclude<Predikat, 'NOT_SUBMITTED'>;
}

/** Assessments by `${nip}-${period}`, read the way TPP reads the performance area's. */
export const fakeAssessments = (byId: Map<string, FakeAssessment>): AssessmentReader<FakeAssessment> => ({
  getAssessments: async (_db, ids) =>
    new Map(ids.filter((id) => byId.has(id)).map((id) => [id, byId.get(id) as FakeAssessment])),
  tppPredikat: (a) => a.final,
  provisionalPredikat: (a) => a.appealed,
});

/** Every line of a run, sorted by NIP. */
export const allLines = async (db: Db, runId: string): Promise<LineRecord[]> => {
  const out: LineRecord[] = [];
  for await (const page of linePages(db, runId)) out.push(...page);
  return out.sort((a, b) => a.nip.localeCompare(b.nip));
};

/** A line without what differs between two computations of the same inputs. */
export const stable = (l: LineRecord) => {
  const { computeToken: _t, ...rest } = l;
  return rest;
};

export const sumOf = (lines: Array<{ gross: number; tax: number; net: number }>) =>
  lines.reduce((s, l) => ({ gross: s.gross + l.gross, tax: s.tax + l.tax, net: s.net + l.net }), {
    gross: 0,
    tax: 0,
    net: 0,
  });
