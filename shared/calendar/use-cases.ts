import type { Actor } from '../platform/actor.js';
import { ensure, hasRole } from '../platform/actor.js';
import { fieldError, invalid, NotFound } from '../platform/errors.js';
import type { Deps } from '../platform/http.js';
import { staleVersion } from '../platform/records.js';
import { validateCalendar } from './rules.js';
import { type CalendarRecord, getCalendar, type Holiday, saveCalendar } from './store.js';

export const readCalendar = async (deps: Deps, year: number): Promise<CalendarRecord> => {
  const found = await getCalendar(deps.db, year);
  if (!found) throw new NotFound('NOT_FOUND', { entity: 'calendar' });
  return found;
};

/**
 * BKPP sets a year's calendar when the SKB is published (or amended). Replacing an existing one
 * needs its `version` (409 on a stale one).
 */
export const putCalendar = async (
  deps: Deps,
  actor: Actor,
  year: number,
  input: { nationalHolidays: Holiday[]; cutiBersama: Holiday[]; source?: string; version?: number },
): Promise<CalendarRecord> => {
  ensure(hasRole(actor, 'HR_ADMIN'));
  const problems = validateCalendar({
    year,
    nationalHolidays: input.nationalHolidays,
    cutiBersama: input.cutiBersama,
  });
  if (problems.length) {
    throw invalid(
      ...problems.map((p) =>
        fieldError(`body.${p.path.replace(/\[(\d+)\]/g, '.$1')}`, p.code ?? 'invalid', { year }),
      ),
    );
  }
  const current = await getCalendar(deps.db, year);
  if (current && input.version !== current.version) throw staleVersion(current.version);
  if (!current && input.version !== undefined && input.version !== 1) throw staleVersion(0);
  const next: CalendarRecord = {
    year,
    nationalHolidays: [...input.nationalHolidays].sort((a, b) => a.date.localeCompare(b.date)),
    cutiBersama: [...input.cutiBersama].sort((a, b) => a.date.localeCompare(b.date)),
    source: input.source,
    version: (current?.version ?? 0) + 1,
    updatedAt: deps.clock().toISOString(),
  };
  await saveCalendar(deps.db, next);
  return next;
};
