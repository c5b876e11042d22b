import { beforeAll, describe, expect, it } from 'vitest';
import * as planStore from '../../shared/development/plan-store.js';
import * as plans from '../../shared/development/plans.js';
import * as trainings from '../../shared/development/trainings.js';
import { onPredikat, type PredikatEvent } from '../../shared/development/triggers.js';
import type { EmployeeRecord } from '../../shared/employees/store.js';
import { listNotifications } from '../../shared/notifications/store.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { ValidationError } from '../../shared/platform/errors.js';
import { depsAt, freshTable } from '../support/db.js';
import { actors, NIP, seedOrg } from '../support/org.js';
import { seedPeople } from '../support/people.js';

let db: Db;
let who: ReturnType<typeof actors>;
let people: EmployeeRecord[];
const NOW = '2026-12-08T03:00:00.000Z';
const deps = (iso = NOW) => depsAt(db, iso);

const codes = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof ValidationError) return (e.details ?? []).map((d) => `${d.path}:${d.code}`).join(' ');
    return `${(e as Error).constructor.name}:${(e as { code?: string }).code ?? ''}`;
  }
};

const event = (nip: string, extra: Partial<PredikatEvent> = {}): PredikatEvent => ({
  nip,
  agencyId: 'DPU',
  reviewerNip: NIP.section,
  assessmentId: `A-${nip}-2026-11`,
  period: '2026-11',
  kind: 'PERIODIC',
  predikat: 'KURANG',
  gaps: {
    indicators: [{ id: 'IKI-1', text: 'Laporan pemeliharaan jalan tepat waktu' }],
    coreValues: ['BERORIENTASI_PELAYANAN'],
  },
  at: new Date('2026-12-08T02:00:00Z'),
  ...extra,
});

const openOf = async (nip: string) => {
  const id = await planStore.openPlanId(db, nip);
  return id ? planStore.getPlan(db, id, true) : undefined;
};

beforeAll(async () => {
  db = await freshTable();
  who = actors(await seedOrg(db));
  people = await seedPeople(db, 12, { reviewerNip: NIP.section });
});

describe('onPredikat: opening', () => {
  const cases = [
    ['BUTUH_PERBAIKAN', 'PERIODIC', true],
    ['KURANG', 'PERIODIC', true],
    ['SANGAT_KURANG', 'PERIODIC', true],
    ['BUTUH_PERBAIKAN', 'ANNUAL', true],
    ['KURANG', 'ANNUAL', true],
    ['SANGAT_KURANG', 'ANNUAL', true],
    ['BAIK', 'PERIODIC', false],
    ['SANGAT_BAIK', 'PERIODIC', false],
    ['BAIK', 'ANNUAL', false],
    ['SANGAT_BAIK', 'ANNUAL', false],
  ] as const;
  it.each(cases.map((c, i) => [...c, i] as const))(
    '%s (%s) opens a plan: %s',
    async (predikat, kind, opens, i) => {
      const p = people[i] as EmployeeRecord;
      const period = kind === 'ANNUAL' ? '2026' : '2026-11';
      await onPredikat(deps(), event(p.nip, { predikat, kind, period, assessmentId: `A-${i}` }));
      const open = await openOf(p.nip);
      if (!opens) {
        expect(open).toBeUndefined();
        return;
      }
      expect(open).toMatchObject({
        status: 'OPEN',
        nip: p.nip,
        agencyId: 'DPU',
        reviewerNip: NIP.section,
        source: { kind: 'PREDIKAT', assessmentId: `A-${i}`, period, predikat },
        gap: { coreValues: ['BERORIENTASI_PELAYANAN'] },
        tags: ['pelayanan-publik', 'komunikasi', 'penulisan-laporan', 'teknik-infrastruktur'],
        targetDate: '2027-03-08',
        events: [expect.objectContaining({ effect: 'OPENED', predikat })],
      });
      const told = await listNotifications(db, p.nip, { limit: 10 });
      expect(told.items.map((n) => n.kind)).toEqual(['DEVELOPMENT_PLAN_OPENED']);
    },
  );

  it('the same event twice (or at once) opens one plan and logs once', async () => {
    const p = people[10] as EmployeeRecord;
    const e = event(p.nip, { assessmentId: 'A-twice' });
    await Promise.all([onPredikat(deps(), e), onPredikat(deps(), e)]);
    await onPredikat(deps(), e);
    const mine = await planStore.listPlans(db, { by: 'mine', key: p.nip }, { limit: 10 });
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]?.events).toHaveLength(1);
  });

  it('another underperforming predikat while a plan is open is logged on it (once), not a second plan', async () => {
    const p = people[10] as EmployeeRecord;
    const dec = event(p.nip, {
      assessmentId: 'A-dec',
      period: '2026-12',
      predikat: 'SANGAT_KURANG',
      gaps: { indicators: [{ id: 'IKI-9', text: 'Realisasi anggaran' }], coreValues: ['AKUNTABEL'] },
    });
    await onPredikat(deps(), dec);
    await onPredikat(deps(), dec);
    const plan = await openOf(p.nip);
    expect(plan?.events.map((x) => [x.assessmentId, x.effect])).toEqual([
      ['A-twice', 'OPENED'],
      ['A-dec', 'LOGGED'],
    ]);
    expect(plan?.gap.coreValues).toEqual(['BERORIENTASI_PELAYANAN', 'AKUNTABEL']);
    expect(plan?.tags).toContain('pengelolaan-keuangan');
    expect((await planStore.listPlans(db, { by: 'mine', key: p.nip }, { limit: 10 })).items).toHaveLength(1);
  });
});

describe('onPredikat: closing', () => {
  it('a periodic BAIK for a later period closes the plan with the outcome; an earlier one or an annual one does not', async () => {
    const p = people[11] as EmployeeRecord;
    await onPredikat(
      deps(),
      event(p.nip, { assessmentId: 'B-nov', period: '2026-11', predikat: 'BUTUH_PERBAIKAN' }),
    );
    const id = (await planStore.openPlanId(db, p.nip)) as string;
    await onPredikat(deps(), event(p.nip, { assessmentId: 'B-oct', period: '2026-10', predikat: 'BAIK' }));
    await onPredikat(
      deps(),
      event(p.nip, { assessmentId: 'B-year', period: '2026', kind: 'ANNUAL', predikat: 'BAIK' }),
    );
    expect((await planStore.getPlan(db, id, true))?.status).toBe('OPEN');
    const dec = event(p.nip, { assessmentId: 'B-dec', period: '2026-12', predikat: 'SANGAT_BAIK' });
    await onPredikat(deps(), dec);
    await onPredikat(deps(), dec);
    const closed = await planStore.getPlan(db, id, true);
    expect(closed).toMatchObject({
      status: 'CLOSED',
      outcome: { kind: 'RECOVERED', predikat: 'SANGAT_BAIK', period: '2026-12', assessmentId: 'B-dec' },
    });
    expect(closed?.events.map((x) => x.effect)).toEqual(['OPENED', 'CLOSED']);
    expect(await planStore.openPlanId(db, p.nip)).toBeUndefined();
    // the next underperforming result opens a new plan
    await onPredikat(deps(), event(p.nip, { assessmentId: 'B-jan', period: '2027-01', predikat: 'KURANG' }));
    const again = await planStore.openPlanId(db, p.nip);
    expect(again).toBeDefined();
    expect(again).not.toBe(id);
  });
});

describe('plans opened and closed by the supervisor', () => {
  it('only the pejabat penilai opens one, one at a time; coaching, target date, closing with a note', async () => {
    const gap = { indicators: [{ id: 'IKI-3', text: 'Jumlah data yang diolah' }], coreValues: ['ADAPTIF'] };
    expect(await codes(plans.openPlan(deps(), who.division, { nip: NIP.staff, gap }))).toBe(
      'body.nip:not_reviewee',
    );
    expect(
      await codes(plans.openPlan(deps(), who.section, { nip: NIP.staff, gap, targetDate: '2026-12-01' })),
    ).toBe('body.targetDate:date_past');
    const plan = await plans.openPlan(deps(), who.section, {
      nip: NIP.staff,
      gap,
      note: 'Perlu pendampingan',
    });
    expect(plan).toMatchObject({ status: 'OPEN', source: { kind: 'SUPERVISOR', openedBy: NIP.section } });
    expect(plan.tags).toEqual(['inovasi', 'literasi-digital', 'analisis-data']);
    expect(await codes(plans.openPlan(deps(), who.section, { nip: NIP.staff, gap }))).toBe(
      'InvalidState:PLAN_ALREADY_OPEN',
    );
    // a predikat meanwhile is logged on it, not a second plan
    await onPredikat(deps(), event(NIP.staff, { assessmentId: 'S-nov' }));
    expect(await planStore.openPlanId(db, NIP.staff)).toBe(plan.planId);

    expect(
      await codes(
        plans.logCoaching(deps(), who.staff, plan.planId, { version: 2, date: '2026-12-07', topic: 'X' }),
      ),
    ).toBe('Forbidden:FORBIDDEN');
    expect(
      await codes(
        plans.logCoaching(deps(), who.section, plan.planId, { version: 1, date: '2026-12-07', topic: 'X' }),
      ),
    ).toBe('Conflict:CONFLICT');
    const coached = await plans.logCoaching(deps(), who.section, plan.planId, {
      version: 2,
      date: '2026-12-07',
      topic: 'Penggunaan aplikasi pengolah data',
    });
    expect(coached.coaching).toHaveLength(1);
    const moved = await plans.updatePlan(deps(), who.section, plan.planId, {
      version: 3,
      targetDate: '2027-02-01',
    });
    expect(moved.targetDate).toBe('2027-02-01');
    // the employee reads it, with trainings that match the gap
    await trainings.createTraining(deps('2026-12-01T00:00:00Z'), who.hr, {
      title: 'Literasi Digital untuk ASN',
      kind: 'NONKLASIKAL',
      method: 'E_LEARNING',
      jp: 4,
      tags: ['literasi-digital'],
      organiserAgencyId: 'BKPP',
      sessions: [
        { startsAt: '2027-01-05T01:00:00Z', endsAt: '2027-01-05T05:00:00Z', place: 'Daring', capacity: 500 },
      ],
    });
    const read = await plans.getPlan(deps(), who.staff, plan.planId);
    expect(read.recommendedTrainings.map((t) => t.title)).toEqual(['Literasi Digital untuk ASN']);
    expect(await codes(plans.getPlan(deps(), who.staff2, plan.planId))).toBe('NotFound:NOT_FOUND');
    expect(await codes(plans.getPlan(deps(), who.dpuAdmin, plan.planId))).toBe('ok');
    expect(await codes(plans.getPlan(deps(), who.dkkAdmin, plan.planId))).toBe('NotFound:NOT_FOUND');

    const closed = await plans.closePlan(deps(), who.section, plan.planId, {
      version: 4,
      note: 'Target tercapai',
    });
    expect(closed).toMatchObject({
      status: 'CLOSED',
      outcome: { kind: 'CLOSED_BY_SUPERVISOR', note: 'Target tercapai' },
    });
    expect(await planStore.openPlanId(db, NIP.staff)).toBeUndefined();
    expect(await codes(plans.closePlan(deps(), who.section, plan.planId, { version: 5, note: 'lagi' }))).toBe(
      'InvalidState:PLAN_CLOSED',
    );
  });

  it("lists mine, my reviewees' and an agency's", async () => {
    const mine = await plans.listPlans(deps(), who.staff, { scope: 'mine', limit: 10 });
    expect(mine.items.every((p) => p.nip === NIP.staff)).toBe(true);
    expect(mine.items.length).toBeGreaterThan(0);
    const reviewees = await plans.listPlans(deps(), who.section, {
      scope: 'reviewees',
      status: 'OPEN',
      limit: 100,
    });
    expect(reviewees.items.length).toBeGreaterThan(0);
    expect(reviewees.items.every((p) => p.reviewerNip === NIP.section && p.status === 'OPEN')).toBe(true);
    const agency = await plans.listPlans(deps(), who.dpuAdmin, { scope: 'agency', limit: 100 });
    expect(agency.items.every((p) => p.agencyId === 'DPU')).toBe(true);
    expect(
      await codes(plans.listPlans(deps(), who.dkkAdmin, { scope: 'agency', agencyId: 'DPU', limit: 10 })),
    ).toBe('Forbidden:FORBIDDEN');
    expect(await codes(plans.listPlans(deps(), who.staff, { scope: 'agency', limit: 10 }))).toBe(
      'Forbidden:FORBIDDEN',
    );
  });

  it('exactly one open plan even when the supervisor and a predikat race', async () => {
    const p = people[9] as EmployeeRecord; // BAIK annual above: no plan yet
    const gap = { indicators: [], coreValues: ['KOLABORATIF'] };
    const results = await Promise.allSettled([
      plans.openPlan(deps(), who.section, { nip: p.nip, gap }),
      onPredikat(deps(), event(p.nip, { assessmentId: 'R-1' })),
      onPredikat(deps(), event(p.nip, { assessmentId: 'R-2', predikat: 'SANGAT_KURANG' })),
    ]);
    expect(results[1]?.status).toBe('fulfilled');
    expect(results[2]?.status).toBe('fulfilled');
    const all = await planStore.listPlans(db, { by: 'mine', key: p.nip }, { limit: 10 });
    expect(all.items.filter((x) => x.status === 'OPEN')).toHaveLength(1);
    expect(all.items).toHaveLength(1);
  });
});
