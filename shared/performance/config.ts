/**
 * The performance configuration of a year (DOMAIN §2.2: deadlines, appeal window, frequency are
 * Perwal policy, so configuration with defaults). A year without a record uses the defaults
 * (version 0); results record the version that produced them.
 */
import { type Actor, ensure, hasRole } from '../platform/actor.js';
import type { Db } from '../platform/dynamo.js';
import { fieldError, invalid } from '../platform/errors.js';
import type { Deps } from '../platform/http.js';
import { staleVersion } from '../platform/records.js';
import './messages.js';
import { DEFAULT_SETTINGS, type PerformanceSettings } from './rules.js';
import { type ConfigRecord, getConfig, saveConfig } from './store.js';

export interface Settings extends PerformanceSettings {
  year: number;
  version: number;
}

export const settingsFor = async (db: Db, year: number): Promise<Settings> => {
  const stored = await getConfig(db, year);
  if (!stored) return { ...DEFAULT_SETTINGS, year, version: 0 };
  const { updatedAt: _u, updatedBy: _b, ...settings } = stored;
  return settings;
};

/** Caches the settings of each year for one job run or request. */
export const settingsCache = (db: Db) => {
  const cache = new Map<number, Promise<Settings>>();
  return (year: number): Promise<Settings> => {
    let found = cache.get(year);
    if (!found) {
      found = settingsFor(db, year);
      cache.set(year, found);
    }
    return found;
  };
};

export const readConfig = async (deps: Deps, year: number) => {
  const s = await settingsFor(deps.db, year);
  return { ...s, isDefault: s.version === 0 };
};

export const putConfig = async (
  deps: Deps,
  actor: Actor,
  year: number,
  input: PerformanceSettings & { version?: number },
) => {
  ensure(hasRole(actor, 'HR_ADMIN'));
  const { version, ...settings } = input;
  if (settings.reviewDay <= settings.selfAssessmentDay)
    throw invalid(fieldError('body.reviewDay', 'day_order'));
  if (settings.annualReviewDay <= settings.annualSelfAssessmentDay)
    throw invalid(fieldError('body.annualReviewDay', 'day_order'));
  const current = await getConfig(deps.db, year);
  const currentVersion = current?.version ?? 0;
  if ((version ?? 0) !== currentVersion) throw staleVersion(currentVersion);
  const next: ConfigRecord = {
    ...settings,
    year,
    version: currentVersion + 1,
    updatedAt: deps.clock().toISOString(),
    updatedBy: actor.nip,
  };
  await saveConfig(deps.db, next);
  return readConfig(deps, year);
};
