/**
 * The local runtime as a person runs it (`npm start`): it comes up, answers, and stops without
 * leaving a process behind — on Ctrl-C/SIGTERM and on SIGKILL — and what it acknowledged before
 * being killed is there when it comes up again.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../infra/local/env.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const javaPids = (dynamoPort: number): number[] =>
  execFileSync('ps', ['-eo', 'pid=,stat=,args='])
    .toString()
    .split('\n')
    .filter((l) => l.includes('DynamoDBLocal.jar') && l.includes(`-port ${dynamoPort}`))
    .filter((l) => !/^\s*\d+\s+Z/.test(l)) // a zombie awaiting its reaper is already dead
    .map((l) => Number(l.trim().split(/\s+/)[0]));

/** Waits until `check` holds, or fails after `timeoutMs` saying what it waited for (`what` is read then). */
const waitFor = async (
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string | (() => string),
) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `timed out after ${timeoutMs / 1000} s waiting for ${typeof what === 'string' ? what : what()}`,
  );
};

const dataDir = mkdtempSync(join(tmpdir(), 'sinergi-start-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const start = async (port: number, dynamoPort: number) => {
  const child = spawn(
    process.execPath,
    // as `npm start` runs it: tsx as a loader in this one process. (tsx's CLI would put a relay
    // process in between that SIGKILLs the child when it does not acknowledge a signal within
    // 30 ms, which a busy machine cannot promise: npm start would then die with 143.)
    ['--import', 'tsx', 'infra/local/start.ts', '--employees', '200'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        DYNAMODB_PORT: String(dynamoPort),
        SINERGI_DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  // DynamoDB Local on disk, the table, the seed, the web app's build check, the local OpenID
  // Provider: 10-30 s idle, a few minutes on a busy machine; the limit only catches a hang
  await waitFor(
    () => out.includes('Sinergi is running'),
    300_000,
    () => `npm start to say it is running (output so far: ${out})`,
  );
  return { child, output: () => out };
};

const token = (dynamoPort: number, role: string) =>
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'infra/local/token.ts', '--role', role],
    {
      cwd: ROOT,
      env: { ...process.env, DYNAMODB_PORT: String(dynamoPort), SINERGI_DATA_DIR: dataDir },
    },
  )
    .toString()
    .trim();

describe('npm start', () => {
  it('survives SIGKILL with its acknowledged data, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const dynamoPort = await freePort();
    const first = await start(port, dynamoPort);
    expect(first.output()).toContain(`http://localhost:${port}/docs`);
    const hr = token(dynamoPort, 'HR_ADMIN');
    const me = await fetch(`http://localhost:${port}/v1/me`, { headers: { authorization: `Bearer ${hr}` } });
    expect(me.status).toBe(200);
    const unit = (await me.json()) as { profile: { agencyId: string; unitId: string } };
    const created = await fetch(`http://localhost:${port}/v1/employees`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hr}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        nip: '199512312020121001',
        name: 'Sebelum Dibunuh',
        agencyId: unit.profile.agencyId,
        unitId: unit.profile.unitId,
        positionTitle: 'Pengelola Data',
        positionType: 'PELAKSANA',
        jobClass: 6,
        grade: 'III/a',
        employmentType: 'PNS',
      }),
    });
    expect(created.status).toBe(201);
    expect(javaPids(dynamoPort)).toHaveLength(1);

    first.child.kill('SIGKILL');
    await waitFor(() => javaPids(dynamoPort).length === 0, 60_000, 'DynamoDB Local to stop after SIGKILL');

    const second = await start(port, dynamoPort);
    expect(second.output()).not.toContain('Seeding');
    const again = await fetch(`http://localhost:${port}/v1/employees/199512312020121001`, {
      headers: { authorization: `Bearer ${token(dynamoPort, 'HR_ADMIN')}` },
    });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { name: string }).name).toBe('Sebelum Dibunuh');

    let exitCode: number | null | undefined;
    second.child.once('exit', (code) => {
      exitCode = code;
    });
    second.child.kill('SIGTERM');
    await waitFor(
      () => exitCode !== undefined,
      60_000,
      () => `npm start to exit after SIGTERM (output: ${second.output()})`,
    );
    expect(exitCode).toBe(0);
    expect(second.output()).toContain('Stopped.');
    expect(javaPids(dynamoPort)).toHaveLength(0);
  }, 900_000); // two starts and a seed: about 30 s idle; the limit only catches a hang
});
