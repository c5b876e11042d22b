/**
 * The complaint-sla job (every 15 minutes): escalates along the ladder (75% warning, breach, 2×)
 * and closes RESPONDED complaints after their silent working days. It reads only the due index
 * (gsi3, keys up to `now`), never the table; every step is recorded once on the complaint and every
 * notification has a key made of the complaint, the clock and the step, so running it twice — or
 * again after a crash halfway — leaves the same records.
 *
 * Order per complaint: notify first (idempotent), then record the steps with a version check. A
 * crash in between leaves the steps unrecorded; the next run notifies again (no duplicate, same
 * keys) and records them.
 */
import type { Calendars } from '../calendar/rules.js';
import { getAgency, holdersOfRole } from '../employees/store.js';
import { notify } from '../notifications/notify.js';
import { mapLimit } from '../platform/concurrency.js';
import type { Db } from '../platform/dynamo.js';
import { isDomainError } from '../platform/errors.js';
import type { Role } from '../platform/roles.js';
import { calendarsFrom } from './common.js';
import type { Complaint } from './lifecycle.js';
import * as life from './lifecycle.js';
import { type Audience, audienceOf, dueSteps, type PendingStep } from './rules.js';
import * as store from './store.js';

export interface SlaCounts {
  /** items read from the table: due-index entries, calendars, role holders, agency records */
  itemsRead: number;
  /** complaints with at least one step due */
  due: number;
  /** escalation steps recorded (auto-closes not included) */
  escalations: number;
  closed: number;
  notifications: number;
  /** complaints changed by someone else meanwhile: left for the next run */
  conflicts: number;
}

const STEP_TITLE: Record<string, string> = {
  WARNING: 'Peringatan: 75% batas waktu layanan pengaduan {id} telah berlalu',
  BREACH: 'Batas waktu layanan pengaduan {id} terlampaui',
  DOUBLE: 'Pengaduan {id} melewati dua kali batas waktu layanan',
};

export const runComplaintSla = async (deps: { db: Db }, now: Date): Promise<SlaCounts> => {
  const { db } = deps;
  const counts: SlaCounts = {
    itemsRead: 0,
    due: 0,
    escalations: 0,
    closed: 0,
    notifications: 0,
    conflicts: 0,
  };
  const calendars: Calendars = await calendarsFrom(db, now);
  counts.itemsRead += calendars instanceof Map ? calendars.size : Object.keys(calendars).length;

  // people to tell, looked up once per run
  const people = new Map<string, Promise<string[]>>();
  const holders = (role: Role, agencyId: string | undefined) => {
    const k = `${role}#${agencyId ?? '*'}`;
    let p = people.get(k);
    if (!p) {
      p = holdersOfRole(db, role, agencyId, 100).then((nips) => {
        counts.itemsRead += nips.length;
        return nips;
      });
      people.set(k, p);
    }
    return p;
  };
  const head = (agencyId: string) => {
    const k = `HEAD#${agencyId}`;
    let p = people.get(k);
    if (!p) {
      p = getAgency(db, agencyId).then(async (a) => {
        counts.itemsRead += a ? 1 : 0;
        // no head recorded: the agency's admins stand in
        return a?.headNip ? [a.headNip] : holders('AGENCY_ADMIN', agencyId);
      });
      people.set(k, p);
    }
    return p;
  };
  const recipients = async (audience: Audience, c: Complaint): Promise<string[]> => {
    switch (audience) {
      case 'AGENCY_ADMIN':
        return c.agencyId ? holders('AGENCY_ADMIN', c.agencyId) : [];
      case 'AGENCY_HEAD':
        return c.agencyId ? head(c.agencyId) : [];
      case 'CITY_DESK':
        return holders('COMPLAINT_DESK', undefined);
      case 'INSPEKTORAT':
        return holders('AUDITOR', undefined);
    }
  };

  const tellAbout = async (c: Complaint, s: PendingStep) => {
    const nips = new Set(
      (await Promise.all(audienceOf(s.clock.kind, s.step).map((a) => recipients(a, c)))).flat(),
    );
    for (const nip of nips) {
      const added = await notify(
        db,
        nip,
        {
          key: `cmp-${c.id}-${s.clock.id}-${s.step}`,
          kind: `COMPLAINT_SLA_${s.step}`,
          title: (STEP_TITLE[s.step] ?? '').replace('{id}', c.id),
          body: `${s.clock.kind} jatuh tempo ${s.clock.due}`,
          link: `/v1/complaints/${c.id}`,
        },
        now,
      );
      if (added) counts.notifications++;
    }
  };

  const handle = async (c: Complaint) => {
    const steps = dueSteps(c.clocks, c.escalations, now);
    if (steps.length === 0) return; // the index lagged behind a change: nothing due any more
    counts.due++;
    for (const s of steps) if (s.step !== 'CLOSE') await tellAbout(c, s);
    const step = life.escalate(c, steps, { now, calendars });
    try {
      await store.saveSteps(db, [step]);
    } catch (e) {
      if (isDomainError(e)) {
        counts.conflicts++;
        return;
      }
      throw e;
    }
    counts.escalations += steps.filter((s) => s.step !== 'CLOSE').length;
    if (step.complaint.status === 'CLOSED' && c.status !== 'CLOSED') counts.closed++;
  };

  for (let shard = 0; shard < store.DUE_SHARDS; shard++) {
    let cursor: string | undefined;
    do {
      const page = await store.listDue(db, shard, now, { limit: 200, cursor });
      counts.itemsRead += page.items.length;
      await mapLimit(page.items, 8, handle);
      cursor = page.cursor;
    } while (cursor);
  }
  return counts;
};
