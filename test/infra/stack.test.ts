/**
 * The stack, synthesised once exactly as infra/app.ts builds it (cdk-nag included, bundling skipped),
 * checked against the catalog, the table definition and the roles: every expectation is derived from
 * them, so the test keeps holding (and keeps checking) as routes and jobs are added.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs, routes } from '../../functions/catalog.js';
import { buildApp } from '../../infra/app.js';
import type { SinergiStack } from '../../infra/stack.js';
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
let stack: SinergiStack;
let synthError: unknown;
let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'sinergi-cdk-'));
  const built = buildApp({ outdir, stage: STAGE, context: { 'aws:cdk:bundling-stacks': [] } });
  stack = built.stack;
  try {
    built.app.synth();
  } catch (error) {
    synthError = error; // reported by the cdk-nag test; the template is written before validation runs
  }
  const json = JSON.parse(readFileSync(join(outdir, `${stack.stackName}.template.json`), 'utf8')) as {
    Resources: Record<string, Resource>;
  };
  template = Template.fromJSON(json);
  resources = json.Resources;
});

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
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
  ...areasWithRoutes.map(areaFunctionId),
  ...catalogJobs.map(([name]) => jobFunctionId(name)),
];

/** Every action the function's role may perform, from the policies attached to that role. */
const actionsOf = (functionId: string): string[] => {
  const role = resources[functionId]?.Properties.Role as { 'Fn::GetAtt': [string, string] } | undefined;
  const roleId = role?.['Fn::GetAtt'][0];
  expect(roleId, functionId).toBeDefined();
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap(
      ([, p]) => (p.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement,
    )
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
};

describe('cdk-nag (AwsSolutions)', () => {
  it('synthesises with no unacknowledged error, and every acknowledgement carries a reason', () => {
    expect(synthError).toBeUndefined();
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
  it('answers CORS preflights for the headers clients send', () => {
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
  it('one per area with routes, one per job, and the pre-token trigger: Node.js 24 on arm64, traced', () => {
    template.resourceCountIs('AWS::Lambda::Function', areasWithRoutes.length + catalogJobs.length + 1);
    for (const id of allFunctionIds()) {
      expect(resources[id]?.Properties, id).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        Environment: {
          Variables: {
            TABLE_NAME: { Ref: logicalId(stack.table) },
            STAGE,
            LOG_LEVEL: 'INFO',
            NODE_OPTIONS: '--enable-source-maps',
          },
        },
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
      ...readOnlyAreas.map(areaFunctionId),
      ...catalogJobs.filter(([, j]) => j.access === 'read').map(([name]) => jobFunctionId(name)),
    ];
    for (const id of readOnly) {
      const actions = actionsOf(id);
      expect(actions, id).toContain('dynamodb:Query');
      for (const write of WRITE_ACTIONS) expect(actions, id).not.toContain(write);
    }
  });

  it('areas with a write route, and write jobs, can write', () => {
    const writers = [
      ...writeAreas.map(areaFunctionId),
      ...catalogJobs.filter(([, j]) => j.access === 'write').map(([name]) => jobFunctionId(name)),
    ];
    for (const id of writers) expect(actionsOf(id), id).toEqual(expect.arrayContaining(WRITE_ACTIONS));
  });

  it('no function may Scan the table', () => {
    for (const id of allFunctionIds()) expect(actionsOf(id), id).not.toContain('dynamodb:Scan');
  });

  it('the pre-token trigger may only GetItem on the table', () => {
    const dynamo = actionsOf(logicalId(stack.preTokenFunction)).filter((a) => a.startsWith('dynamodb:'));
    expect(dynamo).toEqual(['dynamodb:GetItem']);
  });
});

describe('scheduled jobs', () => {
  it('one rule per job on its schedule, retried twice, with an encrypted TLS-only dead-letter queue', () => {
    template.resourceCountIs('AWS::Events::Rule', catalogJobs.length);
    template.resourceCountIs('AWS::SQS::Queue', catalogJobs.length);
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
      LambdaConfig: { PreTokenGeneration: getAtt(logicalId(stack.preTokenFunction)) },
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

  it('every alarm notifies the alarm topic (TLS-only, encrypted)', () => {
    const [topicId] = ofType('AWS::SNS::Topic').map(([id]) => id);
    expect(topicId).toBeDefined();
    for (const a of alarms()) expect(a.AlarmActions).toEqual([{ Ref: topicId }]);
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

  it('every function: throttled at least once; every job: failed at least once; every DLQ: a message waiting', () => {
    const fnAlarm = (id: string, metric: string) =>
      expect.objectContaining({
        ...common,
        Namespace: 'AWS/Lambda',
        MetricName: metric,
        Statistic: 'Sum',
        Threshold: 1,
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: id } }],
      });
    for (const id of allFunctionIds()) expect(alarms(), id).toContainEqual(fnAlarm(id, 'Throttles'));
    for (const [name] of catalogJobs)
      expect(alarms(), name).toContainEqual(fnAlarm(jobFunctionId(name), 'Errors'));
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
    template.resourceCountIs('AWS::CloudWatch::Alarm', 1 + allFunctionIds().length + 2 * catalogJobs.length);
  });
});

describe('outputs', () => {
  it('ApiUrl, UserPoolId, UserPoolClientId and TableName', () => {
    template.hasOutput('ApiUrl', { Value: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
    template.hasOutput('UserPoolId', { Value: { Ref: logicalId(stack.userPool) } });
    template.hasOutput('UserPoolClientId', { Value: { Ref: logicalId(stack.userPoolClient) } });
    template.hasOutput('TableName', { Value: { Ref: logicalId(stack.table) } });
  });
});
