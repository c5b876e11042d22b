import { describe, expect, it } from 'vitest';
import { getDemoUsers, planSeed, seed } from '../../infra/local/seed.js';
import { getCalendar } from '../../shared/calendar/store.js';
import { cyclesIn, gradeMatchesType, nipProblem } from '../../shared/employees/rules.js';
import { getEmployee, holdersOfRole, listAgencies, listReviewees } from '../../shared/employees/store.js';
import { ROLES } from '../../shared/platform/roles.js';
import { freshTable } from '../support/db.js';

const NOW = new Date('2026-11-28T03:00:00Z');

describe('the demo workforce', () => {
  const plan = planSeed(1500, NOW);
  const byNip = new Map(plan.employees.map((e) => [e.nip, e]));

  it("has Semarang's 51 agencies, the size asked for, unique valid NIPs and matching golongan", () => {
    expect(plan.agencies).toHaveLength(51);
    expect(plan.employees).toHaveLength(1500);
    expect(byNip.size).toBe(1500);
    for (const e of plan.employees) {
      expect(nipProblem(e.nip, e.employmentType), e.nip).toBeUndefined();
      expect(gradeMatchesType(e.grade, e.employmentType), `${e.nip} ${e.grade}`).toBe(true);
      expect(plan.units.some((u) => u.unitId === e.unitId && u.agencyId === e.agencyId)).toBe(true);
    }
    const pppk = plan.employees.filter((e) => e.employmentType !== 'PNS').length;
    expect(pppk / 1500).toBeGreaterThan(0.08);
    expect(pppk / 1500).toBeLessThan(0.3);
  });

  it('has one chain of pejabat penilai ending at the Sekda, no cycle, seniors above juniors', () => {
    const graph = new Map(plan.employees.map((e) => [e.nip, e.reviewerNip]));
    expect(cyclesIn(graph).size).toBe(0);
    const tops = plan.employees.filter((e) => !e.reviewerNip);
    expect(tops.map((t) => t.nip)).toEqual([plan.demo.sekda]);
    for (const e of plan.employees) {
      let depth = 0;
      for (let n = e.reviewerNip; n; n = byNip.get(n)?.reviewerNip) depth++;
      expect(depth).toBeLessThanOrEqual(5);
      if (e.reviewerNip) {
        const reviewer = byNip.get(e.reviewerNip);
        expect(reviewer, e.nip).toBeDefined();
        expect(reviewer?.jobClass ?? 0).toBeGreaterThanOrEqual(e.jobClass);
      }
    }
    const staff = byNip.get(plan.demo.staff);
    expect(staff?.reviewerNip).toBe(plan.demo.sectionHead);
    expect(byNip.get(plan.demo.sectionHead)?.reviewerNip).toBe(plan.demo.divisionHead);
  });

  it('gives every role a user, an admin to every agency, and is the same every time', () => {
    for (const role of ROLES) expect(byNip.has(plan.demo.roles[role]), role).toBe(true);
    for (const a of plan.agencies) {
      expect(
        plan.employees.some(
          (e) => e.agencyId === a.agencyId && e.roleGrants.some((g) => g.role === 'AGENCY_ADMIN'),
        ),
      ).toBe(true);
    }
    expect(planSeed(1500, NOW).employees.map((e) => e.nip)).toEqual(plan.employees.map((e) => e.nip));
  });
});

describe('seeding a table', () => {
  it('writes agencies, units, employees, role grants, the 2026 calendar and the demo marker', async () => {
    const db = await freshTable();
    const progress: number[] = [];
    const result = await seed(db, { employees: 300, now: NOW, progress: (done) => progress.push(done) });
    expect(result.employees).toBe(300);
    expect(progress.at(-1)).toBe(result.items);
    const demo = await getDemoUsers(db);
    expect(demo?.roles.HR_ADMIN).toBe(result.demo.roles.HR_ADMIN);
    expect((await getEmployee(db, result.demo.roles.HR_ADMIN))?.roleGrants).toContainEqual({
      role: 'HR_ADMIN',
    });
    expect(await holdersOfRole(db, 'AGENCY_ADMIN', 'DPU')).toHaveLength(1);
    expect((await listAgencies(db, { limit: 100 })).items).toHaveLength(51);
    expect(
      (await listReviewees(db, result.demo.sectionHead, { limit: 100 })).items.map((r) => r.nip),
    ).toContain(result.demo.staff);
    const calendar = await getCalendar(db, 2026);
    expect(calendar?.cutiBersama.map((c) => c.date)).toContain('2026-03-18');
    // a second run changes nothing it should not (the calendar is kept, the marker rewritten)
    await seed(db, { employees: 300, now: NOW });
    expect((await getCalendar(db, 2026))?.version).toBe(1);
  });
});
