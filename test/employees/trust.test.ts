/**
 * Issue 11, "access follows the job" and "nobody sets their own pay": self-edits of pay inputs
 * refused whatever the roles, incompatible role pairs refused at grant time, a change of agency
 * (PUT, import, a future-dated move coming into force) strips the old agency's grants and the
 * token's scope follows the grant, ended employment signs in to nothing.
 */
import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { preToken } from '../../functions/pre-token.js';
import { tokenClaims } from '../../shared/employees/claims.js';
import { importEmployees } from '../../shared/employees/import.js';
import { applyDueMoves } from '../../shared/employees/moves.js';
import * as store from '../../shared/employees/store.js';
import * as uc from '../../shared/employees/use-cases.js';
import * as inputs from '../../shared/incentives/inputs.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { Forbidden, ValidationError } from '../../shared/platform/errors.js';
import { message } from '../../shared/platform/i18n.js';
import { INCOMPATIBLE_ROLES } from '../../shared/platform/roles.js';
import { depsAt, freshTable } from '../support/db.js';
import { actors, NIP, seedOrg } from '../support/org.js';

let db: Db;
let who: ReturnType<typeof actors>;
const NOW = '2026-11-28T03:00:00.000Z';
const deps = () => depsAt(db, NOW);

const outcome = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof ValidationError || e instanceof Forbidden)
      return `${e.constructor.name}:${e.code}${(e.details ?? []).map((d) => ` ${d.path}:${d.code}`).join('')}`;
    return (e as Error).constructor.name;
  }
};

const fresh = async (nip: string) => (await store.getEmployee(db, nip, true)) as store.EmployeeRecord;

beforeAll(async () => {
  db = await freshTable();
  who = actors(await seedOrg(db));
});

describe('nobody changes their own pay inputs or reviewer, whatever their roles', () => {
  // The agency admin of DPU and BKPP: both manage the agency each works in.
  const selves = [
    ['the agency admin', 'dpuAdmin', NIP.dpuAdmin],
    ['BKPP (HR_ADMIN)', 'hr', NIP.hr],
  ] as const;

  it.each(selves)('%s: own position (also back-dated) refused with the reason', async (_l, a, nip) => {
    const me = await fresh(nip);
    expect(await outcome(uc.updateEmployee(deps(), who[a], nip, { version: me.version, jobClass: 15 }))).toBe(
      'Forbidden:SELF_PAY_INPUT',
    );
    expect(
      await outcome(
        uc.updateEmployee(deps(), who[a], nip, {
          version: me.version,
          grade: 'IV/e',
          effectiveFrom: '2026-01-01',
        }),
      ),
    ).toBe('Forbidden:SELF_PAY_INPUT');
    // one's name or email is one's own to correct
    expect(
      await outcome(uc.updateEmployee(deps(), who[a], nip, { version: me.version, email: 'x@y.id' })),
    ).toBe('ok');
    expect((await fresh(nip)).jobClass).toBe(me.jobClass);
  });

  it.each(selves)('%s: own status periods and own pejabat penilai refused', async (_l, a, nip) => {
    const me = await fresh(nip);
    expect(
      await outcome(
        uc.addStatusPeriod(deps(), who[a], nip, {
          version: me.version,
          period: { status: 'CUTI_BESAR', from: '2026-11-01', to: '2026-11-05' },
        }),
      ),
    ).toBe('Forbidden:SELF_PAY_INPUT');
    expect(
      await outcome(uc.setReviewer(deps(), who[a], nip, { version: me.version, reviewerNip: NIP.staff2 })),
    ).toBe('Forbidden:SELF_PAY_INPUT');
  });

  it('own row in an employee import (position or reviewer) refused; nothing written', async () => {
    const me = await fresh(NIP.dpuAdmin);
    const row = {
      nip: me.nip,
      name: me.name,
      agencyId: 'DPU',
      unitId: 'DPU-B1-S1',
      positionTitle: me.positionTitle,
      positionType: me.positionType,
      jobClass: 14,
      grade: me.grade,
      employmentType: me.employmentType,
      reviewerNip: me.reviewerNip,
    };
    expect(await outcome(importEmployees(deps(), who.dpuAdmin, { rows: [row] }))).toBe(
      'Forbidden:SELF_PAY_INPUT body.rows.0.nip:self_pay_input',
    );
    expect((await fresh(me.nip)).jobClass).toBe(6);
  });

  it('own attendance row and a sanction about oneself refused', async () => {
    expect(
      await outcome(
        inputs.importAttendance(deps(), who.dpuAdmin, '2026-11', {
          rows: [{ nip: NIP.staff }, { nip: NIP.dpuAdmin, TK: 0 }],
        }),
      ),
    ).toBe('Forbidden:SELF_PAY_INPUT body.rows.1.nip:self_pay_input');
    expect(
      await outcome(
        inputs.addSanction(deps(), who.hr, NIP.hr, { level: 'SEDANG', startDate: '2026-11-01', months: 1 }),
      ),
    ).toBe('Forbidden:SELF_PAY_INPUT');
  });

  it('the reason reads as a sentence in both languages', () => {
    expect(message('SELF_PAY_INPUT', 'en', { what: 'position' })).toMatch(/your own pay/);
    expect(message('SELF_PAY_INPUT', 'id', { what: 'position' })).toMatch(/diri sendiri|Anda sendiri/);
  });

  it('someone else may still change them (the admin for their staff)', async () => {
    const staff = await fresh(NIP.staff2);
    expect(
      await outcome(
        uc.updateEmployee(deps(), who.dpuAdmin, NIP.staff2, { version: staff.version, jobClass: 7 }),
      ),
    ).toBe('ok');
  });
});

describe('incompatible role pairs are refused at grant time (the pairs are data)', () => {
  it('FINANCE with AGENCY_ADMIN of the same agency, FINANCE with HR_ADMIN', async () => {
    expect(INCOMPATIBLE_ROLES).toContainEqual(['FINANCE', 'AGENCY_ADMIN']);
    const staff = await fresh(NIP.staff);
    expect(
      await outcome(
        uc.setRoles(deps(), who.hr, NIP.staff, {
          version: staff.version,
          roles: [{ role: 'AGENCY_ADMIN', agencyId: 'DPU' }, { role: 'FINANCE' }],
        }),
      ),
    ).toBe('ValidationError:ROLE_CONFLICT body.roles:role_conflict');
    expect(
      await outcome(
        uc.setRoles(deps(), who.hr, NIP.staff, {
          version: staff.version,
          roles: [{ role: 'HR_ADMIN' }, { role: 'FINANCE' }],
        }),
      ),
    ).toBe('ValidationError:ROLE_CONFLICT body.roles:role_conflict');
    expect((await fresh(NIP.staff)).roleGrants).toEqual([]);
    // and nobody grants roles to themself
    const hr = await fresh(NIP.hr);
    expect(
      await outcome(
        uc.setRoles(deps(), who.hr, NIP.hr, { version: hr.version, roles: [{ role: 'AUDITOR' }] }),
      ),
    ).toBe('Forbidden:SELF_PAY_INPUT');
  });
});

describe('access follows the job', () => {
  const adminOf = async (nip: string, agencyId: string) => {
    const e = await fresh(nip);
    await uc.setRoles(deps(), who.hr, nip, {
      version: e.version,
      roles: [{ role: 'AGENCY_ADMIN', agencyId }, { role: 'AUDITOR' }],
    });
    return fresh(nip);
  };
  const rowOf = (e: store.EmployeeRecord, agencyId: string, unitId: string) => ({
    nip: e.nip,
    name: e.name,
    agencyId,
    unitId,
    positionTitle: e.positionTitle,
    positionType: e.positionType,
    jobClass: e.jobClass,
    grade: e.grade,
    employmentType: e.employmentType,
  });

  it('an import that moves an employee to another agency strips the old grants; the token says so', async () => {
    const e = await adminOf(NIP.staff, 'DPU');
    expect(tokenClaims(e, '2026-11-28')).toEqual({
      nip: NIP.staff,
      agencyId: 'DPU',
      groups: ['EMPLOYEE', 'AGENCY_ADMIN', 'AUDITOR'],
    });
    expect(await importEmployees(deps(), who.hr, { rows: [rowOf(e, 'DKK', 'DKK-PIMPINAN')] })).toMatchObject({
      updated: 1,
    });
    const moved = await fresh(NIP.staff);
    expect(moved.agencyId).toBe('DKK');
    expect(moved.roleGrants).toEqual([{ role: 'AUDITOR' }]);
    expect(await store.holdersOfRole(db, 'AGENCY_ADMIN', 'DPU', 10)).not.toContain(NIP.staff);
    expect(tokenClaims(moved, '2026-11-28')).toEqual({
      nip: NIP.staff,
      agencyId: 'DKK',
      groups: ['EMPLOYEE', 'AUDITOR'],
    });
  });

  it('the PUT route does the same', async () => {
    const e = await adminOf(NIP.staff2, 'DPU');
    await uc.updateEmployee(deps(), who.hr, NIP.staff2, {
      version: e.version,
      agencyId: 'DKK',
      unitId: 'DKK-PIMPINAN',
    });
    expect((await fresh(NIP.staff2)).roleGrants).toEqual([{ role: 'AUDITOR' }]);
  });

  it("a future-dated move: the token's scope comes from the grant, and the day it comes into force the grant goes", async () => {
    const e = await adminOf(NIP.officer, 'DPU');
    await uc.updateEmployee(deps(), who.hr, NIP.officer, {
      version: e.version,
      agencyId: 'DKK',
      unitId: 'DKK-PIMPINAN',
      effectiveFrom: '2026-12-01',
    });
    const before = await fresh(NIP.officer);
    expect(before.agencyId).toBe('DPU');
    expect(tokenClaims(before, '2026-11-30')).toMatchObject({
      agencyId: 'DPU',
      groups: ['EMPLOYEE', 'AGENCY_ADMIN', 'AUDITOR'],
    });
    // from its day, even before the sweep runs, the old agency's grant does not reach the token
    expect(tokenClaims(before, '2026-12-01')).toEqual({
      nip: NIP.officer,
      agencyId: 'DKK',
      groups: ['EMPLOYEE', 'AUDITOR'],
    });
    // the daily sweep on the eve changes nothing; on the day it applies the move
    expect(await applyDueMoves(depsAt(db, '2026-11-30T03:00:00.000Z'))).toEqual({ applied: 0 });
    expect((await fresh(NIP.officer)).roleGrants).toHaveLength(2);
    expect(await applyDueMoves(depsAt(db, '2026-11-30T17:05:00.000Z'))).toEqual({ applied: 1 });
    const after = await fresh(NIP.officer);
    expect(after).toMatchObject({
      agencyId: 'DKK',
      unitId: 'DKK-PIMPINAN',
      roleGrants: [{ role: 'AUDITOR' }],
    });
    expect(await store.holdersOfRole(db, 'AGENCY_ADMIN', 'DPU', 10)).not.toContain(NIP.officer);
    // idempotent
    expect(await applyDueMoves(depsAt(db, '2026-11-30T17:05:00.000Z'))).toEqual({ applied: 0 });
  });
});

describe('ended employment signs in to nothing', () => {
  const event = (nip: string) =>
    ({ userName: nip, request: {}, response: {} }) as unknown as PreTokenGenerationTriggerEvent;

  it.each(['PENSIUN', 'BERHENTI', 'MENINGGAL'] as const)(
    '%s: no roles, and the pre-token trigger refuses',
    async (status) => {
      const nip = NIP.division;
      const e = await fresh(nip);
      const ended = {
        ...e,
        roleGrants: [{ role: 'AUDITOR' as const }],
        statusPeriods: [{ status, from: '2026-11-01' }],
      };
      expect(tokenClaims(ended, '2026-11-28').groups).toEqual([]);
      expect(tokenClaims(ended, '2026-10-31').groups).toEqual(['EMPLOYEE', 'AUDITOR']);
      await store.saveEmployee(db, { ...ended, version: e.version + 1 });
      await expect(preToken(event(nip), db, new Date(NOW))).rejects.toThrow(
        new RegExp(`Masuk ditolak: status kepegawaian ${status} sejak 2026-11-01`),
      );
      // before the date it still signs in
      const ok = await preToken(event(nip), db, new Date('2026-10-30T03:00:00.000Z'));
      expect(ok.response.claimsOverrideDetails?.groupOverrideDetails?.groupsToOverride).toEqual([
        'EMPLOYEE',
        'AUDITOR',
      ]);
      const back = await fresh(nip);
      await store.saveEmployee(db, { ...back, statusPeriods: [], roleGrants: [], version: back.version + 1 });
    },
  );
});
