/** The demo data of development and collaboration goes in through the use cases without a refusal. */
import { beforeAll, describe, expect, it } from 'vitest';
import { planSeed, seed } from '../../infra/local/seed.js';
import { listForums } from '../../shared/collaboration/forum-store.js';
import { listProtocols } from '../../shared/collaboration/protocol-store.js';
import { getLedger, listTrainings } from '../../shared/development/training-store.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { freshTable } from '../support/db.js';

let db: Db;
let seeded: Awaited<ReturnType<typeof seed>>;
const now = new Date('2026-11-28T03:00:00.000Z');

beforeAll(async () => {
  db = await freshTable();
  seeded = await seed(db, { employees: 400, now });
});

describe('seedDevelopment', () => {
  it('writes trainings (with JP credited), a forum, a practice and a protocol', async () => {
    const plan = planSeed(400, now);
    expect(seeded.areas.development).toEqual({
      trainings: 3,
      forums: 1,
      practices: 1,
      protocols: 1,
    });
    expect((await listTrainings(db, { limit: 10 })).items).toHaveLength(3);
    expect((await listForums(db, { limit: 10 })).items).toHaveLength(1);
    expect((await listProtocols(db, { limit: 10 })).items).toHaveLength(1);
    const dpu = plan.employees.filter((e) => e.agencyId === 'DPU' && e.positionType === 'PELAKSANA');
    expect((await getLedger(db, dpu[0]?.nip as string, 2026)).jp).toBe(12);
    // seeding the same table again adds no second set of demo records
    expect((await seed(db, { employees: 400, now })).areas).toEqual({});
    expect((await listTrainings(db, { limit: 10 })).items).toHaveLength(3);
  });
});
