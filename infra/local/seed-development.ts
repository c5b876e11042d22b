/**
 * Demo data of the development and collaboration areas, written through their use cases (so it
 * obeys the same rules): trainings with sessions (one completed a month and a half ago, so JP
 * show up; two to come, one nearly full), a forum with an action item, a shared practice and a
 * joint protocol awaiting approval. Called once by the seed, after the workforce is written.
 */
import * as forums from '../../shared/collaboration/forums.js';
import * as practices from '../../shared/collaboration/practices.js';
import * as protocols from '../../shared/collaboration/protocols.js';
import * as trainings from '../../shared/development/trainings.js';
import { tokenClaims } from '../../shared/employees/claims.js';
import type { EmployeeRecord } from '../../shared/employees/store.js';
import type { Actor } from '../../shared/platform/actor.js';
import { addDays, wibDate } from '../../shared/platform/clock.js';
import type { Db } from '../../shared/platform/dynamo.js';
import type { Deps } from '../../shared/platform/http.js';
import { systemIds } from '../../shared/platform/ids.js';
import type { Role } from '../../shared/platform/roles.js';
import type { SeedPlan } from './seed.js';

const DAY = 86_400_000;

export const seedDevelopment = async (db: Db, plan: SeedPlan, now: Date) => {
  const byNip = new Map(plan.employees.map((e) => [e.nip, e]));
  const actor = (nip: string): Actor => {
    const e = byNip.get(nip) as EmployeeRecord;
    const c = tokenClaims(e);
    return { sub: `seed-${nip}`, nip, roles: c.groups as Role[], agencyId: c.agencyId };
  };
  const at = (offsetDays: number): Deps => {
    const t = new Date(now.getTime() + offsetDays * DAY);
    return { db, clock: () => t, ids: systemIds };
  };
  /** 08:00–16:00 WIB on the day `offset` days from now */
  const day = (offset: number) => {
    const date = addDays(wibDate(now), offset);
    return { startsAt: `${date}T08:00:00+07:00`, endsAt: `${date}T16:00:00+07:00` };
  };
  const hr = actor(plan.demo.roles.HR_ADMIN);
  const dpuAdmin = actor(plan.demo.roles.AGENCY_ADMIN);
  const dpuStaff = plan.employees
    .filter((e) => e.agencyId === 'DPU' && e.positionType === 'PELAKSANA')
    .slice(0, 12);
  const otherAdmin = plan.employees.find((e) =>
    e.roleGrants.some((g) => g.role === 'AGENCY_ADMIN' && g.agencyId !== 'DPU'),
  );

  // ── trainings ──
  const done = await trainings.createTraining(at(-60), hr, {
    title: 'Pelayanan Publik Prima',
    kind: 'KLASIKAL',
    method: 'BIMTEK',
    jp: 12,
    tags: ['pelayanan-publik', 'komunikasi'],
    organiserAgencyId: 'BKPP',
    sessions: [{ ...day(-45), place: 'Aula BKPP Kota Semarang', capacity: 40 }],
  });
  const first = dpuStaff.slice(0, 8);
  for (const e of first) await trainings.enrol(at(-60), actor(e.nip), done.trainingId, { sessionId: 'S1' });
  await trainings.recordAttendance(at(-44), hr, done.trainingId, {
    sessionId: 'S1',
    records: first.map((e, i) => ({
      nip: e.nip,
      outcome: i < 6 ? ('COMPLETED' as const) : ('NO_SHOW' as const),
    })),
  });
  for (const [i, e] of first.slice(0, 4).entries())
    await trainings.giveFeedback(at(-43), actor(e.nip), done.trainingId, {
      rating: [5, 4, 4, 3][i] as number,
      ...(i === 0 ? { comment: 'Materi langsung bisa dipakai di loket.' } : {}),
    });

  const digital = await trainings.createTraining(at(0), hr, {
    title: 'Literasi Digital dan Keamanan Data',
    kind: 'NONKLASIKAL',
    method: 'E_LEARNING',
    jp: 6,
    tags: ['literasi-digital', 'inovasi'],
    organiserAgencyId: 'BKPP',
    sessions: [
      { ...day(14), place: 'Daring (LMS BKPP)', capacity: 200 },
      { ...day(28), place: 'Daring (LMS BKPP)', capacity: 200 },
    ],
  });
  const drainage = await trainings.createTraining(at(0), dpuAdmin, {
    title: 'Bimtek Pemeliharaan Drainase',
    kind: 'KLASIKAL',
    method: 'WORKSHOP',
    jp: 8,
    tags: ['teknik-infrastruktur'],
    sessions: [{ ...day(21), place: 'Ruang Rapat DPU', capacity: 5 }],
  });
  for (const e of dpuStaff.slice(0, 4))
    await trainings.enrol(at(0), dpuAdmin, drainage.trainingId, { sessionId: 'S1', nip: e.nip });
  await trainings.enrol(at(0), actor(plan.demo.staff), digital.trainingId, { sessionId: 'S1' });

  // ── collaboration ──
  const forum = await forums.createForum(at(-10), dpuAdmin, {
    kind: 'FORUM',
    topic: 'Penanganan genangan dan layanan kesehatan saat banjir',
    invitedAgencyIds: ['DKK', 'BPBD'].filter((a) => plan.agencies.some((x) => x.agencyId === a)),
    ...day(-3),
    place: 'Ruang Rapat DPU',
    capacity: 40,
  });
  for (const e of dpuStaff.slice(0, 5)) await forums.register(at(-10), actor(e.nip), forum.forumId, {});
  await forums.recordAttendance(at(-2), dpuAdmin, forum.forumId, {
    nips: dpuStaff.slice(0, 4).map((e) => e.nip),
  });
  await forums.setMinutes(at(-2), dpuAdmin, forum.forumId, {
    version: 1,
    minutes: 'Disepakati pemetaan titik genangan bersama dan posko kesehatan di tiga kecamatan.',
  });
  await forums.createAction(at(-2), dpuAdmin, forum.forumId, {
    title: 'Petakan titik genangan prioritas',
    ownerAgencyId: 'DPU',
    dueDate: addDays(wibDate(now), -1),
  });
  await practices.createPractice(at(-30), dpuAdmin, {
    title: 'Laporan jalan rusak lewat kanal pesan resmi',
    problem: 'Laporan warga tentang jalan rusak lambat sampai ke petugas lapangan.',
    solution: 'Kanal pesan resmi yang terhubung ke dasbor penugasan regu.',
    results: 'Waktu tanggap turun dari lima hari menjadi satu hari kerja.',
    tags: ['pelayanan-publik', 'literasi-digital'],
  });
  if (otherAdmin) {
    await protocols.createProtocol(at(-5), dpuAdmin, {
      title: 'Protokol bersama tanggap darurat banjir',
      coOwnerAgencyIds: ['DPU', otherAdmin.agencyId],
      content: 'Alur laporan genangan, pengerahan pompa, dan rujukan layanan kesehatan darurat.',
    });
  }
  return { trainings: 3, forums: 1, practices: 1, protocols: otherAdmin ? 1 : 0 };
};
