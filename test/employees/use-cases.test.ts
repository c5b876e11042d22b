import { beforeAll, describe, expect, it } from 'vitest';
import { importEmployees } from '../../shared/employees/import.js';
import * as store from '../../shared/employees/store.js';
import * as uc from '../../shared/employees/use-cases.js';
import type { Db } from '../../shared/platform/dynamo.js';
import {
  AlreadyExists,
  Conflict,
  Forbidden,
  NotFound,
  ValidationError,
} from '../../shared/platform/errors.js';
import { depsAt, freshTable } from '../support/db.js';
import { actors, NIP, seedOrg } from '../support/org.js';

let db: Db;
let who: ReturnType<typeof actors>;
const NOW = '2026-11-28T03:00:00.000Z';
const deps = () => depsAt(db, NOW);

const newPerson = (nip: string, extra: Record<string, unknown> = {}) => ({
  nip,
  name: 'Rina Maharani',
  agencyId: 'DPU',
  unitId: 'DPU-B1-S1',
  positionTitle: 'Pengelola Data',
  positionType: 'PELAKSANA' as const,
  jobClass: 6,
  grade: 'III/a',
  employmentType: 'PNS' as const,
  reviewerNip: NIP.section,
  ...extra,
});

const codes = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof ValidationError) return (e.details ?? []).map((d) => `${d.path}:${d.code}`).join(' ');
    return (e as Error).constructor.name;
  }
};

beforeAll(async () => {
  db = await freshTable();
  who = actors(await seedOrg(db));
});

describe('GET /v1/me', () => {
  it('shows my profile, roles, my pejabat penilai, the atasan and my reviewees', async () => {
    const me = await uc.getMe(deps(), who.section);
    expect(me.profile.nip).toBe(NIP.section);
    expect(me.roles).toEqual(['EMPLOYEE']);
    expect(me.reviewer?.nip).toBe(NIP.division);
    expect(me.appealReviewer?.nip).toBe(NIP.dpuHead);
    expect(me.reviewees.map((r) => r.nip).sort()).toEqual(
      [NIP.staff, NIP.staff2, NIP.dpuAdmin, NIP.officer].sort(),
    );
    const admin = await uc.getMe(deps(), who.dpuAdmin);
    expect(admin.roles).toEqual(['EMPLOYEE', 'AGENCY_ADMIN']);
    expect(admin.reviewees).toEqual([]);
  });
});

describe('reading an employee', () => {
  it.each([
    ['themself', 'staff', true],
    ['the pejabat penilai', 'section', true],
    ['the atasan pejabat penilai', 'division', true],
    ['the head above that (not the appeal reviewer)', 'dpuHead', false],
    ['a colleague', 'staff2', false],
    ['the admin of the agency', 'dpuAdmin', true],
    ['the admin of another agency', 'dkkAdmin', false],
    ['BKPP', 'hr', true],
    ['the auditor', 'auditor', true],
    ['finance', 'finance', false],
  ] as const)('by %s: allowed=%s', async (_label, actor, allowed) => {
    const result = await codes(uc.getEmployee(deps(), who[actor], NIP.staff));
    expect(result).toBe(allowed ? 'ok' : 'NotFound');
  });

  it('answers 404 for an unknown NIP', async () => {
    await expect(uc.getEmployee(deps(), who.hr, '199901012020011999')).rejects.toBeInstanceOf(NotFound);
  });
});

describe('creating an employee', () => {
  it('lets the agency admin register someone in their own agency, with the position history', async () => {
    const e = await uc.createEmployee(
      deps(),
      who.dpuAdmin,
      newPerson('199506062020122001', { effectiveFrom: '2026-11-01' }),
    );
    expect(e.version).toBe(1);
    expect(e.status).toBe('ACTIVE');
    expect(e.positionHistory).toEqual([
      expect.objectContaining({ effectiveFrom: '2026-11-01', jobClass: 6 }),
    ]);
    expect((await store.getEmployee(db, '199506062020122001'))?.name).toBe('Rina Maharani');
  });

  it('refuses another agency, a duplicate, a unit of another agency, a wrong golongan, a bad PNS NIP', async () => {
    expect(await codes(uc.createEmployee(deps(), who.dkkAdmin, newPerson('199506062020122002')))).toBe(
      'Forbidden',
    );
    expect(await codes(uc.createEmployee(deps(), who.dpuAdmin, newPerson(NIP.staff)))).toBe('AlreadyExists');
    expect(
      await codes(
        uc.createEmployee(deps(), who.hr, newPerson('199506062020122003', { unitId: 'DKK-PIMPINAN' })),
      ),
    ).toBe('body.unitId:unknown_unit');
    expect(
      await codes(uc.createEmployee(deps(), who.hr, newPerson('199506062020122004', { grade: 'IX' }))),
    ).toBe('body.grade:grade_type');
    expect(await codes(uc.createEmployee(deps(), who.hr, newPerson('199513322020122005')))).toBe(
      'body.nip:nip_date',
    );
    // a PPPK NIP is not judged by the PNS layout
    expect(
      await codes(
        uc.createEmployee(
          deps(),
          who.hr,
          newPerson('199513322020122005', { employmentType: 'PPPK', grade: 'VII' }),
        ),
      ),
    ).toBe('ok');
    expect(
      await codes(
        uc.createEmployee(
          deps(),
          who.hr,
          newPerson('199506062020122006', { reviewerNip: '199506062020122006' }),
        ),
      ),
    ).toBe('body.reviewerNip:reviewer_self');
  });
});

describe('changing an employee', () => {
  it('keeps a position change in the history and refuses a stale version with the current one', async () => {
    const nip = '199607072021011007';
    const created = await uc.createEmployee(deps(), who.hr, newPerson(nip));
    const moved = await uc.updateEmployee(deps(), who.dpuAdmin, nip, {
      version: created.version,
      jobClass: 7,
      positionTitle: 'Pengolah Data dan Informasi',
      effectiveFrom: '2026-12-01',
    });
    expect(moved.version).toBe(2);
    expect(moved.jobClass).toBe(6); // the change takes effect on 1 December
    expect(moved.positionHistory.map((p) => [p.effectiveFrom, p.jobClass])).toEqual([
      ['2026-11-28', 6],
      ['2026-12-01', 7],
    ]);
    const later = await uc.getEmployee(depsAt(db, '2026-12-02T03:00:00Z'), who.hr, nip);
    expect(later.positionHistory.at(-1)?.jobClass).toBe(7);
    const stale = uc.updateEmployee(deps(), who.dpuAdmin, nip, { version: 1, name: 'Rina M.' });
    await expect(stale).rejects.toBeInstanceOf(Conflict);
    await expect(stale).rejects.toMatchObject({ extra: { currentVersion: 2 } });
  });

  it('two admins editing at once: one wins, the other gets 409, nothing is lost', async () => {
    const nip = '199708082022012008';
    const created = await uc.createEmployee(deps(), who.hr, newPerson(nip));
    const results = await Promise.allSettled([
      uc.updateEmployee(deps(), who.dpuAdmin, nip, { version: created.version, name: 'Nama Satu' }),
      uc.updateEmployee(deps(), who.hr, nip, { version: created.version, name: 'Nama Dua' }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(Conflict);
    const stored = await store.getEmployee(db, nip, true);
    expect(stored?.version).toBe(2);
    expect(stored?.name).toBe((won[0] as PromiseFulfilledResult<{ name: string }>).value.name);
  });

  it('an agency admin cannot change someone of another agency', async () => {
    const staff = await store.getEmployee(db, NIP.staff);
    expect(
      await codes(
        uc.updateEmployee(deps(), who.dkkAdmin, NIP.staff, { version: staff?.version ?? 1, name: 'X Y' }),
      ),
    ).toBe('Forbidden');
  });
});

describe('the pejabat penilai', () => {
  it('refuses self-review and any cycle, directly or through the chain', async () => {
    const division = await store.getEmployee(db, NIP.division);
    const v = division?.version ?? 1;
    expect(
      await codes(uc.setReviewer(deps(), who.hr, NIP.division, { version: v, reviewerNip: NIP.division })),
    ).toBe('body.reviewerNip:reviewer_self');
    // division → staff → section → division
    const cycle = uc.setReviewer(deps(), who.hr, NIP.division, { version: v, reviewerNip: NIP.staff });
    await expect(cycle).rejects.toMatchObject({
      code: 'REVIEWER_CYCLE',
      params: { chain: `${NIP.division} → ${NIP.staff} → ${NIP.section} → ${NIP.division}` },
    });
    expect(
      await codes(
        uc.setReviewer(deps(), who.hr, NIP.division, { version: v, reviewerNip: '199901012020011999' }),
      ),
    ).toBe('body.reviewerNip:unknown_employee');
    expect((await store.getEmployee(db, NIP.division))?.reviewerNip).toBe(NIP.dpuHead);
  });

  it('two admins assigning two people to each other at the same moment never close a cycle', async () => {
    const [p, q] = ['199702022022011011', '199703032022011012'];
    const a = await uc.createEmployee(deps(), who.hr, newPerson(p));
    const b = await uc.createEmployee(deps(), who.hr, newPerson(q));
    const results = await Promise.allSettled([
      uc.setReviewer(deps(), who.hr, p, { version: a.version, reviewerNip: q }),
      uc.setReviewer(deps(), who.dpuAdmin, q, { version: b.version, reviewerNip: p }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(Conflict);
    const [sp, sq] = [await store.getEmployee(db, p, true), await store.getEmployee(db, q, true)];
    expect(sp?.reviewerNip === q && sq?.reviewerNip === p).toBe(false);
  });

  it('moves a reviewee to a new reviewer, and their lists follow', async () => {
    const nip = '199809092023011009';
    const created = await uc.createEmployee(deps(), who.hr, newPerson(nip));
    await uc.setReviewer(deps(), who.dpuAdmin, nip, { version: created.version, reviewerNip: NIP.division });
    const divisionList = await store.listReviewees(db, NIP.division, { limit: 50 });
    expect(divisionList.items.map((i) => i.nip)).toContain(nip);
    const sectionList = await store.listReviewees(db, NIP.section, { limit: 50 });
    expect(sectionList.items.map((i) => i.nip)).not.toContain(nip);
  });
});

describe('status periods', () => {
  it('adds a period and refuses overlaps and reversed dates', async () => {
    const nip = '199910102024012010';
    const created = await uc.createEmployee(deps(), who.hr, newPerson(nip));
    const withLeave = await uc.addStatusPeriod(deps(), who.hr, nip, {
      version: created.version,
      period: { status: 'CUTI_BESAR', from: '2026-11-20', to: '2026-12-20' },
    });
    expect(withLeave.status).toBe('CUTI_BESAR');
    expect(
      await codes(
        uc.addStatusPeriod(deps(), who.hr, nip, {
          version: withLeave.version,
          period: { status: 'CLTN', from: '2026-12-01' },
        }),
      ),
    ).toBe('body.period:overlap');
    expect(
      await codes(
        uc.addStatusPeriod(deps(), who.hr, nip, {
          version: withLeave.version,
          period: { status: 'CLTN', from: '2027-02-01', to: '2027-01-01' },
        }),
      ),
    ).toBe('body.period.to:date_order');
  });
});

describe('role grants', () => {
  it('only BKPP grants roles; agency-bound roles are for the own agency; the role index follows', async () => {
    const nip = NIP.staff2;
    const current = await store.getEmployee(db, nip);
    const v = current?.version ?? 1;
    expect(
      await codes(uc.setRoles(deps(), who.dpuAdmin, nip, { version: v, roles: [{ role: 'FINANCE' }] })),
    ).toBe('Forbidden');
    expect(
      await codes(
        uc.setRoles(deps(), who.hr, nip, { version: v, roles: [{ role: 'AGENCY_ADMIN', agencyId: 'DKK' }] }),
      ),
    ).toBe('body.roles.0.agencyId:agency_mismatch');
    const granted = await uc.setRoles(deps(), who.hr, nip, {
      version: v,
      roles: [{ role: 'COMPLAINT_OFFICER' }, { role: 'EMPLOYEE' }],
    });
    expect(granted.roles).toEqual(['EMPLOYEE', 'COMPLAINT_OFFICER']);
    expect(granted.roleGrants).toEqual([{ role: 'COMPLAINT_OFFICER', agencyId: 'DPU' }]);
    expect(await store.holdersOfRole(db, 'COMPLAINT_OFFICER', 'DPU')).toContain(nip);
    const revoked = await uc.setRoles(deps(), who.hr, nip, { version: granted.version, roles: [] });
    expect(revoked.roles).toEqual(['EMPLOYEE']);
    expect(await store.holdersOfRole(db, 'COMPLAINT_OFFICER', 'DPU')).not.toContain(nip);
    await expect(
      uc.setRoles(deps(), who.hr, nip, { version: granted.version, roles: [] }),
    ).rejects.toBeInstanceOf(Conflict);
  });
});

describe('lists and search', () => {
  it('pages through an agency by name with cursors, each page one Query, nothing twice', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await uc.listAgencyEmployees(deps(), who.dpuAdmin, 'DPU', { limit: 3, cursor });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((i) => `${i.name.toLowerCase()}#${i.nip}`));
      cursor = page.cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort());
    expect(seen.length).toBeGreaterThanOrEqual(7);
  });

  it('refuses a forged cursor and another agency', async () => {
    const forged = Buffer.from(
      JSON.stringify({ gsi1pk: 'AGENCY#DKK#EMP', gsi1sk: 'a', pk: 'x', sk: 'y' }),
    ).toString('base64url');
    expect(
      await codes(uc.listAgencyEmployees(deps(), who.dpuAdmin, 'DPU', { limit: 3, cursor: forged })),
    ).toBe('query.cursor:invalid');
    expect(
      await codes(uc.listAgencyEmployees(deps(), who.dpuAdmin, 'DPU', { limit: 3, cursor: 'not base64!' })),
    ).toBe('query.cursor:invalid');
    expect(await codes(uc.listAgencyEmployees(deps(), who.dkkAdmin, 'DPU', { limit: 3 }))).toBe('Forbidden');
  });

  it('searches by the start of the name, city-wide for BKPP and within the agency for its admin', async () => {
    const hr = await uc.searchEmployees(deps(), who.hr, { name: 'dewi', limit: 10 });
    expect(hr.items.map((i) => i.nip)).toContain(NIP.staff);
    const admin = await uc.searchEmployees(deps(), who.dkkAdmin, { name: 'Dewi', limit: 10 });
    expect(admin.items).toEqual([]);
    expect(
      await codes(uc.searchEmployees(deps(), who.dkkAdmin, { name: 'Dewi', agencyId: 'DPU', limit: 10 })),
    ).toBe('Forbidden');
  });
});

describe('bulk import', () => {
  const row = (
    nip: string,
    reviewerNip: string | undefined = NIP.section,
    extra: Record<string, unknown> = {},
  ) => ({
    ...newPerson(nip, { reviewerNip, ...extra }),
  });

  it('creates, then is an idempotent upsert', async () => {
    const rows = [
      row('199001012015011101'),
      row('199001012015011102', '199001012015011101'),
      row('199001012015011103'),
    ];
    expect(await importEmployees(deps(), who.dpuAdmin, { rows })).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
    });
    expect(await importEmployees(deps(), who.dpuAdmin, { rows })).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
    });
    const changed = [{ ...rows[0], jobClass: 7 }, rows[1], rows[2]];
    expect(
      await importEmployees(deps(), who.dpuAdmin, { rows: changed, effectiveFrom: '2026-12-01' }),
    ).toEqual({
      created: 0,
      updated: 1,
      unchanged: 2,
    });
    const e = await store.getEmployee(db, '199001012015011101');
    expect(e?.positionHistory.map((p) => p.jobClass)).toEqual([6, 7]);
    expect(e?.version).toBe(2);
  });

  it('on any bad row writes nothing and names every bad row and field', async () => {
    const rows = [
      row('199001012015011201'),
      { ...row('199001012015011202'), grade: 'IX' },
      row('199001012015011201'),
      { ...row('199001012015011203'), unitId: 'NOPE' },
      { ...row('1234'), name: 'A' },
      { ...row('199001012015011204'), extra: 1 },
      row('199001012015011205', '199001012015011206'),
      row('199001012015011206', '199001012015011205'),
    ];
    const err = await importEmployees(deps(), who.hr, { rows }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.code).toBe('IMPORT_INVALID');
    const found = (err.details as Array<{ path: string; code: string }>)
      .map((d) => `${d.path}:${d.code}`)
      .sort();
    expect(found).toEqual(
      [
        'body.rows.1.grade:grade_type',
        'body.rows.2.nip:duplicate',
        'body.rows.3.unitId:unknown_unit',
        'body.rows.4.name:too_small',
        'body.rows.4.nip:nip',
        'body.rows.5.extra:unrecognized_key',
        'body.rows.6.reviewerNip:reviewer_cycle',
        'body.rows.7.reviewerNip:reviewer_cycle',
      ].sort(),
    );
    const written = await store.getEmployees(db, ['199001012015011201', '199001012015011205']);
    expect(written.size).toBe(0);
  });

  it('finds a cycle through employees already stored', async () => {
    // stored: staff → section → division → dpuHead → sekda. Importing the Sekda under the staff closes it.
    const err = await importEmployees(deps(), who.hr, {
      rows: [{ ...row(NIP.sekda, NIP.staff), agencyId: 'SETDA', unitId: 'SETDA-PIMPINAN' }],
    }).catch((e) => e);
    expect(err.details).toEqual([
      expect.objectContaining({ path: 'body.rows.0.reviewerNip', code: 'reviewer_cycle' }),
    ]);
  });

  it('an agency admin imports only their own agency', async () => {
    const err = await importEmployees(deps(), who.dkkAdmin, { rows: [row('199001012015011301')] }).catch(
      (e) => e,
    );
    expect(err.details).toEqual([
      expect.objectContaining({ path: 'body.rows.0.agencyId', code: 'forbidden_agency' }),
    ]);
    await expect(
      importEmployees(deps(), who.staff, { rows: [row('199001012015011302')] }),
    ).rejects.toBeInstanceOf(Forbidden);
  });

  it('refuses more than 5,000 rows', async () => {
    const rows = Array.from({ length: 5001 }, () => ({}));
    await expect(importEmployees(deps(), who.hr, { rows })).rejects.toMatchObject({
      code: 'IMPORT_TOO_LARGE',
    });
  });
});

describe('units', () => {
  it('creates a unit under a parent of the same agency, once', async () => {
    const u = await uc.createUnit(deps(), who.dpuAdmin, 'DPU', {
      unitId: 'DPU-B2',
      name: 'Bidang Drainase',
      parentUnitId: 'DPU-PIMPINAN',
    });
    expect(u.agencyId).toBe('DPU');
    await expect(
      uc.createUnit(deps(), who.dpuAdmin, 'DPU', { unitId: 'DPU-B2', name: 'Lagi' }),
    ).rejects.toBeInstanceOf(AlreadyExists);
    expect(
      await codes(
        uc.createUnit(deps(), who.dpuAdmin, 'DPU', {
          unitId: 'DPU-B3',
          name: 'X',
          parentUnitId: 'DKK-PIMPINAN',
        }),
      ),
    ).toBe('body.parentUnitId:unknown_unit');
    expect(await codes(uc.createUnit(deps(), who.dkkAdmin, 'DPU', { unitId: 'DPU-B4', name: 'X' }))).toBe(
      'Forbidden',
    );
    const units = await uc.listUnits(deps(), 'DPU', { limit: 50 });
    expect(units.items.map((i) => i.unitId)).toContain('DPU-B2');
  });
});

describe('agencies', () => {
  it('BKPP adds an agency once and changes it with its version; nobody else may', async () => {
    const created = await uc.createAgency(deps(), who.hr, {
      code: 'DISPAR-BARU',
      name: 'Dinas Baru',
      kind: 'DEPARTMENT',
    });
    expect(created).toMatchObject({ agencyId: 'DISPAR-BARU', version: 1 });
    await expect(
      uc.createAgency(deps(), who.hr, { code: 'DISPAR-BARU', name: 'Lagi', kind: 'DEPARTMENT' }),
    ).rejects.toBeInstanceOf(AlreadyExists);
    expect(
      await codes(uc.createAgency(deps(), who.dpuAdmin, { code: 'X-Y', name: 'X', kind: 'AGENCY' })),
    ).toBe('Forbidden');
    const renamed = await uc.updateAgency(deps(), who.hr, 'DISPAR-BARU', {
      version: 1,
      name: 'Dinas Pariwisata Baru',
      headNip: NIP.staff,
    });
    expect(renamed).toMatchObject({ name: 'Dinas Pariwisata Baru', headNip: NIP.staff, version: 2 });
    await expect(
      uc.updateAgency(deps(), who.hr, 'DISPAR-BARU', { version: 1, name: 'Basi' }),
    ).rejects.toMatchObject({
      extra: { currentVersion: 2 },
    });
    expect(
      await codes(
        uc.updateAgency(deps(), who.hr, 'DISPAR-BARU', { version: 2, headNip: '199901012020011999' }),
      ),
    ).toBe('body.headNip:unknown_employee');
    // an agency seeded before versions counts as version 1
    expect(
      (await uc.updateAgency(deps(), who.hr, 'DPU', { version: 1, name: 'Dinas Pekerjaan Umum' })).version,
    ).toBe(2);
    expect((await uc.listAgencies(deps(), { limit: 50 })).items.map((a) => a.agencyId)).toContain(
      'DISPAR-BARU',
    );
  });
});
