/**
 * Issue 2's figures: GET /v1/me and an employee list page through the local gateway next to the
 * bare DynamoDB calls they make, on the same table in the same run; and every function's bundle
 * size and load time in a fresh Node.js process (a proxy for the Lambda cold start).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { build } from 'esbuild';
import { allEntries, esbuildOptionsFor, PROJECT_ROOT } from '../infra/bundling.js';
import { keys } from '../shared/employees/store.js';
import type { BenchContext, Figure } from './lib.js';
import { measurePair, round } from './lib.js';

const get = async (url: string, token: string) => {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  await res.arrayBuffer();
};

export const benchLatency = async (ctx: BenchContext): Promise<Figure[]> => {
  const { db, demo } = ctx;
  const iterations = ctx.quick ? 200 : 1000;
  const figures: Figure[] = [];
  const nip = demo.sectionHead;
  const token = await ctx.token(nip);
  // The calls getMe makes: the profile, then the reviewer and the reviewees' page at once, then the atasan.
  const profile = (await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.employee(nip) }))).Item;
  const reviewer = profile?.reviewerNip as string;
  const { ours: me, bare: bareMe } = await measurePair(
    () => get(`${ctx.gatewayUrl}/v1/me`, token),
    async () => {
      await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.employee(nip) }));
      const [r] = await Promise.all([
        db.doc.send(new GetCommand({ TableName: db.table, Key: keys.employee(reviewer) })),
        db.doc.send(
          new QueryCommand({
            TableName: db.table,
            IndexName: 'gsi3',
            KeyConditionExpression: 'gsi3pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.reviewees(nip) },
            Limit: 100,
          }),
        ),
      ]);
      const up = r.Item?.reviewerNip as string | undefined;
      if (up) await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.employee(up) }));
    },
    { iterations },
  );
  ctx.log(`  GET /v1/me: p50 ${round(me.p50)} ms (bare ${round(bareMe.p50)} ms)`);
  const adminToken = await ctx.token(demo.roles.AGENCY_ADMIN);
  const agencyId = ctx.plan.employees.find((e) => e.nip === demo.roles.AGENCY_ADMIN)?.agencyId ?? 'DPU';
  const { ours: list, bare: bareList } = await measurePair(
    () => get(`${ctx.gatewayUrl}/v1/agencies/${agencyId}/employees?limit=25`, adminToken),
    async () => {
      await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.agency(agencyId) }));
      await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.agencyEmployees(agencyId) },
          Limit: 25,
        }),
      );
    },
    { iterations },
  );
  ctx.log(`  employee list: p50 ${round(list.p50)} ms (bare ${round(bareList.p50)} ms)`);
  const pair = (
    name: string,
    ours: { p50: number; p99: number },
    bare: { p50: number; p99: number },
  ): Figure[] => [
    {
      name: `${name} p50`,
      value: round(ours.p50),
      unit: 'ms',
      baseline: round(bare.p50),
      ratio: round(ours.p50 / bare.p50),
      target: '≤ bare + 2 ms',
      ok: ours.p50 <= bare.p50 + 2,
    },
    {
      name: `${name} p99`,
      value: round(ours.p99),
      unit: 'ms',
      baseline: round(bare.p99),
      ratio: round(ours.p99 / bare.p99),
    },
  ];
  figures.push(
    ...pair('GET /v1/me', me, bareMe),
    ...pair('GET /v1/agencies/{id}/employees (25)', list, bareList),
  );
  return figures;
};

/** Median time to import `modules` in a fresh Node.js process (the SDK resolves from node_modules). */
const medianLoad = (modules: string[], runs: number): number => {
  const imports = modules.map((m) => `await import(${JSON.stringify(m)});`).join(' ');
  const loads: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ms = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const t = performance.now(); ${imports} process.stdout.write(String(performance.now() - t));`,
      ],
      { env: { ...process.env, TABLE_NAME: 'bench', AWS_REGION: 'ap-southeast-3' }, cwd: PROJECT_ROOT },
    ).toString();
    loads.push(Number(ms));
  }
  loads.sort((a, b) => a - b);
  return loads[Math.floor(loads.length / 2)] as number;
};

/** Bundles every function exactly as the stack does, then loads each in a fresh Node.js process. */
export const benchBundles = async (ctx: BenchContext): Promise<Figure[]> => {
  const out = join(PROJECT_ROOT, 'bench', 'out');
  rmSync(out, { recursive: true, force: true });
  const figures: Figure[] = [];
  const sdkLoad = medianLoad(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'], 5);
  for (const { name, entry } of allEntries()) {
    const result = await build(esbuildOptionsFor(entry));
    const code = result.outputFiles?.find((f) => f.path.endsWith('.mjs'));
    if (!code) throw new Error(`no bundle for ${name}`);
    const dir = join(out, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.mjs'), code.contents);
    const kb = round(code.contents.byteLength / 1024, 1);
    const load = medianLoad([join(dir, 'index.mjs')], ctx.quick ? 3 : 5);
    ctx.log(
      `  ${name}: ${kb} KB, loads in ${round(load, 1)} ms (the AWS SDK alone: ${round(sdkLoad, 1)} ms)`,
    );
    figures.push(
      { name: `bundle ${name}`, value: kb, unit: 'KB', target: '< 400 KB', ok: kb < 400 },
      {
        name: `load ${name} (fresh process)`,
        value: round(load, 1),
        unit: 'ms',
        baseline: round(sdkLoad, 1),
        ratio: round(load / sdkLoad),
        target: '< 150 ms',
        ok: load < 150,
        note: 'baseline: importing the DynamoDB SDK alone, which the Lambda runtime provides',
      },
    );
  }
  rmSync(out, { recursive: true, force: true });
  return figures;
};
