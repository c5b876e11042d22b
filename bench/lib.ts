/**
 * What every benchmark uses: the context of one bench run and the figures it reports.
 * `npm run bench` (bench/run.ts) builds the context once — one DynamoDB Local, the city table
 * seeded, the local gateway over it — and asks each area's bench for its figures.
 */
import { performance } from 'node:perf_hooks';
import type { DemoUsers, SeedPlan } from '../infra/local/seed.js';
import type { Db } from '../shared/platform/dynamo.js';

export interface Figure {
  /** what was measured, e.g. "GET /v1/me p50" */
  name: string;
  value: number;
  unit: 'ms' | 's' | 'KB' | 'MB' | 'req/s' | 'count' | 'items' | '%';
  /** the bare-DynamoDB measurement of the same work in the same run, where one applies */
  baseline?: number;
  /** value ÷ baseline, or baseline ÷ value for throughput ("higher is better" ratios say so in `note`) */
  ratio?: number;
  /** the target, in words, e.g. "≤ baseline + 2 ms" */
  target?: string;
  /** whether the target is met (undefined when there is no target) */
  ok?: boolean;
  note?: string;
}

export interface BenchContext {
  /** DynamoDB Local endpoint of this run */
  endpoint: string;
  /** the city table: `plan.employees.length` employees seeded */
  db: Db;
  plan: SeedPlan;
  demo: DemoUsers;
  /** the local gateway over `db` */
  gatewayUrl: string;
  /** a valid token for an employee of the city table */
  token(nip: string): Promise<string>;
  /** an empty table on the same DynamoDB Local (points this process's handlers at it) */
  freshTable(): Promise<Db>;
  /** points this process's handlers back at the city table */
  useCityTable(): void;
  /** progress for the person watching */
  log(line: string): void;
  /** BENCH_QUICK=1: smaller sizes, for a smoke run */
  quick: boolean;
}

export const percentile = (sorted: number[], p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
};

export interface Latency {
  p50: number;
  p99: number;
  max: number;
  count: number;
  errors: number;
}

/** Runs `fn` `iterations` times with `concurrency` in flight (after `warmup` untimed runs). */
export const measure = async (
  fn: (i: number) => Promise<unknown>,
  options: { iterations: number; concurrency?: number; warmup?: number },
): Promise<Latency> => {
  for (let i = 0; i < (options.warmup ?? 20); i++) await fn(i);
  const times: number[] = [];
  let errors = 0;
  let next = 0;
  const worker = async () => {
    while (next < options.iterations) {
      const i = next++;
      const t = performance.now();
      try {
        await fn(i);
      } catch {
        errors++;
      }
      times.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 1 }, worker));
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    max: times.at(-1) ?? 0,
    count: times.length,
    errors,
  };
};

/**
 * Measures two ways of doing the same work in alternating blocks, so that both see the same
 * machine (JIT warm-up, GC, other processes) — the fair way to put a figure next to its baseline.
 */
export const measurePair = async (
  ours: (i: number) => Promise<unknown>,
  bare: (i: number) => Promise<unknown>,
  options: { iterations: number; block?: number; warmup?: number },
): Promise<{ ours: Latency; bare: Latency }> => {
  const block = options.block ?? 50;
  for (let i = 0; i < (options.warmup ?? 200); i++) {
    await ours(i);
    await bare(i);
  }
  const times = { ours: [] as number[], bare: [] as number[] };
  const errors = { ours: 0, bare: 0 };
  for (let done = 0; done < options.iterations; done += block) {
    for (const [name, fn] of [
      ['ours', ours],
      ['bare', bare],
    ] as const) {
      for (let i = done; i < Math.min(done + block, options.iterations); i++) {
        const t = performance.now();
        try {
          await fn(i);
        } catch {
          errors[name]++;
        }
        times[name].push(performance.now() - t);
      }
    }
  }
  const summary = (list: number[], errs: number): Latency => {
    list.sort((a, b) => a - b);
    return {
      p50: percentile(list, 50),
      p99: percentile(list, 99),
      max: list.at(-1) ?? 0,
      count: list.length,
      errors: errs,
    };
  };
  return { ours: summary(times.ours, errors.ours), bare: summary(times.bare, errors.bare) };
};

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Peak resident memory of this process so far, in MB (Linux: VmHWM). */
export const peakRssMb = async (): Promise<number> => {
  try {
    const { readFile } = await import('node:fs/promises');
    const status = await readFile('/proc/self/status', 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    if (kb) return round(kb / 1024, 1);
  } catch {
    // not Linux
  }
  return round(process.memoryUsage().rss / 1024 / 1024, 1);
};
