/**
 * npm run bench — one run, one table: every figure with its bare-DynamoDB baseline where one
 * applies, their ratio and the target. Writes bench/results.json. BENCH_QUICK=1 for a smoke run
 * (smaller city, fewer iterations); BENCH_EMPLOYEES=N to choose the city's size.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { routes } from '../functions/catalog.js';
import { ensureTable, startDynamo } from '../infra/local/dynamodb.js';
import { useLocalDynamo } from '../infra/local/env.js';
import { startGateway } from '../infra/local/gateway.js';
import { mintToken, newKeyPair } from '../infra/local/keys.js';
import { seed } from '../infra/local/seed.js';
import { tokenClaims } from '../shared/employees/claims.js';
import { logger } from '../shared/platform/logger.js';
import type { BenchContext, Figure } from './lib.js';
import { round } from './lib.js';
import { benchBundles, benchLatency } from './platform.js';

const log = (line: string) => process.stdout.write(`${line}\n`);

/** Area benches live in bench/<area>.ts and export bench<Area>(ctx); they join when they exist. */
const AREA_BENCHES: Array<[file: string, exportName: string]> = [
  ['performance.ts', 'benchPerformance'],
  ['incentives.ts', 'benchIncentives'],
  ['complaints.ts', 'benchComplaints'],
  ['city.ts', 'benchCity'],
];

const table = (figures: Figure[]): string => {
  const rows = [['figure', 'value', 'baseline', 'ratio', 'target', 'ok']];
  for (const f of figures) {
    rows.push([
      f.name,
      `${f.value} ${f.unit}`,
      f.baseline === undefined ? '' : `${f.baseline} ${f.unit}`,
      f.ratio === undefined ? '' : String(f.ratio),
      f.target ?? '',
      f.ok === undefined ? '' : f.ok ? 'yes' : 'NO',
    ]);
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(rows[0] ?? []),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
};

const main = async () => {
  // Handlers run in this process: their request logs would only measure the terminal.
  logger.setLogLevel('SILENT');
  const quick = process.env.BENCH_QUICK === '1';
  const employees = Number(process.env.BENCH_EMPLOYEES ?? (quick ? 1500 : 15000));
  const started = performance.now();
  log(`Sinergi bench: ${employees} employees${quick ? ' (quick)' : ''}`);
  const dynamo = await startDynamo({ port: 0, progress: log });
  const stop = async () => dynamo.stop();
  process.on('SIGINT', () => void stop().then(() => process.exit(130)));
  const figures: Figure[] = [];
  try {
    const cityTable = `bench-city-${randomBytes(3).toString('hex')}`;
    await ensureTable(dynamo.endpoint, cityTable);
    const db = useLocalDynamo(dynamo.endpoint, cityTable);
    log(`Seeding the city (${employees} employees)…`);
    const t0 = performance.now();
    let shown = 0;
    const seeded = await seed(db, {
      employees,
      progress: (done, total) => {
        if (done === total || performance.now() - shown > 2000) {
          shown = performance.now();
          log(`  ${done}/${total} items`);
        }
      },
    });
    const seedSeconds = (performance.now() - t0) / 1000;
    figures.push({
      name: `seed ${employees} employees (organisation)`,
      value: round(seedSeconds),
      unit: 's',
      note: `${seeded.items} items`,
    });
    const { planSeed } = await import('../infra/local/seed.js');
    const plan = planSeed(employees, new Date(seeded.demo.seededAt));
    const keys = await newKeyPair();
    const gateway = await startGateway({ routes, verifyKey: keys.publicKey });
    const byNip = new Map(plan.employees.map((e) => [e.nip, e]));
    const ctx: BenchContext = {
      endpoint: dynamo.endpoint,
      db,
      plan,
      demo: seeded.demo,
      gatewayUrl: gateway.url,
      token: async (nip) => {
        const e = byNip.get(nip);
        if (!e) throw new Error(`no employee ${nip}`);
        return mintToken(keys, tokenClaims(e));
      },
      freshTable: async () => {
        const name = `bench-${randomBytes(4).toString('hex')}`;
        await ensureTable(dynamo.endpoint, name);
        return useLocalDynamo(dynamo.endpoint, name);
      },
      useCityTable: () => {
        useLocalDynamo(dynamo.endpoint, cityTable);
      },
      log,
      quick,
    };
    try {
      log('Platform: latency through the local gateway vs bare DynamoDB…');
      figures.push(...(await benchLatency(ctx)));
      for (const [file, exportName] of AREA_BENCHES) {
        if (!existsSync(join(import.meta.dirname, file))) continue;
        const mod = (await import(`./${file}`)) as Record<string, (c: BenchContext) => Promise<Figure[]>>;
        const fn = mod[exportName];
        if (!fn) continue;
        log(`${exportName}…`);
        ctx.useCityTable();
        figures.push(...(await fn(ctx)));
      }
      log('Bundles: size and load time in a fresh Node.js process…');
      figures.push(...(await benchBundles(ctx)));
    } finally {
      await gateway.close();
    }
  } finally {
    await stop();
  }
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
  const results = { ranAt: new Date().toISOString(), machine, employees, quick, figures };
  writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  log('');
  log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node.js ${machine.node}`);
  log(table(figures));
  const missed = figures.filter((f) => f.ok === false);
  log('');
  log(
    `Bench done in ${round((performance.now() - started) / 1000, 1)} s: ${figures.length} figures, ${figures.filter((f) => f.ok).length} targets met, ${missed.length} missed${missed.length ? ` (${missed.map((f) => f.name).join('; ')})` : ''}; results in bench/results.json.`,
  );
};

main().catch((e) => {
  process.stderr.write(`bench failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
