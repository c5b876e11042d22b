/**
 * The OpenAPI document as a client team receives it: valid (swagger-parser), clean for Redocly
 * (recommended) and Spectral (spectral:oas) with 0 errors and 0 warnings, every operation typed,
 * the domain's types named, errors and headers declared, the common parameters tight.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/catalog.js';
import { buildOpenApi } from '../../functions/contract.js';
import { ERROR_CODES } from '../../shared/platform/errors.js';
import type { RouteDef } from '../../shared/platform/route.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

// biome-ignore lint/suspicious/noExplicitAny: walking a JSON document
type Json = Record<string, any>;
const doc = buildOpenApi() as Json;
const ops = Object.entries(doc.paths as Json).flatMap(([path, byMethod]) =>
  Object.entries(byMethod as Json).map(([method, op]) => ({ path, method, op: op as Json })),
);
const byId = new Map(ops.map((o) => [o.op.operationId as string, o]));
let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sinergi-openapi-'));
  file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(doc, null, 2));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('linters and validators', () => {
  it('swagger-parser validates it (OpenAPI 3.1, every $ref resolves)', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('Redocly (recommended): 0 errors, 0 warnings', async () => {
    const out = await run(
      bin('redocly'),
      ['lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format', 'json'],
      {
        cwd: ROOT,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    ).catch((e: { stdout: string; stderr: string }) => e);
    const report = JSON.parse(out.stdout) as {
      totals: { errors: number; warnings: number };
      problems: unknown[];
    };
    expect(report.problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 120_000);

  it('Spectral (spectral:oas): 0 errors, 0 warnings', async () => {
    const out = await run(
      bin('spectral'),
      ['lint', file, '--ruleset', join(ROOT, '.spectral.yaml'), '--format', 'json', '--quiet'],
      { cwd: ROOT },
    ).catch((e: { stdout: string; stderr: string }) => e);
    const results = JSON.parse(out.stdout || '[]') as Array<{
      code: string;
      path: string[];
      message: string;
    }>;
    expect(results.map((r) => `${r.code} ${r.path.join('.')}: ${r.message}`)).toEqual([]);
  }, 120_000);
});

describe('what a client can rely on', () => {
  it('has servers, tags with descriptions, contact and licence', () => {
    expect(doc.servers.length).toBeGreaterThan(0);
    expect(doc.info.contact.email).toBeTruthy();
    expect(doc.info.license.name).toBeTruthy();
    const used = new Set(ops.map((o) => o.op.tags[0]));
    expect(doc.tags.map((t: Json) => t.name).sort()).toEqual([...used].sort());
    for (const t of doc.tags) expect(t.description, t.name).not.toBe(t.name);
  });

  it('types every operation: a schema on each success body, no body on a 204', () => {
    expect(ops).toHaveLength(Object.keys(routes).length);
    for (const [id, r] of Object.entries(routes) as [string, RouteDef][]) {
      const { op } = byId.get(id) as { op: Json };
      const status = String(r.status ?? 200);
      const success = op.responses[status];
      if (status === '204') {
        expect(success.content, id).toBeUndefined();
        continue;
      }
      const [type, media] = Object.entries(success.content as Json)[0] as [string, Json];
      expect(media.schema, id).toBeDefined();
      if (type === 'application/json') expect(Object.keys(media.schema), id).not.toEqual([]);
    }
  });

  it('names the domain types in components.schemas, and the operations refer to them', () => {
    const names = Object.keys(doc.components.schemas);
    for (const n of [
      'Assessment',
      'AssessmentPage',
      'Plan',
      'PlanPage',
      'TppRun',
      'TppRunPage',
      'TppLine',
      'TppLinePage',
      'Complaint',
      'ComplaintPage',
      'Training',
      'TrainingPage',
      'Employee',
      'EmployeePage',
      'ApiError',
      'GatewayError',
      'Period',
    ])
      expect(names, n).toContain(n);
    const ok = (id: string) => byId.get(id)?.op.responses['200'].content['application/json'].schema;
    expect(ok('getAssessment')).toEqual({ $ref: '#/components/schemas/Assessment' });
    expect(ok('listTppRuns')).toEqual({ $ref: '#/components/schemas/TppRunPage' });
    expect(ok('getComplaint')).toEqual({ $ref: '#/components/schemas/Complaint' });
  });

  it('declares the errors each operation can answer, with the codes the system uses', () => {
    expect(doc.components.schemas.ApiError.properties.error.properties.code.enum).toEqual([...ERROR_CODES]);
    for (const { op } of ops) {
      const statuses = Object.keys(op.responses);
      expect(statuses, op.operationId).toEqual(expect.arrayContaining(['429', '500']));
      for (const s of statuses.filter((x) => Number(x) >= 400)) {
        const schema = JSON.stringify(op.responses[s].content['application/json'].schema);
        expect(schema, `${op.operationId} ${s}`).toMatch(/ApiError|GatewayError|Open311Error/);
      }
    }
    const review = byId.get('reviewAssessment')?.op.responses as Json;
    expect(Object.keys(review)).toEqual(
      expect.arrayContaining(['400', '401', '403', '404', '409', '413', '415', '422', '429']),
    );
    expect(JSON.stringify(review['401'])).toContain('GatewayError');
  });

  it('declares the request headers and the response headers where they are sent', () => {
    const params = (id: string) =>
      ((byId.get(id)?.op.parameters ?? []) as Json[]).map((p) => p.$ref ?? p.name);
    for (const { op } of ops)
      expect(params(op.operationId)).toContain('#/components/parameters/AcceptLanguage');
    expect(params('submitComplaint')).toContain('#/components/parameters/IdempotencyKey');
    expect(params('open311PostRequest')).toContain('#/components/parameters/IdempotencyKey');
    for (const id of ['trackComplaint', 'addComplaintMessage', 'rateComplaint', 'reopenComplaint'])
      expect(params(id)).toContain('#/components/parameters/ReporterSecret');
    for (const { method, op } of ops.filter((o) => o.method === 'get')) {
      expect(op.responses['200'].headers.ETag, op.operationId).toBeDefined();
      expect(op.responses['304'], op.operationId).toBeDefined();
      expect(params(op.operationId), method).toContain('#/components/parameters/IfNoneMatch');
    }
    expect(byId.get('getMyTpp')?.op.responses['200'].headers.Vary).toBeDefined();
  });

  it('keeps the common types tight: limit, period, dates, money and rates', () => {
    for (const { op } of ops) {
      for (const p of op.parameters as Json[]) {
        if (p.name === 'limit') expect(p.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
        if (p.name === 'period')
          expect(JSON.stringify(p.schema), op.operationId).toMatch(/pattern|Period|Month/);
        if (p.name === 'year') expect(p.schema.type).toBe('integer');
      }
    }
    const s = doc.components.schemas;
    expect(s.Period.pattern).toBeDefined();
    expect(s.Assessment.properties.updatedAt.format).toBe('date-time');
    expect(s.TppLine.properties.net.type).toBe('integer');
    expect(s.TppBreakdown.properties.taxBp).toMatchObject({
      type: 'integer',
      description: expect.any(String),
    });
    expect(s.TppRun.properties.status.enum).toEqual(['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED']);
    expect(s.Complaint.properties.status.enum).toBeDefined();
    expect(s.Assessment.properties.state.enum).toBeDefined();
  });
});
