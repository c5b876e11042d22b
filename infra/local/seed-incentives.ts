/**
 * Demo data of TPP: the default rule set (DOMAIN §3, stored as version 1 of 2026, and of the
 * previous month's year when that is another year without rules), and the previous month's
 * attendance summary of the demo agency (the agency of the demo staff member), so that
 * `POST /v1/tpp/runs` has something to compute. Deterministic: the same plan gives the same
 * counts; seeding again rewrites the same records and never adds a rule-set version.
 */

import { computeRun } from '../../shared/incentives/compute.js';
import {
  type AttendanceCounts,
  DEDUCTION_CODES,
  defaultRuleSet,
  employeeInMonth,
  previousPeriod,
} from '../../shared/incentives/rules.js';
import {
  type AttendanceRecord,
  addRuleSet,
  latestRuleSet,
  putAttendance,
} from '../../shared/incentives/store.js';
import { wibDate } from '../../shared/platform/clock.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { systemIds } from '../../shared/platform/ids.js';
import type { SeedPlan } from './seed.js';

/** A small deterministic hash of a NIP → 0..1 values. */
const dice = (seed: string) => {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return (h >>> 0) / 4294967296;
  };
};

/** Most people are on time; some are late now and then; a few miss a day or an apel. */
const countsFor = (nip: string, period: string): AttendanceCounts => {
  const r = dice(`${nip}-${period}`);
  const counts = Object.fromEntries(DEDUCTION_CODES.map((c) => [c, 0])) as AttendanceCounts;
  if (r() < 0.55) return counts;
  counts.TL1 = Math.floor(r() * 4);
  counts.TL2 = r() < 0.4 ? 1 + Math.floor(r() * 2) : 0;
  counts.TL3 = r() < 0.15 ? 1 : 0;
  counts.PSW1 = r() < 0.3 ? 1 : 0;
  counts.TK = r() < 0.08 ? 1 : 0;
  counts.APEL = r() < 0.25 ? 1 : 0;
  return counts;
};

export const seedIncentives = async (db: Db, plan: SeedPlan, now: Date) => {
  const period = previousPeriod(wibDate(now).slice(0, 7));
  const years = [...new Set([2026, Number(period.slice(0, 4))])];
  for (const year of years) {
    if (await latestRuleSet(db, year)) continue;
    await addRuleSet(db, {
      ...defaultRuleSet(),
      year,
      createdAt: now.toISOString(),
      createdBy: 'SEED',
    }).catch((e: { code?: string }) => {
      if (e.code !== 'CONFLICT') throw e;
    });
  }
  const staff = plan.employees.find((e) => e.nip === plan.demo.staff);
  const agencyId = staff?.agencyId ?? 'DPU';
  const records: AttendanceRecord[] = plan.employees
    .filter((e) => {
      const month = employeeInMonth(e, period);
      return month.employed && month.agencyId === agencyId;
    })
    .map((e) => ({
      nip: e.nip,
      period,
      agencyId,
      counts: countsFor(e.nip, period),
      importedAt: now.toISOString(),
      importedBy: 'SEED',
    }));
  await putAttendance(db, records);
  // The demo agency's draft run of that month, as the tpp-monthly job would have computed it on
  // the 11th, so that /v1/me/tpp and the finance screens have something to show from the start.
  const run = await computeRun(
    { db, clock: () => now, ids: systemIds },
    { agencyId, period, by: 'SEED', draftOnly: true },
  );
  return {
    period,
    agencyId,
    attendance: records.length,
    ruleSetYears: years,
    run: run.skipped ?? 'computed',
  };
};
