import { beforeAll, describe, expect, it } from 'vitest';
import * as practices from '../../shared/collaboration/practices.js';
import * as uc from '../../shared/collaboration/protocols.js';
import type { EmployeeRecord } from '../../shared/employees/store.js';
import { employeeItem, putAll, roleGrantItems } from '../../shared/employees/store.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { ValidationError } from '../../shared/platform/errors.js';
import { depsAt, freshTable } from '../support/db.js';
import { actorOf, actors, seedOrg } from '../support/org.js';
import { seedPeople } from '../support/people.js';

let db: Db;
let who: ReturnType<typeof actors>;
let setdaAdmin: ReturnType<typeof actorOf>;
const deps = (iso = '2026-11-20T03:00:00.000Z') => depsAt(db, iso);

const codes = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof ValidationError) return (e.details ?? []).map((d) => `${d.path}:${d.code}`).join(' ');
    return `${(e as Error).constructor.name}:${(e as { code?: string }).code ?? ''}`;
  }
};

beforeAll(async () => {
  db = await freshTable();
  who = actors(await seedOrg(db));
  const [p] = await seedPeople(db, 1, { agencyId: 'SETDA', unitId: 'SETDA-PIMPINAN' });
  const admin: EmployeeRecord = {
    ...(p as EmployeeRecord),
    roleGrants: [{ role: 'AGENCY_ADMIN', agencyId: 'SETDA' }],
  };
  await putAll(db, [employeeItem(admin), ...roleGrantItems(admin.nip, admin.roleGrants)]);
  setdaAdmin = actorOf(admin);
});

const TEXT = 'Protokol layanan kesehatan darurat banjir: alur rujukan dan posko.';

describe('joint protocols', () => {
  it('a version becomes ACTIVE only when every co-owner approved it, not fewer; the old one is superseded', async () => {
    expect(
      await codes(
        uc.createProtocol(deps(), who.dpuAdmin, {
          title: 'Banjir',
          coOwnerAgencyIds: ['DKK', 'SETDA'],
          content: TEXT,
        }),
      ),
    ).toBe('body.coOwnerAgencyIds:own_agency_required');
    const p = await uc.createProtocol(deps(), who.dpuAdmin, {
      title: 'Layanan darurat banjir',
      coOwnerAgencyIds: ['DPU', 'DKK', 'SETDA'],
      content: TEXT,
    });
    expect(p.versions[0]).toMatchObject({
      versionNo: 1,
      status: 'PROPOSED',
      missingApprovals: ['DPU', 'DKK', 'SETDA'],
    });
    // only the admin of a co-owner approves, for their own agency
    expect(await codes(uc.approveVersion(deps(), who.hr, p.protocolId, 1))).toBe('Forbidden:FORBIDDEN');
    expect(await codes(uc.approveVersion(deps(), who.staff, p.protocolId, 1))).toBe('Forbidden:FORBIDDEN');
    const one = await uc.approveVersion(deps(), who.dpuAdmin, p.protocolId, 1);
    expect(one).toMatchObject({ status: 'PROPOSED', missingApprovals: ['DKK', 'SETDA'] });
    expect(await codes(uc.approveVersion(deps(), who.dpuAdmin, p.protocolId, 1))).toBe(
      'AlreadyExists:ALREADY_APPROVED',
    );
    const two = await uc.approveVersion(deps(), who.dkkAdmin, p.protocolId, 1);
    expect(two).toMatchObject({ status: 'PROPOSED', missingApprovals: ['SETDA'] });
    expect((await uc.getProtocol(deps(), p.protocolId)).activeVersion).toBeUndefined();
    const three = await uc.approveVersion(deps(), setdaAdmin, p.protocolId, 1);
    expect(three).toMatchObject({ status: 'ACTIVE', missingApprovals: [] });
    expect(Object.keys(three.approvals).sort()).toEqual(['DKK', 'DPU', 'SETDA']);

    // version 2: one awaiting at a time; the co-owners approve at the same moment
    const v2 = await uc.proposeVersion(deps(), who.dkkAdmin, p.protocolId, {
      content: `${TEXT} Revisi 2.`,
      changeNote: 'posko',
    });
    expect(v2).toMatchObject({ versionNo: 2, status: 'PROPOSED' });
    expect(
      await codes(uc.proposeVersion(deps(), setdaAdmin, p.protocolId, { content: `${TEXT} Revisi 3.` })),
    ).toBe('InvalidState:PENDING_VERSION');
    await uc.approveVersion(deps(), who.dpuAdmin, p.protocolId, 2);
    await Promise.all([
      uc.approveVersion(deps(), who.dkkAdmin, p.protocolId, 2),
      uc.approveVersion(deps(), setdaAdmin, p.protocolId, 2),
    ]);
    const after = await uc.getProtocol(deps(), p.protocolId);
    expect(after).toMatchObject({ activeVersion: 2, latestVersion: 2 });
    expect(after.pendingVersion).toBeUndefined();
    expect(after.versions.map((v) => [v.versionNo, v.status])).toEqual([
      [1, 'SUPERSEDED'],
      [2, 'ACTIVE'],
    ]);
    expect(await codes(uc.approveVersion(deps(), who.dpuAdmin, p.protocolId, 1))).toBe(
      'InvalidState:VERSION_NOT_PENDING',
    );
    const listed = await uc.listProtocols(deps(), { agencyId: 'SETDA', limit: 10 });
    expect(listed.items).toEqual([
      expect.objectContaining({ protocolId: p.protocolId, activeVersion: 2, latestVersion: 2 }),
    ]);
    expect((await uc.listProtocols(deps(), { agencyId: 'BPKAD', limit: 10 })).items).toHaveLength(0);
  });

  it('an agency that is not a co-owner neither proposes nor approves', async () => {
    const p = await uc.createProtocol(deps(), who.hr, {
      title: 'Dua OPD',
      coOwnerAgencyIds: ['DPU', 'SETDA'],
      content: TEXT,
    });
    expect(await codes(uc.approveVersion(deps(), who.dkkAdmin, p.protocolId, 1))).toBe('Forbidden:FORBIDDEN');
    expect(await codes(uc.proposeVersion(deps(), who.dkkAdmin, p.protocolId, { content: `${TEXT} X` }))).toBe(
      'Forbidden:FORBIDDEN',
    );
    await uc.approveVersion(deps(), who.dpuAdmin, p.protocolId, 1);
    expect((await uc.getProtocol(deps(), p.protocolId)).versions[0]?.status).toBe('PROPOSED');
  });
});

describe('shared practices', () => {
  it('shared by an agency, adopted once by each other agency, found by tag', async () => {
    const made = await practices.createPractice(deps(), who.dpuAdmin, {
      title: 'Laporan jalan rusak lewat WhatsApp',
      problem: 'Laporan jalan rusak lambat sampai ke petugas lapangan.',
      solution: 'Kanal WhatsApp resmi terhubung ke dasbor penugasan.',
      results: 'Waktu tanggap turun dari 5 hari menjadi 1 hari.',
      tags: ['pelayanan-publik', 'literasi-digital'],
    });
    await practices.createPractice(deps('2026-11-21T00:00:00Z'), who.dkkAdmin, {
      title: 'Antrean puskesmas daring',
      problem: 'Antrean panjang di puskesmas setiap pagi hari kerja.',
      solution: 'Pendaftaran daring dengan estimasi jam layanan.',
      results: 'Waktu tunggu rata-rata turun 40 persen.',
      tags: ['pelayanan-publik'],
    });
    const byTag = await practices.listPractices(deps(), { tag: 'pelayanan-publik', limit: 10 });
    expect(byTag.items.map((p) => p.title)).toEqual([
      'Antrean puskesmas daring',
      'Laporan jalan rusak lewat WhatsApp',
    ]);
    expect(
      (await practices.listPractices(deps(), { tag: 'literasi-digital', limit: 10 })).items,
    ).toHaveLength(1);
    expect(
      (await practices.listPractices(deps(), { tag: 'pelayanan-publik', agencyId: 'DKK', limit: 10 })).items,
    ).toHaveLength(1);

    expect(await codes(practices.adoptPractice(deps(), who.dpuAdmin, made.practiceId, {}))).toBe(
      'InvalidState:OWN_PRACTICE',
    );
    expect(await codes(practices.adoptPractice(deps(), who.hr, made.practiceId, {}))).toBe(
      'Forbidden:FORBIDDEN',
    );
    const results = await Promise.allSettled([
      practices.adoptPractice(deps(), who.dkkAdmin, made.practiceId, {
        note: 'Dipakai untuk laporan sanitasi',
      }),
      practices.adoptPractice(deps(), who.dkkAdmin, made.practiceId, {}),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    await practices.adoptPractice(deps(), setdaAdmin, made.practiceId, {});
    const read = await practices.getPractice(deps(), made.practiceId);
    expect(read.adoptionCount).toBe(2);
    expect(read.adoptions.map((a) => a.agencyId).sort()).toEqual(['DKK', 'SETDA']);
  });
});
