import { describe, expect, it } from 'vitest';
import {
  approvedByAll,
  forumAgencies,
  isOverdue,
  isoWeek,
  missingApprovals,
  takesPart,
} from '../../shared/collaboration/rules.js';

describe('forums', () => {
  const forum = { hostAgencyId: 'DPU', invitedAgencyIds: ['DKK', 'BKPP'] };
  it('the host and the invited take part, nobody else', () => {
    expect(forumAgencies(forum)).toEqual(['DPU', 'DKK', 'BKPP']);
    expect(takesPart(forum, 'DKK')).toBe(true);
    expect(takesPart(forum, 'DPU')).toBe(true);
    expect(takesPart(forum, 'SETDA')).toBe(false);
  });

  it.each([
    ['OPEN', '2026-11-27', '2026-11-28', true],
    ['IN_PROGRESS', '2026-11-27', '2026-11-28', true],
    ['OPEN', '2026-11-28', '2026-11-28', false],
    ['DONE', '2026-11-01', '2026-11-28', false],
  ] as const)('%s due %s on %s: overdue=%s', (status, dueDate, today, overdue) => {
    expect(isOverdue({ status, dueDate }, today)).toBe(overdue);
  });

  it.each([
    ['2026-01-01', '2026-W01'],
    ['2026-11-30', '2026-W49'],
    ['2026-12-06', '2026-W49'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'],
  ])('ISO week of %s is %s', (date, week) => {
    expect(isoWeek(date)).toBe(week);
  });
});

describe('joint protocol approvals', () => {
  const owners = ['DPU', 'DKK', 'SETDA'];
  it('ACTIVE only when every co-owner approved, not fewer', () => {
    expect(approvedByAll(owners, {})).toBe(false);
    expect(approvedByAll(owners, { DPU: 1, DKK: 1 })).toBe(false);
    expect(missingApprovals(owners, { DPU: 1, DKK: 1 })).toEqual(['SETDA']);
    expect(approvedByAll(owners, { DPU: 1, DKK: 1, SETDA: 1 })).toBe(true);
    expect(approvedByAll(owners, { DPU: 1, DKK: 1, BKPP: 1 })).toBe(false);
    expect(approvedByAll([], {})).toBe(false);
  });
});
