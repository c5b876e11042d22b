/**
 * JP standings: one employee's year (GET /v1/employees/{nip}/development), an agency's report
 * (GET /v1/agencies/{agencyId}/development-report) and the monthly `jp-monitor` job that finds,
 * per agency, the PNS behind the pro-rata pace towards 20 JP and tells the agency's admins.
 *
 * | record          | pk                    | sk        | what                                      |
 * |-----------------|-----------------------|-----------|-------------------------------------------|
 * | monitor result  | DEVREPORT#<agencyId>  | Y#<year>  | the last jp-monitor run's totals (overwritten) |
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { canReadEmployee, ensureViewAgency } from '../employees/access.js';
import * as employees from '../employees/store.js';
import { notifyRole } from '../notifications/notify.js';
import type { Actor } from '../platform/actor.js';
import { addDays, wibDate } from '../platform/clock.js';
import { mapLimit } from '../platform/concurrency.js';
import { NotFound } from '../platform/errors.js';
import type { Deps } from '../platform/http.js';
import { logger } from '../platform/logger.js';
import { getItem, stripKeys } from '../platform/records.js';
import { openPlanId } from './plan-store.js';
import { behindPace, expectedByDate, jpRuleFor, jpStanding } from './rules.js';
import * as store from './training-store.js';

/**
 * The partition-key prefixes of the table items this module writes: the jp-monitor job's yearly report per agency.
 * The stack scopes write grants with them (dynamodb:LeadingKeys, functions/writes.ts); a test
 * checks every key built here starts with one of them.
 */
export const KEY_PREFIXES = ['DEVREPORT#'] as const;

const monitorKey = (agencyId: string, year: number) => ({ pk: `DEVREPORT#${agencyId}`, sk: `Y#${year}` });

export interface MonitorResult {
  agencyId: string;
  year: number;
  runAt: string;
  asOf: string;
  employees: number;
  pns: number;
  behind: number;
  reached: number;
  averageJp: number;
  behindNips: string[];
}

/** The date a year's pace is measured at: today in the current year, its last day for a past year. */
const paceDate = (year: number, today: string): string | undefined => {
  const current = Number(today.slice(0, 4));
  if (year < current) return `${year}-12-31`;
  if (year > current) return undefined;
  return today;
};

/** An employee's JP of a year against their rule, every activity of that year, and what is coming. */
export const employeeDevelopment = async (deps: Deps, actor: Actor, nip: string, year?: number) => {
  const target = await employees.getEmployee(deps.db, nip);
  let allowed = target !== undefined && canReadEmployee(actor, target);
  if (target && !allowed && target.reviewerNip) {
    const reviewer = await employees.getEmployee(deps.db, target.reviewerNip);
    allowed = canReadEmployee(actor, target, reviewer?.reviewerNip);
  }
  if (!target || !allowed) throw new NotFound('NOT_FOUND', { entity: 'employee' });
  const now = deps.clock();
  const today = wibDate(now);
  const y = year ?? Number(today.slice(0, 4));
  const [ledger, all, coming, planId] = await Promise.all([
    store.getLedger(deps.db, nip, y),
    store.activities(deps.db, nip, `${y}-01-01`, `${y}-12-31`),
    store.activities(deps.db, nip, today, '9999-12-31'),
    openPlanId(deps.db, nip),
  ]);
  const asOf = paceDate(y, today);
  const strip = ({ waitKey: _w, ...e }: store.EnrolmentRecord) => e;
  return {
    nip,
    year: y,
    employmentType: target.employmentType,
    jp: jpStanding(target.employmentType, ledger.jp),
    expectedToDate: asOf ? expectedByDate(jpRuleFor(target.employmentType), asOf) : 0,
    behindPace: asOf ? behindPace(target.employmentType, ledger.jp, asOf) : false,
    activities: all.map(strip),
    upcoming: coming
      .filter(
        (e) =>
          (e.status === 'ENROLLED' || e.status === 'WAITLISTED') &&
          Date.parse(e.sessionStartsAt) > now.getTime(),
      )
      .map(strip),
    ...(planId ? { openPlanId: planId } : {}),
  };
};

/** One page of an agency's employees with their JP of the year, and the last monitor's totals. */
export const agencyReport = async (
  deps: Deps,
  actor: Actor,
  agencyId: string,
  q: { year?: number; limit: number; cursor?: string },
) => {
  ensureViewAgency(actor, agencyId);
  if (!(await employees.getAgency(deps.db, agencyId))) throw new NotFound('NOT_FOUND', { entity: 'agency' });
  const today = wibDate(deps.clock());
  const year = q.year ?? Number(today.slice(0, 4));
  const asOf = paceDate(year, today);
  const page = await employees.listAgencyEmployees(deps.db, agencyId, { limit: q.limit, cursor: q.cursor });
  const [ledgers, monitor] = await Promise.all([
    store.getLedgers(
      deps.db,
      page.items.map((e) => e.nip),
      year,
    ),
    getItem(deps.db, monitorKey(agencyId, year)),
  ]);
  const m = monitor ? stripKeys<MonitorResult>(monitor) : undefined;
  return {
    agencyId,
    year,
    asOf: asOf ?? `${year}-01-01`,
    expectedToDate: asOf ? expectedByDate(jpRuleFor('PNS'), asOf) : 0,
    items: page.items.map((e) => {
      const jp = ledgers.get(e.nip) ?? 0;
      const type = e.employmentType as 'PNS' | 'PPPK' | 'PPPK_PART_TIME';
      const standing = jpStanding(type, jp);
      return {
        nip: e.nip,
        name: e.name,
        employmentType: type,
        jpEarned: jp,
        rule: standing.rule,
        reached: standing.reached,
        behindPace: asOf ? behindPace(type, jp, asOf) : false,
      };
    }),
    cursor: page.cursor,
    ...(m
      ? {
          monitor: {
            runAt: m.runAt,
            asOf: m.asOf,
            employees: m.employees,
            pns: m.pns,
            behind: m.behind,
            reached: m.reached,
            averageJp: m.averageJp,
          },
        }
      : {}),
  };
};

/** One agency: every employee's JP of the year, who is behind the pace on `asOf`. */
export const monitorAgency = async (deps: Deps, agencyId: string, asOf: string): Promise<MonitorResult> => {
  const year = Number(asOf.slice(0, 4));
  let cursor: string | undefined;
  let count = 0;
  let pns = 0;
  let reached = 0;
  let total = 0;
  const behind: Array<{ nip: string; name: string; jp: number }> = [];
  do {
    const page = await employees.listAgencyEmployees(deps.db, agencyId, { limit: 100, cursor });
    const ledgers = await store.getLedgers(
      deps.db,
      page.items.map((e) => e.nip),
      year,
    );
    for (const e of page.items) {
      const type = e.employmentType as 'PNS' | 'PPPK' | 'PPPK_PART_TIME';
      const jp = ledgers.get(e.nip) ?? 0;
      count++;
      total += jp;
      if (type !== 'PNS') continue;
      pns++;
      if (jpStanding(type, jp).reached) reached++;
      if (behindPace(type, jp, asOf)) behind.push({ nip: e.nip, name: e.name, jp });
    }
    cursor = page.cursor;
  } while (cursor);
  return {
    agencyId,
    year,
    runAt: deps.clock().toISOString(),
    asOf,
    employees: count,
    pns,
    behind: behind.length,
    reached,
    averageJp: count === 0 ? 0 : Math.round((total * 10) / count) / 10,
    behindNips: behind.map((b) => b.nip),
  };
};

/**
 * The monthly job: measured at the end of the day before the run (the run at 00:05 WIB on the 1st
 * measures the month just ended). Per agency it stores the totals and notifies the agency's admins
 * once per agency and month (the notification key), so a second run changes nothing.
 */
export const runJpMonitor = async (deps: Deps) => {
  const now = deps.clock();
  const asOf = addDays(wibDate(now), -1);
  const year = Number(asOf.slice(0, 4));
  const agencyIds: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await employees.listAgencies(deps.db, { limit: 100, cursor });
    agencyIds.push(...page.items.map((a) => a.agencyId));
    cursor = page.cursor;
  } while (cursor);
  const results = await mapLimit(agencyIds, 4, async (agencyId) => {
    const result = await monitorAgency(deps, agencyId, asOf);
    await deps.db.doc.send(
      new PutCommand({
        TableName: deps.db.table,
        Item: { ...monitorKey(agencyId, year), type: 'DEV_MONITOR', ...result },
      }),
    );
    let notified = 0;
    if (result.behind > 0) {
      notified = await notifyRole(
        deps.db,
        'AGENCY_ADMIN',
        agencyId,
        {
          key: `jp-monitor:${agencyId}:${asOf.slice(0, 7)}`,
          kind: 'JP_BEHIND_PACE',
          title: `${result.behind} dari ${result.pns} PNS di bawah laju 20 JP per ${asOf}.`,
          body: `Target laju per ${asOf}: ${expectedByDate(jpRuleFor('PNS'), asOf)} JP.`,
          link: `/v1/agencies/${agencyId}/development-report?year=${year}`,
        },
        now,
      );
    }
    return { ...result, notified };
  });
  const summary = {
    asOf,
    agencies: results.length,
    employees: results.reduce((a, r) => a + r.employees, 0),
    behind: results.reduce((a, r) => a + r.behind, 0),
    notified: results.reduce((a, r) => a + r.notified, 0),
  };
  logger.info('jp-monitor', summary);
  return { ...summary, byAgency: results.map(({ behindNips: _n, ...r }) => r) };
};
