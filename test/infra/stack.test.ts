/**
 * The stack, synthesised once exactly as infra/app.ts builds it (cdk-nag included, bundling skipped),
 * checked against the catalog, the table definition and the roles: every expectation is derived from
 * them, so the test keeps holding (and keeps checking) as routes and jobs are added.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs, routes } from '../../functions/catalog.js';
import { AREA_WRITES, JOB_WRITES, mayWrite } from '../../functions/writes.js';
import { buildApp } from '../../infra/app.js';
import { API_PATHS, PUBLIC_RATE_LIMIT, SPA_FALLBACK_CODE } from '../../infra/edge.js';
import { PRE_TOKEN_RESERVED_CONCURRENCY, type SinergiStack } from '../../infra/stack.js';
import * as complaintsStore from '../../shared/complaints/store.js';
import * as tppStore from '../../shared/incentives/store.js';
import { ROLES } from '../../shared/platform/roles.js';
import type { AreaFunction, JobDef, RouteDef } from '../../shared/platform/route.js';
import { tableDefinition } from '../../shared/platform/table.js';

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };

const STAGE = 'test';
const catalogRoutes = Object.entries(routes) as [string, RouteDef][];
const catalogJobs = Object.entries(jobs as Record<string, JobDef>);
const keyOf = (r: RouteDef): string => `${r.method} ${r.path}`;
const areasWithRoutes = [...new Set(catalogRoutes.map(([, r]) => r.fn))];
const readOnlyAreas = areasWithRoutes.filter((fn) =>
  catalogRoutes.every(([, r]) => r.fn !== fn || r.access === 'read'),
);
const writeAreas = areasWithRoutes.filter((fn) => !readOnlyAreas.includes(fn));
const publicWrites = catalogRoutes.filter(([, r]) => r.auth === 'public' && r.method !== 'GET');
const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

let outdir: string;
let webDist: string;
let stack: SinergiStack;
let synthError: unknown;
let template: Template;
let resources: Record<string, Resource>;
let wafTemplate: Template;
let prod: { stack: SinergiStack; resources: Record<string, Resource>; terminationProtection?: boolean };

const readTemplate = (dir: string, name: string) =>
  JSON.parse(readFileSync(join(dir, `${name}.template.json`), 'utf8')) as {
    Resources: Record<string, Resource>;
  };

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'sinergi-cdk-'));
  // a web build as Vite leaves it: the deployment is synthesised only when the folder exists
  webDist = mkdtempSync(join(tmpdir(), 'sinergi-web-'));
  mkdirSync(join(webDist, 'assets'));
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Sinergi</title>');
  writeFileSync(join(webDist, 'assets', 'index-abc123.js'), 'console.log(1)');
  const built = buildApp({
    outdir,
    stage: STAGE,
    webDist,
    context: { 'aws:cdk:bundling-stacks': [], allowedOrigins: 'https://mobile.example.go.id' },
  });
  stack = built.stack;
  try {
    built.app.synth();
  } catch (error) {
    synthError = error; // reported by the cdk-nag test; the template is written before validation runs
  }
  const json = readTemplate(outdir, stack.stackName);
  template = Template.fromJSON(json);
  resources = json.Resources;
  wafTemplate = Template.fromJSON(readTemplate(outdir, `Sinergi-${STAGE}-waf`));

  const prodOut = join(outdir, 'prod');
  // prod without a web build (a folder that does not exist: web/dist itself may be built by now)
  const prodApp = buildApp({
    outdir: prodOut,
    stage: 'prod',
    webDist: join(outdir, 'no-web-build'),
    context: { 'aws:cdk:bundling-stacks': [] },
  });
  prodApp.app.synth({ validateOnSynthesis: false });
  prod = {
    stack: prodApp.stack,
    resources: readTemplate(prodOut, prodApp.stack.stackName).Resources,
    terminationProtection: prodApp.stack.terminationProtection,
  };
}, 240_000);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
  if (webDist) rmSync(webDist, { recursive: true, force: true });
});

const logicalId = (construct: { node: { defaultChild?: unknown } }): string =>
  stack.getLogicalId(construct.node.defaultChild as CfnElement);
const ofType = (type: string): [string, Resource][] =>
  Object.entries(resources).filter(([, r]) => r.Type === type);
const getAtt = (id: string, attr = 'Arn') => ({ 'Fn::GetAtt': [id, attr] });

const areaFunctionId = (fn: AreaFunction): string => {
  const f = stack.areaFunctions.get(fn);
  if (!f) throw new Error(`no function for area ${fn}`);
  return logicalId(f);
};
const jobFunctionId = (name: string): string => {
  const f = stack.jobFunctions.get(name);
  if (!f) throw new Error(`no function for job ${name}`);
  return logicalId(f);
};
const allFunctionIds = (): string[] => [
  logicalId(stack.preTokenFunction),
  logicalId(stack.userSyncFunction),
  ...areasWithRoutes.map(areaFunctionId),
  ...catalogJobs.map(([name]) => jobFunctionId(name)),
];
const tableFunctionIds = (): string[] => allFunctionIds().filter((id) => id !== areaFunctionId('docs'));

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };
/** Every statement of the policies attached to the function's role. */
const statementsOf = (functionId: string, from = resources): Statement[] => {
  const role = from[functionId]?.Properties.Role as { 'Fn::GetAtt': [string, string] } | undefined;
  const roleId = role?.['Fn::GetAtt'][0];
  expect(roleId, functionId).toBeDefined();
  return Object.values(from)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
};
const actionList = (st: Statement): string[] => (Array.isArray(st.Action) ? st.Action : [st.Action]);
/** The LeadingKeys patterns of the function's write statements (a write without a condition fails). */
const writePatternsOf = (functionId: string): string[] =>
  statementsOf(functionId)
    .filter((st) => actionList(st).some((a) => WRITE_ACTIONS.includes(a)))
    .flatMap((st) => {
      const patterns = (st.Condition as Record<string, Record<string, string[]>> | undefined)?.[
        'ForAllValues:StringLike'
      ]?.['dynamodb:LeadingKeys'];
      expect(patterns, `${functionId}: a write without LeadingKeys`).toBeDefined();
      return patterns ?? [];
    });
/** The environment variables of a function resource. */
const envOf = (id: string, from = resources): Record<string, unknown> =>
  (from[id]?.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
/** How IAM's StringLike reads `PREFIX*`. */
const matches = (patterns: string[], pk: string): boolean =>
  patterns.some((p) => (p.endsWith('*') ? pk.startsWith(p.slice(0, -1)) : pk === p));

/** Every action the function's role may perform, from the policies attached to that role. */
const actionsOf = (functionId: string): string[] => statementsOf(functionId).flatMap(actionList);

describe('cdk-nag (AwsSolutions)', () => {
  it('synthesises with no unacknowledged error, and every acknowledgement carries a reason', () => {
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: {
        pluginName: string;
        violations: { ruleName: string; severity: string }[];
        suppressedViolations?: { ruleName: string; reason: string }[];
      }[];
    };
    const nag = report.pluginReports.filter((p) => p.pluginName === 'AwsSolutions');
    const errors = nag.flatMap((p) => p.violations).filter((v) => v.severity === 'error');
    expect(errors).toEqual([]);
    expect(synthError).toBeUndefined();
    const suppressed = nag.flatMap((p) => p.suppressedViolations ?? []);
    expect(suppressed.length).toBeGreaterThan(0);
    for (const s of suppressed) expect(s.reason.length, s.ruleName).toBeGreaterThan(20);
  });
});

describe('table', () => {
  it('has the keys and every GSI of tableDefinition, on demand, with PITR and deletion protection, retained', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    const attributes = [
      tableDefinition.partitionKey,
      tableDefinition.sortKey,
      ...tableDefinition.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
    ];
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        KeySchema: [
          { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
        ],
        AttributeDefinitions: Match.arrayWith(
          attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        ),
        GlobalSecondaryIndexes: tableDefinition.indexes.map((i) => ({
          IndexName: i.name,
          KeySchema: [
            { AttributeName: i.partitionKey, KeyType: 'HASH' },
            { AttributeName: i.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      },
    });
  });
});

describe('HTTP API', () => {
  it('answers CORS preflights for the headers clients send (origins from configuration)', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowHeaders: Match.arrayWith(['authorization', 'idempotency-key']),
      }),
    });
  });

  it('has exactly one route per catalog route, JWT-authorised unless public', () => {
    const deployed = new Map(
      ofType('AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties.RouteKey as string, r.Properties]),
    );
    expect([...deployed.keys()].sort()).toEqual(catalogRoutes.map(([, r]) => keyOf(r)).sort());
    const [[authorizerId]] = ofType('AWS::ApiGatewayV2::Authorizer');
    for (const [id, r] of catalogRoutes) {
      const props = deployed.get(keyOf(r));
      if (r.auth === 'public') {
        expect(props, id).toMatchObject({ AuthorizationType: 'NONE' });
        expect(props?.AuthorizerId, id).toBeUndefined();
      } else {
        expect(props, id).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
      }
    }
  });

  it("sends every route to its area's function", () => {
    const integrations = new Map(ofType('AWS::ApiGatewayV2::Integration'));
    for (const [id, r] of catalogRoutes) {
      const route = ofType('AWS::ApiGatewayV2::Route').find(([, x]) => x.Properties.RouteKey === keyOf(r));
      const target = route?.[1].Properties.Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
      const integration = integrations.get(target['Fn::Join'][1][1].Ref);
      expect(integration?.Properties, id).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: getAtt(areaFunctionId(r.fn)),
      });
    }
  });

  it('authorises with Cognito: the user pool as issuer, the app client as audience', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalId(stack.userPoolClient) }],
        Issuer: {
          'Fn::Join': [
            '',
            [`https://cognito-idp.${stack.region}.amazonaws.com/`, { Ref: logicalId(stack.userPool) }],
          ],
        },
      },
    });
  });

  it('throttles the stage, tighter on public write routes, and logs access', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    const [[, stageResource]] = ofType('AWS::ApiGatewayV2::Stage');
    const props = stageResource.Properties;
    expect(props).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } },
    });
    expect((props.AccessLogSettings as { Format: string }).Format).toContain('$context.requestId');
    if (publicWrites.length === 0) {
      expect(props.RouteSettings).toBeUndefined();
      return;
    }
    const routeIds = new Map(
      ofType('AWS::ApiGatewayV2::Route').map(([id, r]) => [r.Properties.RouteKey as string, id]),
    );
    const settings = props.RouteSettings as Record<
      string,
      { ThrottlingBurstLimit: number; ThrottlingRateLimit: number }
    >;
    expect(Object.keys(settings).sort()).toEqual(publicWrites.map(([, r]) => keyOf(r)).sort());
    for (const [id, r] of publicWrites) {
      expect(settings[keyOf(r)], id).toEqual({ ThrottlingBurstLimit: 20, ThrottlingRateLimit: 10 });
      expect(stageResource.DependsOn, id).toContain(routeIds.get(keyOf(r)));
    }
  });
});

describe('functions', () => {
  it('one per area with routes, one per job, the pre-token trigger and the user sync: Node.js 24 on arm64, traced', () => {
    for (const id of allFunctionIds()) {
      expect(resources[id]?.Properties, id).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        Environment: { Variables: { STAGE, LOG_LEVEL: 'INFO', NODE_OPTIONS: '--enable-source-maps' } },
      });
    }
    expect(new Set(allFunctionIds()).size).toBe(areasWithRoutes.length + catalogJobs.length + 2);
    for (const id of tableFunctionIds().filter((x) => x !== logicalId(stack.userSyncFunction))) {
      expect(resources[id]?.Properties, id).toMatchObject({
        Environment: { Variables: { TABLE_NAME: { Ref: logicalId(stack.table) } } },
      });
    }
  });

  it('areas get 512 MB and 10 s, jobs 1024 MB and their own timeout', () => {
    for (const fn of areasWithRoutes) {
      expect(resources[areaFunctionId(fn)]?.Properties, fn).toMatchObject({ MemorySize: 512, Timeout: 10 });
    }
    for (const [name, job] of catalogJobs) {
      expect(resources[jobFunctionId(name)]?.Properties, name).toMatchObject({
        MemorySize: 1024,
        Timeout: job.timeoutSeconds,
      });
    }
  });

  it('each function logs to its own log group kept for one month', () => {
    for (const id of allFunctionIds()) {
      const logging = resources[id]?.Properties.LoggingConfig as { LogGroup: { Ref: string } } | undefined;
      const logGroupId = logging?.LogGroup.Ref ?? '';
      expect(resources[logGroupId]?.Properties, id).toMatchObject({ RetentionInDays: 30 });
    }
  });

  it('read-only areas and read-only jobs cannot write to the table', () => {
    const readOnly = [
      ...readOnlyAreas.filter((fn) => fn !== 'docs').map(areaFunctionId),
      ...catalogJobs.filter(([, j]) => j.access === 'read').map(([name]) => jobFunctionId(name)),
    ];
    for (const id of readOnly) {
      const actions = actionsOf(id);
      expect(actions, id).toContain('dynamodb:Query');
      for (const write of WRITE_ACTIONS) expect(actions, id).not.toContain(write);
    }
  });

  it('every write grant is on the table only and scoped with dynamodb:LeadingKeys to functions/writes.ts', () => {
    const writers: [string, readonly string[]][] = [
      ...writeAreas.map((fn): [string, readonly string[]] => [areaFunctionId(fn), AREA_WRITES[fn]]),
      ...catalogJobs
        .filter(([, j]) => j.access === 'write')
        .map(([name]): [string, readonly string[]] => [
          jobFunctionId(name),
          JOB_WRITES[name as keyof typeof JOB_WRITES],
        ]),
    ];
    for (const [id, prefixes] of writers) {
      expect(actionsOf(id), id).toEqual(expect.arrayContaining(WRITE_ACTIONS));
      expect(writePatternsOf(id).sort(), id).toEqual(prefixes.map((p) => `${p}*`).sort());
      for (const st of statementsOf(id).filter((x) => actionList(x).some((a) => WRITE_ACTIONS.includes(a)))) {
        expect(st.Resource, id).toEqual(getAtt(logicalId(stack.table)));
      }
    }
    // and no function at all writes without the condition
    for (const id of allFunctionIds()) writePatternsOf(id);
  });

  it('the complaints function cannot write a TPP item (nor the Open311 one); it can write complaints', () => {
    const tppLine = tppStore.keys.line('2026-11-AG01', '198507072010032007').pk;
    const tppRun = tppStore.keys.run('2026-11-AG01').pk;
    for (const fn of ['complaints', 'open311'] as const) {
      const patterns = writePatternsOf(areaFunctionId(fn));
      expect(patterns.length, fn).toBeGreaterThan(0);
      expect(matches(patterns, tppLine), fn).toBe(false);
      expect(matches(patterns, tppRun), fn).toBe(false);
      expect(matches(patterns, complaintsStore.keys.complaint('K7M2QX').pk), fn).toBe(true);
    }
    // the same verdict from the declaration the grant is derived from
    expect(mayWrite(AREA_WRITES.complaints, tppLine)).toBe(false);
  });

  it("no function can write another area's items: every write pattern is its own or notifications", () => {
    const own = (id: string, declared: readonly string[]) =>
      expect(
        writePatternsOf(id).every((p) => declared.includes(p.slice(0, -1))),
        id,
      ).toBe(true);
    for (const fn of writeAreas) own(areaFunctionId(fn), AREA_WRITES[fn]);
    const incentives = writePatternsOf(areaFunctionId('incentives'));
    expect(matches(incentives, complaintsStore.keys.complaint('X').pk)).toBe(false);
  });

  it('the docs function has no table access and no table name; its document is built at synth', () => {
    const id = areaFunctionId('docs');
    expect(actionsOf(id).filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
    expect(envOf(id).TABLE_NAME).toBeUndefined();
    expect(stack.openApiBytes).toBeGreaterThan(10_000);
  });

  it('no function may Scan the table', () => {
    for (const id of allFunctionIds()) expect(actionsOf(id), id).not.toContain('dynamodb:Scan');
  });

  it('the pre-token trigger may only GetItem on the table, and has reserved concurrency', () => {
    const id = logicalId(stack.preTokenFunction);
    const dynamo = actionsOf(id).filter((a) => a.startsWith('dynamodb:'));
    expect(dynamo).toEqual(['dynamodb:GetItem']);
    expect(resources[id]?.Properties.ReservedConcurrentExecutions).toBe(PRE_TOKEN_RESERVED_CONCURRENCY);
  });
});

describe('scheduled jobs', () => {
  it('one rule per job on its schedule, retried twice, with an encrypted TLS-only dead-letter queue', () => {
    template.resourceCountIs('AWS::Events::Rule', catalogJobs.length);
    template.resourceCountIs('AWS::SQS::Queue', catalogJobs.length + 1); // + the user sync's
    for (const [name, job] of catalogJobs) {
      const fnId = jobFunctionId(name);
      const rule = ofType('AWS::Events::Rule').find(([, r]) =>
        (r.Properties.Targets as { Arn: unknown }[]).some(
          (t) => JSON.stringify(t.Arn) === JSON.stringify(getAtt(fnId)),
        ),
      );
      expect(rule, name).toBeDefined();
      const props = rule?.[1].Properties as {
        ScheduleExpression: string;
        State: string;
        Targets: { DeadLetterConfig: { Arn: { 'Fn::GetAtt': [string, string] } }; RetryPolicy: unknown }[];
      };
      expect(props.ScheduleExpression, name).toBe(job.schedule);
      expect(props.State, name).toBe('ENABLED');
      const [target] = props.Targets;
      expect(target?.RetryPolicy, name).toEqual({ MaximumRetryAttempts: 2 });
      const queueId = target?.DeadLetterConfig.Arn['Fn::GetAtt'][0] ?? '';
      expect(resources[queueId]?.Properties, name).toMatchObject({ SqsManagedSseEnabled: true });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queueId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
      // failures inside the function (after Lambda's own retries) land in the same queue
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: fnId },
        DestinationConfig: { OnFailure: { Destination: getAtt(queueId) } },
      });
    }
  });
});

describe('sign-in', () => {
  it('a user pool with no self sign-up, sign-in by username, strong passwords, optional TOTP MFA', () => {
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: Match.absent(),
      AliasAttributes: Match.absent(),
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      LambdaConfig: {
        PreTokenGenerationConfig: {
          LambdaArn: getAtt(logicalId(stack.preTokenFunction)),
          LambdaVersion: 'V2_0',
        },
      },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'cognito-idp.amazonaws.com',
      FunctionName: getAtt(logicalId(stack.preTokenFunction)),
    });
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { GenerateSecret: false });
  });

  it('one user pool group per role', () => {
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties);
    expect(groups.map((g) => g.GroupName).sort()).toEqual([...ROLES].sort());
    for (const g of groups) expect(g.UserPoolId).toEqual({ Ref: logicalId(stack.userPool) });
  });
});

describe('alarms', () => {
  const alarms = (): Record<string, unknown>[] =>
    ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
  const common = { EvaluationPeriods: 1, Period: 300, ComparisonOperator: 'GreaterThanOrEqualToThreshold' };
  const topicId = () => logicalId(stack.observability.topic);
  const keyId = () => logicalId(stack.observability.key);

  it('every alarm notifies the alarm topic', () => {
    expect(alarms().length).toBeGreaterThan(0);
    for (const a of alarms()) expect(a.AlarmActions).toEqual([{ Ref: topicId() }]);
  });

  it('the topic is encrypted with a customer-managed key whose policy lets CloudWatch use it', () => {
    template.resourceCountIs('AWS::SNS::Topic', 1);
    expect(resources[topicId()]?.Properties.KmsMasterKeyId).toEqual(getAtt(keyId()));
    const key = resources[keyId()]?.Properties as {
      EnableKeyRotation: boolean;
      KeyPolicy: { Statement: Statement[] & { Principal?: unknown }[] };
    };
    expect(key.EnableKeyRotation).toBe(true);
    expect(key.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      }),
    );
    // not the AWS-managed alias/aws/sns key, which CloudWatch alarms cannot use
    expect(JSON.stringify(resources[topicId()])).not.toContain('alias/aws/sns');
  });

  it('API 5xx: sum of 5 or more in 5 minutes', () => {
    expect(alarms()).toContainEqual(
      expect.objectContaining({
        ...common,
        Namespace: 'AWS/ApiGateway',
        MetricName: '5xx',
        Statistic: 'Sum',
        Threshold: 5,
        Dimensions: [{ Name: 'ApiId', Value: { Ref: logicalId(stack.api) } }],
      }),
    );
  });

  const fnAlarm = (id: string, metric: string) =>
    expect.objectContaining({
      ...common,
      Namespace: 'AWS/Lambda',
      MetricName: metric,
      Statistic: 'Sum',
      Threshold: 1,
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: id } }],
    });

  it('every function throttled; every job failed; the pre-token trigger and the user sync failed; every DLQ', () => {
    for (const id of allFunctionIds()) expect(alarms(), id).toContainEqual(fnAlarm(id, 'Throttles'));
    for (const [name] of catalogJobs)
      expect(alarms(), name).toContainEqual(fnAlarm(jobFunctionId(name), 'Errors'));
    expect(alarms()).toContainEqual(fnAlarm(logicalId(stack.preTokenFunction), 'Errors'));
    expect(alarms()).toContainEqual(fnAlarm(logicalId(stack.userSyncFunction), 'Errors'));
    for (const [queueId] of ofType('AWS::SQS::Queue')) {
      expect(alarms(), queueId).toContainEqual(
        expect.objectContaining({
          ...common,
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Threshold: 1,
          Dimensions: [{ Name: 'QueueName', Value: getAtt(queueId, 'QueueName') }],
        }),
      );
    }
  });

  it('DynamoDB: throttled reads or writes, and system errors, of the table', () => {
    const metricsOf = (a: Record<string, unknown>) =>
      ((a.Metrics ?? []) as { MetricStat?: { Metric: { MetricName: string; Namespace: string } } }[])
        .map((m) => m.MetricStat?.Metric)
        .filter((m) => m?.Namespace === 'AWS/DynamoDB')
        .map((m) => m?.MetricName);
    const names = alarms().map(metricsOf);
    expect(names).toContainEqual(['ReadThrottleEvents', 'WriteThrottleEvents']);
    expect(names.some((n) => n.length > 0 && n.every((m) => m === 'SystemErrors'))).toBe(true);
  });

  it('one dashboard per area (requests, errors, p99) and one for the jobs (outcomes)', () => {
    const dashboards = ofType('AWS::CloudWatch::Dashboard').map(([, d]) => d.Properties);
    expect(dashboards.map((d) => d.DashboardName).sort()).toEqual(
      [...areasWithRoutes.map((a) => `sinergi-${STAGE}-${a}`), `sinergi-${STAGE}-jobs`].sort(),
    );
    const body = JSON.stringify(dashboards);
    for (const word of ['Requests', 'Errors', 'p99', 'dead letters']) expect(body).toContain(word);
  });
});

describe('the edge', () => {
  const distribution = () =>
    ofType('AWS::CloudFront::Distribution')[0]?.[1].Properties.DistributionConfig as {
      WebACLId: unknown;
      DefaultCacheBehavior: Record<string, unknown>;
      CacheBehaviors: { PathPattern: string; [k: string]: unknown }[];
      Origins: {
        Id: string;
        S3OriginConfig?: unknown;
        OriginAccessControlId?: unknown;
        OriginCustomHeaders?: unknown;
      }[];
    };

  it("one distribution, its web ACL the us-east-1 stack's (by a cross-region reference)", () => {
    template.resourceCountIs('AWS::CloudFront::Distribution', 1);
    expect(JSON.stringify(distribution().WebACLId)).toContain('Fn::GetAtt');
    template.resourceCountIs('Custom::CrossRegionExportReader', 1);
    wafTemplate.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT' });
  });

  it('the web ACL: a per-IP rate rule on the public routes, the common and known-bad-inputs rule groups', () => {
    wafTemplate.hasResourceProperties('AWS::WAFv2::WebACL', {
      DefaultAction: { Allow: {} },
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: 'PublicRoutesPerIp',
          Action: { Block: {} },
          Statement: {
            RateBasedStatement: Match.objectLike({
              AggregateKeyType: 'IP',
              Limit: PUBLIC_RATE_LIMIT,
              ScopeDownStatement: {
                OrStatement: {
                  Statements: Match.arrayWith([
                    Match.objectLike({
                      ByteMatchStatement: Match.objectLike({ SearchString: '/v1/public/' }),
                    }),
                    Match.objectLike({ ByteMatchStatement: Match.objectLike({ SearchString: '/open311/' }) }),
                  ]),
                },
              },
            }),
          },
        }),
        Match.objectLike({
          Statement: {
            ManagedRuleGroupStatement: Match.objectLike({
              VendorName: 'AWS',
              Name: 'AWSManagedRulesCommonRuleSet',
            }),
          },
        }),
        Match.objectLike({
          Statement: {
            ManagedRuleGroupStatement: Match.objectLike({
              VendorName: 'AWS',
              Name: 'AWSManagedRulesKnownBadInputsRuleSet',
            }),
          },
        }),
      ]),
    });
  });

  it('the API paths go to the HTTP API uncached, with the origin secret header', () => {
    const d = distribution();
    const apiBehaviours = d.CacheBehaviors.filter((b) =>
      (API_PATHS as readonly string[]).includes(b.PathPattern),
    );
    expect(apiBehaviours.map((b) => b.PathPattern).sort()).toEqual([...API_PATHS].sort());
    const apiOrigin = d.Origins.find((o) => o.Id === apiBehaviours[0]?.TargetOriginId);
    expect(JSON.stringify(apiOrigin?.OriginCustomHeaders)).toContain('x-origin-verify');
    expect(JSON.stringify(apiOrigin?.OriginCustomHeaders)).toContain('resolve:secretsmanager');
    for (const b of apiBehaviours) {
      expect(b.AllowedMethods, b.PathPattern).toHaveLength(7);
      expect(b.CachePolicyId, b.PathPattern).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // CachingDisabled
    }
  });

  it('the web app: private bucket through origin access control, security headers, SPA fallback, long-cached assets', () => {
    const d = distribution();
    const s3 = d.Origins.find((o) => o.S3OriginConfig);
    expect(s3?.OriginAccessControlId).toBeDefined();
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    expect(d.DefaultCacheBehavior.TargetOriginId).toBe(s3?.Id);
    expect(d.DefaultCacheBehavior.ResponseHeadersPolicyId).toBeDefined();
    expect(JSON.stringify(d.DefaultCacheBehavior.FunctionAssociations)).toContain('viewer-request');
    template.hasResourceProperties('AWS::CloudFront::Function', { FunctionCode: SPA_FALLBACK_CODE });
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ Override: true }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentSecurityPolicy: Match.objectLike({ Override: true }),
        }),
      },
    });
    const assets = d.CacheBehaviors.find((b) => b.PathPattern === '/assets/*');
    expect(assets?.TargetOriginId).toBe(s3?.Id);
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({ DefaultTTL: 31_536_000 }),
    });
    // web/dist deployed (here a temp build): assets immutable, the rest never cached
    const deployments = JSON.stringify(ofType('Custom::CDKBucketDeployment'));
    expect(deployments).toContain('max-age=31536000, immutable');
    expect(deployments).toContain('no-cache');
    // without a build, no deployment
    expect(Object.values(prod.resources).some((r) => r.Type === 'Custom::CDKBucketDeployment')).toBe(false);
  });

  it('the SPA fallback rewrites app routes to index.html, never files or the API', () => {
    const handler = new Function(`${SPA_FALLBACK_CODE}; return handler;`)() as (e: {
      request: { uri: string };
    }) => { uri: string };
    const uri = (u: string) => handler({ request: { uri: u } }).uri;
    expect(uri('/')).toBe('/index.html');
    expect(uri('/complaints/K7M2QX')).toBe('/index.html');
    expect(uri('/assets/index-abc.js')).toBe('/assets/index-abc.js');
    expect(uri('/favicon.ico')).toBe('/favicon.ico');
    expect(uri('/v1/me')).toBe('/v1/me');
    expect(uri('/open311/v2/requests')).toBe('/open311/v2/requests');
  });

  it('prod: the area functions require the origin secret; dev (and test) leave the execute-api URL open', () => {
    for (const [fn, f] of prod.stack.areaFunctions) {
      const vars = envOf(prod.stack.getLogicalId(f.node.defaultChild as CfnElement), prod.resources);
      expect(JSON.stringify(vars.ORIGIN_VERIFY_SECRET), fn).toContain('resolve:secretsmanager');
    }
    for (const [, f] of stack.areaFunctions) expect(envOf(logicalId(f)).ORIGIN_VERIFY_SECRET).toBeUndefined();
  });
});

describe('users who can sign in', () => {
  it('employees become users from the table stream: filtered to employee profiles, failures to a queue', () => {
    expect(resources[logicalId(stack.table)]?.Properties.StreamSpecification).toEqual({
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(stack.userSyncFunction) },
      EventSourceArn: getAtt(logicalId(stack.table), 'StreamArn'),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      FilterCriteria: { Filters: [{ Pattern: Match.stringLikeRegexp('EMP#') }] },
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    const cognito = actionsOf(logicalId(stack.userSyncFunction)).filter((a) => a.startsWith('cognito-idp:'));
    expect(cognito.sort()).toEqual(
      [
        'cognito-idp:AdminCreateUser',
        'cognito-idp:AdminDisableUser',
        'cognito-idp:AdminEnableUser',
        'cognito-idp:AdminGetUser',
        'cognito-idp:AdminUpdateUserAttributes',
      ].sort(),
    );
  });

  it('invitations and resets go through SES; access tokens carry the claims (pre-token V2)', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      EmailConfiguration: Match.objectLike({
        EmailSendingAccount: 'DEVELOPER',
        SourceArn: Match.anyValue(),
      }),
      LambdaConfig: {
        PreTokenGenerationConfig: {
          LambdaArn: getAtt(logicalId(stack.preTokenFunction)),
          LambdaVersion: 'V2_0',
        },
      },
      AdminCreateUserConfig: Match.objectLike({
        InviteMessageTemplate: Match.objectLike({ EmailMessage: Match.stringLikeRegexp('\\{username\\}') }),
      }),
    });
  });
});

describe('house-keeping', () => {
  it('every taggable resource carries project, stage and owner', () => {
    let tagged = 0;
    for (const [id, r] of Object.entries(resources)) {
      const tags = r.Properties?.Tags;
      if (!Array.isArray(tags)) continue;
      tagged++;
      const keys = (tags as { Key: string }[]).map((t) => t.Key);
      expect(keys, id).toEqual(expect.arrayContaining(['project', 'stage', 'owner']));
    }
    expect(tagged).toBeGreaterThan(20);
    expect(stack.tags.tagValues()).toMatchObject({ project: 'sinergi', stage: STAGE });
  });

  it('termination protection on prod only; a plain build is dev, prod needs stage=prod', () => {
    expect(prod.terminationProtection).toBe(true);
    expect(stack.terminationProtection).toBe(false);
    expect(prod.stack.stackName).toBe('Sinergi-prod');
    const plain = buildApp({ outdir: join(outdir, 'plain'), context: { 'aws:cdk:bundling-stacks': [] } });
    expect(plain.stage).toBe('dev');
    expect(plain.stack.stackName).toBe('Sinergi-dev');
    expect(plain.wafStack?.region).toBe('us-east-1');
  });

  it('names carry the stage', () => {
    expect(resources[logicalId(stack.table)]?.Properties.TableName).toBe(`sinergi-${STAGE}-data`);
    template.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolName: `sinergi-${STAGE}-users` });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { Name: `sinergi-${STAGE}-api` });
    template.hasResourceProperties('AWS::SNS::Topic', { TopicName: `sinergi-${STAGE}-alarms` });
  });

  it('CORS origins come from configuration (none in prod: the web app is same-origin)', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://mobile.example.go.id'] }),
    });
    const prodApi = Object.values(prod.resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Api');
    expect(prodApi?.Properties.CorsConfiguration).toBeUndefined();
  });

  it('the CDK feature flags are set in cdk.json', () => {
    const cdk = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
      context: Record<string, unknown>;
    };
    const flags = Object.keys(cdk.context).filter((k) => k.startsWith('@aws-cdk'));
    expect(flags.length).toBeGreaterThan(90);
  });
});

describe('outputs', () => {
  it('Url, ApiUrl, UserPoolId, UserPoolClientId, TableName and AlarmTopicArn', () => {
    template.hasOutput('Url', { Value: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
    template.hasOutput('ApiUrl', { Value: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
    template.hasOutput('UserPoolId', { Value: { Ref: logicalId(stack.userPool) } });
    template.hasOutput('UserPoolClientId', { Value: { Ref: logicalId(stack.userPoolClient) } });
    template.hasOutput('TableName', { Value: { Ref: logicalId(stack.table) } });
    template.hasOutput('AlarmTopicArn', { Value: { Ref: logicalId(stack.observability.topic) } });
  });
});
