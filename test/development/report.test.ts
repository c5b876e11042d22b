import { beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../../functions/catalog.js';
import { handler as jpMonitorJob } from '../../functions/jobs/jp-monitor.js';
import { scheduledEvent } from '../../infra/local/jobs.js';
import * as report from '../../shared/development/report.js';
import * as trainings from '../../shared/development/trainings.js';
import type { EmployeeRecord } from '../../shared/employees/store.js';
import { listNotifications } from '../../shared/notifications/store.js';
import { matches, parseSchedule } from '../../shared/platform/cron.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { depsAt, freshTable } from '../support/db.js';
import { actorOf, actors, NIP, seedOrg } from '../support/org.js';
import { seedPeople } from '../support/people.js';

let db: Db;
let who: ReturnType<typeof actors>;
let dkk: EmployeeRecord[];

beforeAll(async () => {
  db = await freshTable();
  who = actors(await seedOrg(db));
  // DKK: three PNS and one PPPK; two PNS complete 12 JP in May, one nothing
  dkk = [
    ...(await seedPeople(db, 3, { agencyId: 'DKK', unitId: 'DKK-PIMPINAN' })),
    ...(await seedPeople(db, 1, {
      agencyId: 'DKK',
      unitId: 'DKK-PIMPINAN',
      employmentType: 'PPPK',
      firstSeq: 4,
    })),
  ];
  const h = depsAt(db, '2026-05-01T00:00:00Z');
  const t = await trainings.createTraining(h, who.hr, {
    title: 'Manajemen Kinerja',
    kind: 'KLASIKAL',
    method: 'COURSE',
    jp: 12,
    tags: ['manajemen-kinerja'],
    organiserAgencyId: 'BKPP',
    sessions: [
      { startsAt: '2026-05-11T01:00:00Z', endsAt: '2026-05-12T09:00:00Z', place: 'Aula', capacity: 10 },
    ],
  });
  for (const p of dkk.slice(0, 2)) await trainings.enrol(h, actorOf(p), t.trainingId, { sessionId: 'S1' });
  await trainings.recordAttendance(depsAt(db, '2026-05-13T00:00:00Z'), who.hr, t.trainingId, {
    sessionId: 'S1',
    records: dkk.slice(0, 2).map((p) => ({ nip: p.nip, outcome: 'COMPLETED' as const })),
  });
});

describe('jp-monitor', () => {
  it('runs at 00:05 WIB on the 1st (17:05 UTC on the last day of the month before)', () => {
    const s = parseSchedule(jobs['jp-monitor'].schedule);
    expect(matches(s, new Date('2026-06-30T17:05:00Z'))).toBe(true);
    expect(matches(s, new Date('2026-02-28T17:05:00Z'))).toBe(true);
    expect(matches(s, new Date('2026-06-29T17:05:00Z'))).toBe(false);
  });

  it('on 1 July: 12 JP is ahead of the pace (9.9), 0 JP behind; the PPPK is not measured; admins told once', async () => {
    const time = new Date('2026-06-30T17:05:00Z');
    const first = (await jpMonitorJob(scheduledEvent('jp-monitor', time))) as Awaited<
      ReturnType<typeof report.runJpMonitor>
    >;
    expect(first.asOf).toBe('2026-06-30');
    const d = first.byAgency.find((a) => a.agencyId === 'DKK');
    expect(d).toMatchObject({ employees: 5, pns: 4, behind: 2, reached: 0, notified: 1 });
    // the DKK admin themself (0 JP) and the one PNS without training are behind
    const told = await listNotifications(db, NIP.dkkAdmin, { limit: 10 });
    expect(told.items.filter((n) => n.kind === 'JP_BEHIND_PACE')).toHaveLength(1);
    expect(told.items[0]?.title).toBe('2 dari 4 PNS di bawah laju 20 JP per 2026-06-30.');
    // a second run of the same month adds no notification
    const second = (await jpMonitorJob(scheduledEvent('jp-monitor', time))) as typeof first;
    expect(second.byAgency.find((a) => a.agencyId === 'DKK')?.notified).toBe(0);
    expect((await listNotifications(db, NIP.dkkAdmin, { limit: 10 })).items).toHaveLength(1);
    // the next month tells again
    const aug = (await jpMonitorJob(
      scheduledEvent('jp-monitor', new Date('2026-07-31T17:05:00Z')),
    )) as typeof first;
    expect(aug.byAgency.find((a) => a.agencyId === 'DKK')).toMatchObject({ behind: 2, notified: 1 });
  });

  it('in October the 12 JP fall behind the pace too', async () => {
    const out = await report.runJpMonitor(depsAt(db, '2026-09-30T17:05:00Z'));
    expect(out.asOf).toBe('2026-09-30');
    expect(out.byAgency.find((a) => a.agencyId === 'DKK')?.behind).toBe(4);
  });
});

describe('the agency report', () => {
  it("pages through the agency with each employee's JP and pace, and the last monitor totals", async () => {
    const h = depsAt(db, '2026-07-02T00:00:00Z');
    const page1 = await report.agencyReport(h, who.dkkAdmin, 'DKK', { year: 2026, limit: 3 });
    const page2 = await report.agencyReport(h, who.dkkAdmin, 'DKK', {
      year: 2026,
      limit: 3,
      cursor: page1.cursor,
    });
    const rows = [...page1.items, ...page2.items];
    expect(rows).toHaveLength(5);
    expect(page1.monitor).toBeDefined();
    const byNip = new Map(rows.map((r) => [r.nip, r]));
    expect(byNip.get(dkk[0]?.nip as string)).toMatchObject({
      jpEarned: 12,
      behindPace: false,
      reached: false,
    });
    expect(byNip.get(dkk[2]?.nip as string)).toMatchObject({ jpEarned: 0, behindPace: true });
    expect(byNip.get(dkk[3]?.nip as string)).toMatchObject({ employmentType: 'PPPK', behindPace: false });
    await expect(report.agencyReport(h, who.dpuAdmin, 'DKK', { year: 2026, limit: 3 })).rejects.toMatchObject(
      {
        code: 'FORBIDDEN',
      },
    );
    expect(
      (await report.agencyReport(h, who.auditor, 'DKK', { year: 2025, limit: 10 })).items[0]?.jpEarned,
    ).toBe(0);
  });
});
