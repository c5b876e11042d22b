/**
 * The write grants (functions/writes.ts → dynamodb:LeadingKeys in the stack) are only as good as
 * the prefixes the stores declare. These checks tie them to the key builders and to the source:
 * every key a store builds, and every partition key written literally anywhere in shared/, falls
 * under a declared prefix; prefixes of different owners never overlap.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AREA_WRITES, JOB_WRITES, mayWrite, OWNERS } from '../../functions/writes.js';
import { calendarKey } from '../../shared/calendar/store.js';
import * as forums from '../../shared/collaboration/forum-store.js';
import * as practices from '../../shared/collaboration/practice-store.js';
import * as protocols from '../../shared/collaboration/protocol-store.js';
import * as complaints from '../../shared/complaints/store.js';
import * as plans from '../../shared/development/plan-store.js';
import * as trainings from '../../shared/development/training-store.js';
import * as organisation from '../../shared/employees/store.js';
import * as tpp from '../../shared/incentives/store.js';
import * as performance from '../../shared/performance/store.js';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Every table key a `keys` object builds (entries returning `{ pk, sk }`), called with sample arguments. */
const builtKeys = (keys: Record<string, unknown>): string[] =>
  Object.values(keys)
    .filter((k): k is (...a: unknown[]) => unknown => typeof k === 'function')
    .map((k) => k('X1', '2026', 'X3', 'X4') as { pk?: unknown })
    .filter((k) => typeof k === 'object' && k !== null && typeof k.pk === 'string')
    .map((k) => k.pk as string);

const sources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

describe('key ownership', () => {
  it("every key a store's builders make falls under that store's declared prefixes", () => {
    const cases: [string, readonly string[], string[]][] = [
      ['organisation', OWNERS.organisation, builtKeys(organisation.keys)],
      ['performance', OWNERS.performance, builtKeys(performance.keys)],
      ['developmentPlans', OWNERS.developmentPlans, builtKeys(plans.keys)],
      ['trainings', OWNERS.trainings, builtKeys(trainings.keys)],
      ['tpp', OWNERS.tpp, builtKeys(tpp.keys)],
      ['complaints', OWNERS.complaints, builtKeys(complaints.keys)],
      ['forums', OWNERS.forums, builtKeys(forums.keys)],
      ['practices', OWNERS.practices, builtKeys(practices.keys)],
      ['protocols', OWNERS.protocols, builtKeys(protocols.keys)],
      ['calendar', OWNERS.calendar, [calendarKey(2026).pk]],
    ];
    for (const [owner, prefixes, pks] of cases) {
      expect(pks.length, owner).toBeGreaterThan(0);
      for (const pk of pks) expect(mayWrite(prefixes, pk), `${owner}: ${pk}`).toBe(true);
    }
  });

  it('every partition key written literally in shared/ starts with a declared prefix', () => {
    const all = Object.values(OWNERS).flat();
    const literal = /\bpk: [`'"]([A-Z][A-Z0-9_]*#[A-Z#]*)/g;
    let seen = 0;
    for (const file of sources('shared')) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const m of text.matchAll(literal)) {
        seen++;
        expect(mayWrite(all, m[1] ?? ''), `${file}: pk ${m[1]}`).toBe(true);
      }
    }
    expect(seen).toBeGreaterThan(20);
  });

  it("no owner's prefix falls under another owner's prefix (LeadingKeys patterns stay disjoint)", () => {
    const entries = Object.entries(OWNERS).flatMap(([owner, ps]) => ps.map((p) => [owner, p] as const));
    for (const [owner, p] of entries) {
      for (const [other, q] of entries) {
        if (owner !== other) expect(p.startsWith(q), `${owner} ${p} under ${other} ${q}`).toBe(false);
      }
    }
  });

  it('the complaint and Open311 functions cannot write a TPP, payroll-adjacent or organisation item', () => {
    const forbidden = [
      tpp.keys.run('2026-11-AG1').pk,
      tpp.keys.line('2026-11-AG1', '199001012020011001').pk,
      tpp.keys.attendance('199001012020011001', '2026-11').pk,
      organisation.keys.employee('199001012020011001').pk,
      performance.keys.assessment('199001012020011001', '2026-11').pk,
    ];
    for (const fn of ['complaints', 'open311'] as const) {
      for (const pk of forbidden) expect(mayWrite(AREA_WRITES[fn], pk), `${fn}: ${pk}`).toBe(false);
      expect(mayWrite(AREA_WRITES[fn], complaints.keys.complaint('ABC123').pk), fn).toBe(true);
    }
    expect(AREA_WRITES.docs).toEqual([]);
  });

  it('jobs write only their own areas (and notifications)', () => {
    expect(mayWrite(JOB_WRITES['complaint-sla'], tpp.keys.run('x').pk)).toBe(false);
    expect(mayWrite(JOB_WRITES['tpp-monthly'], complaints.keys.complaint('x').pk)).toBe(false);
    expect(mayWrite(JOB_WRITES['tpp-monthly'], tpp.keys.line('r', 'n').pk)).toBe(true);
  });
});
