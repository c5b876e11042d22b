/**
 * Moves to another agency that were recorded ahead of their day (a future effective date). On
 * the day one comes into force the record's current fields follow the position in force, and
 * the role grants bound to the old agency are removed: access follows the job. Run daily by the
 * close-assessments job (00:05 WIB), before anything reads the organisation of the new day.
 * Idempotent: a marker is removed once applied; applying it again changes nothing.
 */
import { wibDate } from '../platform/clock.js';
import { Conflict } from '../platform/errors.js';
import type { Deps } from '../platform/http.js';
import { logger } from '../platform/logger.js';
import { positionOn } from './rules.js';
import type { EmployeeRecord } from './store.js';
import * as store from './store.js';

/** The record as of `today`: current fields from the position in force, old agency grants dropped. */
export const asOf = (e: EmployeeRecord, today: string): EmployeeRecord => {
  const current = positionOn(e.positionHistory, today) ?? e.positionHistory[0];
  if (!current) return e;
  const { effectiveFrom: _from, ...fields } = current;
  const next: EmployeeRecord = { ...e, functionalLevel: undefined, ...fields };
  if (!fields.functionalLevel) delete next.functionalLevel;
  next.roleGrants = e.roleGrants.filter((g) => !g.agencyId || g.agencyId === next.agencyId);
  return next;
};

/** Records a marker when a position change moves the employee to another agency on a later day. */
export const noteFutureMove = async (
  deps: Deps,
  before: { agencyId: string },
  position: { effectiveFrom: string; agencyId: string },
  nip: string,
): Promise<void> => {
  if (position.effectiveFrom > wibDate(deps.clock()) && position.agencyId !== before.agencyId)
    await store.putMoveDue(deps.db, position.effectiveFrom, nip);
};

export const applyDueMoves = async (deps: Deps): Promise<{ applied: number }> => {
  const now = deps.clock();
  const today = wibDate(now);
  let applied = 0;
  for await (const due of store.movesDue(deps.db, today)) {
    for (const { date, nip } of due) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const e = await store.getEmployee(deps.db, nip, true);
        if (!e) break;
        const next = asOf(e, today);
        if (
          next.agencyId === e.agencyId &&
          next.unitId === e.unitId &&
          next.roleGrants.length === e.roleGrants.length
        )
          break;
        try {
          await store.saveEmployeeRoles(
            deps.db,
            { ...next, version: e.version + 1, updatedAt: now.toISOString() },
            e.roleGrants,
          );
          applied++;
          break;
        } catch (err) {
          if (!(err instanceof Conflict) || attempt === 2) throw err;
        }
      }
      await store.deleteMoveDue(deps.db, date, nip);
    }
  }
  if (applied) logger.info('agency moves applied', { applied });
  return { applied };
};
