/**
 * Sinergi on AWS: one table, one HTTP API, one Lambda per area and per scheduled job, a Cognito
 * user pool whose groups are the roles, and the alarms. Routes, functions, grants and schedules
 * are all built by looping over functions/catalog.ts; nothing here names a route or a job.
 */
import { basename } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  type HttpRoute,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, type Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, type CfnTable, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { Architecture, type IDestination, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct, IConstruct } from 'constructs';
import { routes } from '../functions/catalog.js';
import { ROLES } from '../shared/platform/roles.js';
import type { AreaFunction, RouteDef } from '../shared/platform/route.js';
import { tableDefinition } from '../shared/platform/table.js';
import {
  allJobs,
  areaEntries,
  bundlingFor,
  jobEntries,
  LOCK_FILE,
  lambdaBundling,
  PROJECT_ROOT,
  preTokenEntry,
} from './bundling.js';
import { CORS } from './cors.js';

export interface SinergiStackProps extends StackProps {
  /** Deployment stage, passed to the functions as STAGE. */
  stage: string;
  /** Origins of the web clients (CORS). Tokens travel in the Authorization header, never cookies. @default ['*'] */
  allowedOrigins?: string[];
  /** LOG_LEVEL of every function. @default 'INFO' */
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}

/** Stage-wide throttle, and the tighter one on routes anyone may write to without a token. */
/**
 * Table access by the catalog's `access`. No Scan for anyone: lists are Queries and jobs read
 * what is due through an index (grantReadData would include Scan).
 */
export const READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
] as const;
export const READ_WRITE_ACTIONS = [
  ...READ_ACTIONS,
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

/** Headers browsers may send cross-origin (web and mobile clients): infra/cors.ts. */
export const CORS_HEADERS = [...CORS.allowHeaders];

export const API_THROTTLE = { burstLimit: 200, rateLimit: 100 } as const;
export const PUBLIC_WRITE_THROTTLE = { burstLimit: 20, rateLimit: 10 } as const;

const AREA_MEMORY_MB = 512;
const AREA_TIMEOUT = Duration.seconds(10);
const JOB_MEMORY_MB = 1024;
/** Cognito waits at most 5 s for a trigger. */
const TRIGGER_TIMEOUT = Duration.seconds(5);

/** The API Gateway route key of a catalog route, e.g. `GET /v1/employees/{nip}`. */
export const routeKey = (r: Pick<RouteDef, 'method' | 'path'>): string => `${r.method} ${r.path}`;
export const isPublicWrite = (r: RouteDef): boolean => r.auth === 'public' && r.method !== 'GET';

/** An area gets read-only table access when every one of its routes is read-only. */
export const areaAccess = (fn: AreaFunction): 'read' | 'write' =>
  (Object.values(routes) as RouteDef[]).some((r) => r.fn === fn && r.access === 'write') ? 'write' : 'read';

/**
 * Acknowledge a cdk-nag AwsSolutions finding on `scope` (and below), with the reason. The
 * plugin-qualified id lets cdk-nag report the finding and CDK record it, reason included, among the
 * suppressed violations of cdk.out/validation-report.json.
 */
export const acknowledgeNag = (scope: IConstruct, rule: string, reason: string): void =>
  Validations.of(scope).acknowledge({ id: `AwsSolutions::AwsSolutions-${rule}`, reason });

/** House defaults of every function: the one place that says how a Sinergi Lambda is built. */
const houseDefaults = {
  runtime: Runtime.NODEJS_24_X,
  architecture: Architecture.ARM_64,
  handler: 'handler',
  bundling: lambdaBundling,
  projectRoot: PROJECT_ROOT,
  depsLockFilePath: LOCK_FILE,
  tracing: Tracing.ACTIVE,
} satisfies Partial<NodejsFunctionProps>;

interface SinergiFunctionProps {
  entry: string;
  description: string;
  memorySize: number;
  timeout: Duration;
  environment: Record<string, string>;
  /** where asynchronous invocations (schedules) go once Lambda's retries are spent */
  onFailure?: IDestination;
}

/** The one function factory: NodejsFunction with the house defaults and its own log group. */
const sinergiFunction = (scope: Construct, id: string, props: SinergiFunctionProps): NodejsFunction => {
  const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH });
  const fn = new NodejsFunction(scope, id, {
    ...houseDefaults,
    ...props,
    bundling: bundlingFor(basename(props.entry, '.ts')),
    // the bundles ship source maps (lambdaBundling): let stack traces use them
    environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
    logGroup,
  });
  // Every Lambda role gets the same two wildcard findings: acknowledged per function, with the reason.
  acknowledgeNag(
    fn,
    'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    'AWSLambdaBasicExecutionRole only allows creating log streams and writing events to CloudWatch Logs; the function logs to its own log group with one-month retention.',
  );
  acknowledgeNag(
    fn,
    'IAM5[Resource::*]',
    'Active X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions.',
  );
  return fn;
};

const pascal = (name: string): string =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join('');

export class SinergiStack extends Stack {
  readonly table: Table;
  readonly api: HttpApi;
  readonly stageResource: HttpStage;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly areaFunctions = new Map<AreaFunction, NodejsFunction>();
  readonly jobFunctions = new Map<string, NodejsFunction>();
  readonly preTokenFunction: NodejsFunction;

  constructor(scope: Construct, id: string, props: SinergiStackProps) {
    super(scope, id, props);

    // ── the table, from the same definition the local runtime uses ─────────────────
    const table = new Table(this, 'Table', {
      partitionKey: { name: tableDefinition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDefinition.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of tableDefinition.indexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
    this.table = table;

    const environment = {
      TABLE_NAME: table.tableName,
      STAGE: props.stage,
      LOG_LEVEL: props.logLevel ?? 'INFO',
    };

    // ── sign-in: the user pool, its groups (the roles) and the pre-token trigger ──────
    const preToken = sinergiFunction(this, 'PreToken', {
      entry: preTokenEntry.entry,
      description: 'Cognito pre-token generation: nip, agencyId and roles from the employee record',
      memorySize: AREA_MEMORY_MB,
      timeout: TRIGGER_TIMEOUT,
      environment,
    });
    // GetItem on the table itself only (Table.grant would add its /index/* ARNs, useless for GetItem).
    preToken.addToRolePolicy(
      new PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.tableArn] }),
    );
    this.preTokenFunction = preToken;

    const userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      signInCaseSensitive: false,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lambdaTriggers: { preTokenGeneration: preToken },
    });
    acknowledgeNag(
      userPool,
      'COG2',
      'MFA is optional (TOTP only, no SMS cost) so that ~15,000 ASN can be onboarded by HR without an authenticator app; users can enrol TOTP themselves.',
    );
    acknowledgeNag(
      userPool,
      'COG8',
      'Threat protection (formerly advanced security) needs the Plus feature plan, billed per monthly active user on top of Essentials: not available without extra cost.',
    );
    this.userPool = userPool;

    const userPoolClient = userPool.addClient('AppClient', {
      authFlows: { userSrp: true },
      generateSecret: false,
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    this.userPoolClient = userPoolClient;

    for (const role of ROLES) {
      new CfnUserPoolGroup(this, `Group${pascal(role)}`, {
        userPoolId: userPool.userPoolId,
        groupName: role,
        description: `Sinergi role ${role}`,
      });
    }

    // ── the HTTP API: one route per catalog route, JWT on every non-public one ────────
    const api = new HttpApi(this, 'Api', {
      description: `Sinergi HTTP API (${props.stage})`,
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: props.allowedOrigins ?? [...CORS.allowOrigins],
        allowHeaders: CORS_HEADERS,
        allowMethods: [CorsHttpMethod.ANY],
        maxAge: Duration.seconds(CORS.maxAgeSeconds),
      },
    });
    this.api = api;

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.ONE_MONTH });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: api,
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // ids and status only: no claims, no bodies (complaints carry citizens' personal data)
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });
    this.stageResource = stage;

    const authorizer = new HttpJwtAuthorizer(
      'CognitoAuthorizer',
      `https://cognito-idp.${this.region}.amazonaws.com/${userPool.userPoolId}`,
      { jwtAudience: [userPoolClient.userPoolClientId] },
    );

    const integrations = new Map<AreaFunction, HttpLambdaIntegration>();
    for (const { name, entry } of areaEntries()) {
      const fn = name as AreaFunction;
      const handler = sinergiFunction(this, `Area${pascal(fn)}`, {
        entry,
        description: `Sinergi ${fn} routes`,
        memorySize: AREA_MEMORY_MB,
        timeout: AREA_TIMEOUT,
        environment,
      });
      table.grant(handler, ...(areaAccess(fn) === 'read' ? READ_ACTIONS : READ_WRITE_ACTIONS));
      this.areaFunctions.set(fn, handler);
      // One permission for the whole API instead of one per route keeps the resource policy small.
      integrations.set(
        fn,
        new HttpLambdaIntegration(`${pascal(fn)}Integration`, handler, { scopePermissionToRoute: false }),
      );
    }

    const publicWrites: [RouteDef, HttpRoute][] = [];
    for (const [id, r] of Object.entries(routes) as [string, RouteDef][]) {
      const integration = integrations.get(r.fn);
      if (!integration) throw new Error(`route ${id}: no function for area ${r.fn}`);
      const isPublic = r.auth === 'public';
      const [route] = api.addRoutes({
        path: r.path,
        methods: [HttpMethod[r.method]],
        integration,
        authorizer: isPublic ? undefined : authorizer,
      });
      if (!route) throw new Error(`route ${id}: not created`);
      if (isPublic) {
        acknowledgeNag(
          route,
          'APIG4',
          `${routeKey(r)} is public by design (functions/catalog.ts, route ${id}, auth 'public'); it is throttled by the stage.`,
        );
      }
      if (isPublicWrite(r)) publicWrites.push([r, route]);
    }
    // Public writes (citizens' complaints without an account) get a tighter per-route throttle.
    if (publicWrites.length > 0) {
      const cfnStage = stage.node.defaultChild as CfnStage;
      // RouteSettings is untyped JSON in the L1: CloudFormation's PascalCase keys are written as is.
      cfnStage.routeSettings = Object.fromEntries(
        publicWrites.map(([r]) => [
          routeKey(r),
          {
            ThrottlingBurstLimit: PUBLIC_WRITE_THROTTLE.burstLimit,
            ThrottlingRateLimit: PUBLIC_WRITE_THROTTLE.rateLimit,
          },
        ]),
      );
      // Route settings name route keys: the routes must exist before the stage refers to them.
      for (const [, route] of publicWrites) stage.node.addDependency(route);
    }

    // ── scheduled jobs: one function, one rule and one dead-letter queue per job ─────
    const dlqs: Queue[] = [];
    const jobDefs = new Map(allJobs());
    for (const { name, entry } of jobEntries()) {
      const job = jobDefs.get(name);
      if (!job) throw new Error(`job ${name}: not in the catalog`);
      const id = `Job${pascal(name)}`;
      const dlq = new Queue(this, `${id}Dlq`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      acknowledgeNag(
        dlq,
        'SQS3',
        `This queue is itself the dead-letter queue of job ${name} (its EventBridge target and its Lambda asynchronous failures).`,
      );
      dlqs.push(dlq);
      const handler = sinergiFunction(this, id, {
        entry,
        description: job.description.slice(0, 256),
        memorySize: JOB_MEMORY_MB,
        timeout: Duration.seconds(job.timeoutSeconds),
        environment,
        onFailure: new SqsDestination(dlq),
      });
      table.grant(handler, ...(job.access === 'read' ? READ_ACTIONS : READ_WRITE_ACTIONS));
      this.jobFunctions.set(name, handler);
      new Rule(this, `${id}Schedule`, {
        description: `${name}: ${job.description}`.slice(0, 512),
        schedule: Schedule.expression(job.schedule),
        targets: [new LambdaFunction(handler, { deadLetterQueue: dlq, retryAttempts: 2 })],
      });
    }

    // The table's index ARNs end in /index/*: one finding per function granted table access.
    for (const fn of [...this.areaFunctions.values(), ...this.jobFunctions.values()]) {
      acknowledgeNag(
        fn,
        `IAM5[Resource::<${this.getLogicalId(table.node.defaultChild as CfnTable)}.Arn>/index/*]`,
        'Access patterns query the single table through its GSIs (gsi1..gsi5); the grant covers only the indexes of this table.',
      );
    }

    // ── alarms ─────────────────────────────────────────────────────────────────────
    // Every alarm notifies one topic; operators subscribe their e-mail or chat to it after deploy.
    const alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: `Sinergi alarms (${props.stage})`,
      enforceSSL: true,
      masterKey: Alias.fromAliasName(this, 'SnsAwsKey', 'alias/aws/sns'),
    });
    const alarm = (id: string, metric: Metric, threshold: number, description: string): Alarm => {
      const created = new Alarm(this, id, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(new SnsAction(alarmTopic));
      return created;
    };
    const fiveMinutes = Duration.minutes(5);
    alarm(
      'Api5xxAlarm',
      api.metricServerError({ period: fiveMinutes, statistic: 'Sum' }),
      5,
      'The HTTP API answered 5 or more 5xx in 5 minutes',
    );
    const allFunctions: [string, NodejsFunction][] = [
      ['PreToken', preToken],
      ...[...this.areaFunctions].map(([fn, f]): [string, NodejsFunction] => [`Area${pascal(fn)}`, f]),
      ...[...this.jobFunctions].map(([job, f]): [string, NodejsFunction] => [`Job${pascal(job)}`, f]),
    ];
    for (const [id, fn] of allFunctions) {
      alarm(
        `${id}ThrottlesAlarm`,
        fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
        1,
        `${id} was throttled`,
      );
    }
    for (const [job, fn] of this.jobFunctions) {
      alarm(
        `Job${pascal(job)}ErrorsAlarm`,
        fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
        1,
        `Job ${job} failed`,
      );
    }
    for (const dlq of dlqs) {
      alarm(
        `${dlq.node.id}Alarm`,
        dlq.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }),
        1,
        `A scheduled event of ${dlq.node.id.replace(/Dlq$/, '')} is waiting in its dead-letter queue`,
      );
    }

    new CfnOutput(this, 'ApiUrl', { value: stage.url });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: userPoolClient.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarmTopic.topicArn });
  }
}
