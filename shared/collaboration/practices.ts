/**
 * Use cases of shared practices (DOMAIN §5): an agency shares what worked (problem, solution,
 * results, tags); other agencies record, once each, that they adopted it; anyone searches by tag.
 */
import './messages.js';
import { canManageAgency } from '../employees/access.js';
import * as employees from '../employees/store.js';
import { type Actor, ensure, hasRole } from '../platform/actor.js';
import { AlreadyExists, fieldError, InvalidState, invalid, NotFound } from '../platform/errors.js';
import type { Deps } from '../platform/http.js';
import { failedConditions } from '../platform/transact.js';
import type { PracticeRecord } from './practice-store.js';
import * as store from './practice-store.js';

const notFound = () => new NotFound('NOT_FOUND', { entity: 'practice' });

export const createPractice = async (
  deps: Deps,
  actor: Actor,
  input: {
    title: string;
    problem: string;
    solution: string;
    results: string;
    tags: string[];
    agencyId?: string;
  },
) => {
  const agencyId = input.agencyId ?? actor.agencyId;
  if (!agencyId) throw invalid(fieldError('body.agencyId', 'required'));
  ensure(canManageAgency(actor, agencyId));
  if (!(await employees.getAgency(deps.db, agencyId)))
    throw invalid(fieldError('body.agencyId', 'unknown_agency'));
  const practice: PracticeRecord = {
    practiceId: deps.ids(),
    title: input.title,
    agencyId,
    problem: input.problem,
    solution: input.solution,
    results: input.results,
    tags: [...new Set(input.tags)],
    createdBy: actor.nip,
    createdAt: deps.clock().toISOString(),
    adoptionCount: 0,
  };
  await store.createPractice(deps.db, practice);
  return { ...practice, adoptions: [] };
};

export const getPractice = async (deps: Deps, practiceId: string) => {
  const practice = await store.getPractice(deps.db, practiceId);
  if (!practice) throw notFound();
  const adoptions = await store.adoptions(deps.db, practiceId);
  return { ...practice, adoptions: adoptions.sort((a, b) => a.adoptedAt.localeCompare(b.adoptedAt)) };
};

export const listPractices = (
  deps: Deps,
  q: { tag?: string; agencyId?: string; limit: number; cursor?: string },
) => store.listPractices(deps.db, q);

/** An agency admin records that their agency adopted another agency's practice (once). */
export const adoptPractice = async (
  deps: Deps,
  actor: Actor,
  practiceId: string,
  input: { note?: string },
) => {
  const agencyId = actor.agencyId;
  ensure(hasRole(actor, 'AGENCY_ADMIN') && agencyId !== undefined && canManageAgency(actor, agencyId));
  const practice = await store.getPractice(deps.db, practiceId);
  if (!practice) throw notFound();
  if (practice.agencyId === agencyId) throw new InvalidState('OWN_PRACTICE');
  const adoption = {
    practiceId,
    agencyId: agencyId as string,
    ...(input.note ? { note: input.note } : {}),
    adoptedBy: actor.nip,
    adoptedAt: deps.clock().toISOString(),
  };
  try {
    await store.adopt(deps.db, adoption);
  } catch (e) {
    if (failedConditions(e).includes(0))
      throw new AlreadyExists('ALREADY_ADOPTED', { agencyId: adoption.agencyId });
    throw e;
  }
  return adoption;
};
