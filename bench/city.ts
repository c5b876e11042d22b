/**
 * The city at full size (issue 7): seeding plans and a year of monthly assessments for every
 * employee, then a mixed load through the local gateway for 60 s — employees reading their
 * month, supervisors going through their reviewees and leaving feedback, citizens submitting and
 * tracking complaints, an admin listing — with requests per second, p50/p99/max and errors.
 */
import { performance } from 'node:perf_hooks';
import { seedPerformanceYear } from '../infra/local/seed-performance.js';
import type { EmployeeRecord } from '../shared/employees/store.js';
import type { BenchContext, Figure } from './lib.js';
import { percentile, round } from './lib.js';

const YEAR = 2025;
const PERIOD = `${YEAR}-12`;

interface Kind {
  name: string;
  weight: number;
  run: (i: number) => Promise<void>;
}

export const benchCity = async (ctx: BenchContext): Promise<Figure[]> => {
  const figures: Figure[] = [];
  ctx.log(`  seeding plans and ${YEAR}'s monthly assessments for ${ctx.plan.employees.length} employees…`);
  const t0 = performance.now();
  let shown = 0;
  const seeded = await seedPerformanceYear(ctx.db, ctx.plan, YEAR, {
    progress: (done: number, total: number) => {
      if (done === total || performance.now() - shown > 3000) {
        shown = performance.now();
        ctx.log(`    ${done}/${total} items`);
      }
    },
  });
  const seedS = (performance.now() - t0) / 1000;
  const items = seeded.plans + seeded.assessments;
  figures.push({
    name: `seed the city: ${seeded.plans} plans + ${seeded.assessments} assessments (${YEAR})`,
    value: round(seedS),
    unit: 's',
    note: `${Math.round(items / seedS)} items/s`,
  });

  // Who takes part: employees with a reviewer, their reviewers, the demo admin, citizens.
  const staff = ctx.plan.employees.filter((e) => e.reviewerNip);
  const reviewers = [...new Set(staff.map((e) => e.reviewerNip as string))];
  const byNip = new Map<string, EmployeeRecord>(ctx.plan.employees.map((e) => [e.nip, e]));
  const tokens = new Map<string, string>();
  const token = async (nip: string) => {
    let t = tokens.get(nip);
    if (!t) {
      t = await ctx.token(nip);
      tokens.set(nip, t);
    }
    return t;
  };
  const admin = ctx.demo.roles.AGENCY_ADMIN;
  const adminAgency = byNip.get(admin)?.agencyId ?? 'DPU';
  const base = ctx.gatewayUrl;
  const call = async (method: string, path: string, options: { nip?: string; body?: unknown } = {}) => {
    const headers: Record<string, string> = {};
    if (options.nip) headers.authorization = `Bearer ${await token(options.nip)}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
    return text ? JSON.parse(text) : undefined;
  };
  const pick = <T>(list: T[], i: number): T => list[(i * 7919) % list.length] as T;
  const kinds: Kind[] = [
    {
      name: 'employee reads their month',
      weight: 35,
      run: async (i) => {
        const e = pick(staff, i);
        await call('GET', '/v1/me', { nip: e.nip });
        await call('GET', `/v1/assessments?scope=mine&period=${PERIOD}`, { nip: e.nip });
      },
    },
    {
      name: 'supervisor goes through reviewees',
      weight: 20,
      run: async (i) => {
        const r = pick(reviewers, i);
        const page = (await call('GET', `/v1/assessments?scope=reviewees&period=${PERIOD}&limit=30`, {
          nip: r,
        })) as {
          items: Array<{ assessmentId?: string; id?: string }>;
        };
        const first = page.items[0];
        const id = first?.assessmentId ?? first?.id;
        if (id) await call('GET', `/v1/assessments/${encodeURIComponent(id)}`, { nip: r });
      },
    },
    {
      name: 'supervisor leaves feedback',
      weight: 5,
      run: async (i) => {
        const e = pick(staff, i);
        await call('POST', `/v1/employees/${e.nip}/feedback`, {
          nip: e.reviewerNip,
          body: { text: `Terima kasih atas laporan minggu ini (${i}); mohon lengkapi bukti dukung.` },
        });
      },
    },
    {
      name: 'citizen submits and tracks a complaint',
      weight: 20,
      run: async (i) => {
        const created = (await call('POST', '/v1/public/complaints', {
          body: {
            category: 'JALAN_RUSAK',
            description: `Lampu jalan padam dan jalan berlubang di RT ${i % 12}, berbahaya pada malam hari.`,
            location: { lat: -7.0 - (i % 90) / 1000, lng: 110.4 + (i % 90) / 1000, kelurahan: 'Tembalang' },
            privacy: 'PUBLIC',
          },
        })) as { trackingCode: string };
        await call('GET', `/v1/public/complaints/${created.trackingCode}`);
      },
    },
    {
      name: 'citizen reads the public feed',
      weight: 10,
      run: async () => {
        await call('GET', '/v1/public/complaints?limit=20');
      },
    },
    {
      name: 'admin lists the agency',
      weight: 10,
      run: async (i) => {
        await call('GET', `/v1/agencies/${adminAgency}/employees?limit=25`, { nip: admin });
        if (i % 4 === 0)
          await call('GET', `/v1/agencies/${adminAgency}/progress?period=${PERIOD}`, { nip: admin });
      },
    },
  ];
  const total = kinds.reduce((s, k) => s + k.weight, 0);
  const kindOf = (i: number): Kind => {
    let x = (i * 37) % total;
    for (const k of kinds) {
      if (x < k.weight) return k;
      x -= k.weight;
    }
    return kinds[0] as Kind;
  };

  const seconds = ctx.quick ? 10 : 60;
  const concurrency = ctx.quick ? 8 : 16;
  ctx.log(`  mixed load: ${seconds} s at ${concurrency} concurrent scenarios through the gateway…`);
  // warm the tokens and the handlers
  for (let i = 0; i < 20; i++)
    await kindOf(i)
      .run(i)
      .catch(() => undefined);
  const times: number[] = [];
  const errors: string[] = [];
  let requests = 0;
  let next = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (...args: Parameters<typeof fetch>) => {
    const t = performance.now();
    try {
      return await realFetch(...args);
    } finally {
      times.push(performance.now() - t);
      requests++;
    }
  }) as typeof fetch;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) {
          const i = next++;
          await kindOf(i)
            .run(i)
            .catch((e: Error) => {
              errors.push(`${kindOf(i).name}: ${e.message}`);
            });
        }
      }),
    );
  } finally {
    globalThis.fetch = realFetch;
  }
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  if (errors.length) ctx.log(`  first errors: ${[...new Set(errors)].slice(0, 3).join(' | ')}`);
  figures.push(
    {
      name: `mixed load ${seconds} s: requests per second`,
      value: round(requests / elapsed, 1),
      unit: 'req/s',
      note: `${requests} requests, ${concurrency} concurrent`,
    },
    { name: 'mixed load p50', value: round(percentile(times, 50)), unit: 'ms' },
    { name: 'mixed load p99', value: round(percentile(times, 99)), unit: 'ms' },
    { name: 'mixed load max', value: round(times.at(-1) ?? 0), unit: 'ms' },
    { name: 'mixed load errors', value: errors.length, unit: 'count', target: '0', ok: errors.length === 0 },
  );
  return figures;
};
