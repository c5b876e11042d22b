/**
 * Sinergi on AWS: one table, one HTTP API behind one CloudFront distribution (with the web app and
 * AWS WAF), one Lambda per area and per scheduled job, a Cognito user pool whose groups are the
 * roles and whose users follow the employee records (the table's stream), the alarms and the
 * dashboards. Routes, functions, grants and schedules are all built by looping over
 * functions/catalog.ts and functions/writes.ts; nothing here names a route or a job.
 */
import { basename } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
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
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  UserPool,
  type UserPoolClient,
  UserPoolEmail,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import {
  AttributeType,
  BillingMode,
  type CfnTable,
  ProjectionType,
  StreamViewType,
  Table,
} from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  FilterCriteria,
  FilterRule,
  type IDestination,
  Runtime,
  StartingPosition,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { routes } from '../functions/catalog.js';
import { areaWrites, jobWrites } from '../functions/writes.js';
import { keys as employeeKeys } from '../shared/employees/store.js';
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
  userSyncEntry,
} from './bundling.js';
import { CORS } from './cors.js';
import { Edge } from './edge.js';
import { acknowledgeNag } from './nag.js';
import { Observability } from './observability.js';
import { writeDocsEntry } from './openapi-build.js';

export { acknowledgeNag } from './nag.js';

export interface SinergiStackProps extends StackProps {
  /** Deployment stage, passed to the functions as STAGE; part of every name. */
  stage: string;
  /**
   * Origins of other web clients allowed by CORS (the web app itself is same-origin behind the
   * distribution). Tokens travel in the Authorization header, never cookies. Empty: no CORS.
   */
  allowedOrigins: string[];
  /** LOG_LEVEL of every function. @default 'INFO' */
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** ARN of the CLOUDFRONT-scoped WAF web ACL (us-east-1) in front of the distribution. */
  webAclArn: string;
  /** Serve the API only through the distribution (functions check the origin secret). */
  requireEdge: boolean;
  /** The web app's build output, deployed to the web bucket when it exists at synth time. */
  webDist: string;
  /** The SES-verified identity Cognito sends invitations and password resets from. */
  sesFromEmail: string;
  /** The SES region of that identity. @default the stack's region */
  sesRegion?: string;
}

/** Concurrency kept for the pre-token trigger, whatever else floods the account. */
export const PRE_TOKEN_RESERVED_CONCURRENCY = 25;

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
export const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;
export const READ_WRITE_ACTIONS = [...READ_ACTIONS, ...WRITE_ACTIONS] as const;

/** The IAM condition that limits writes to items whose partition key starts with one of `prefixes`. */
export const leadingKeysCondition = (prefixes: readonly string[]) => ({
  'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes.map((p) => `${p}*`) },
});

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
  reservedConcurrentExecutions?: number;
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

/** Invitation e-mail (Cognito fills in {username}, the NIP, and {####}, the temporary password). */
export const INVITATION = {
  emailSubject: 'Akun Sinergi Anda',
  emailBody:
    'Yth. ASN Pemerintah Kota Semarang,<br><br>akun Sinergi Anda telah dibuat. Nama pengguna: <b>{username}</b> (NIP Anda), kata sandi sementara: <b>{####}</b>. Kata sandi ini berlaku 3 hari; Anda akan diminta menggantinya saat masuk pertama kali.<br><br>Your Sinergi account is ready: user name {username} (your NIP), temporary password {####}, valid for 3 days.',
} as const;

export class SinergiStack extends Stack {
  readonly table: Table;
  readonly api: HttpApi;
  readonly stageResource: HttpStage;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly areaFunctions = new Map<AreaFunction, NodejsFunction>();
  readonly jobFunctions = new Map<string, NodejsFunction>();
  readonly preTokenFunction: NodejsFunction;
  readonly userSyncFunction: NodejsFunction;
  readonly edge: Edge;
  readonly observability: Observability;
  /** size of the OpenAPI document bundled into the docs function */
  readonly openApiBytes: number;

  constructor(scope: Construct, id: string, props: SinergiStackProps) {
    super(scope, id, props);
    const name = (what: string) => `sinergi-${props.stage}-${what}`;

    // ── the table, from the same definition the local runtime uses ─────────────────
    const table = new Table(this, 'Table', {
      tableName: name('data'),
      partitionKey: { name: tableDefinition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDefinition.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      stream: StreamViewType[tableDefinition.stream],
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

    // The CloudFront distribution adds this secret as a header; the functions refuse requests without it.
    const originSecret = new Secret(this, 'OriginSecret', {
      description: `Sinergi (${props.stage}): header value CloudFront adds to requests it forwards to the API`,
      generateSecretString: { excludePunctuation: true, passwordLength: 48 },
    });
    acknowledgeNag(
      originSecret,
      'SMG4',
      'The origin secret only proves a request came through our CloudFront distribution (it is no credential to data); rotating it means redeploying the distribution and the functions together, done with a deploy when needed.',
    );

    const base = { STAGE: props.stage, LOG_LEVEL: props.logLevel ?? 'INFO' };
    const withTable = { ...base, TABLE_NAME: table.tableName };
    const edgeEnv: Record<string, string> = props.requireEdge
      ? { ORIGIN_VERIFY_SECRET: originSecret.secretValue.unsafeUnwrap() }
      : {};

    /** Reads anywhere in the table (no Scan); writes only items under the given key prefixes. */
    const grantTable = (fn: NodejsFunction, writes: readonly string[]) => {
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: [...READ_ACTIONS],
          resources: [table.tableArn, `${table.tableArn}/index/*`],
        }),
      );
      if (writes.length > 0) {
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: [...WRITE_ACTIONS],
            resources: [table.tableArn],
            conditions: leadingKeysCondition(writes),
          }),
        );
      }
      acknowledgeNag(
        fn,
        `IAM5[Resource::<${this.getLogicalId(table.node.defaultChild as CfnTable)}.Arn>/index/*]`,
        'Access patterns query the single table through its GSIs (gsi1..gsi5); the grant covers only the indexes of this table, and only reads.',
      );
    };

    // ── sign-in: the user pool, its groups (the roles) and the pre-token trigger ──────
    const preToken = sinergiFunction(this, 'PreToken', {
      entry: preTokenEntry.entry,
      description: 'Cognito pre-token generation: nip, agencyId and roles from the employee record',
      memorySize: AREA_MEMORY_MB,
      timeout: TRIGGER_TIMEOUT,
      environment: withTable,
      // a flood elsewhere (public routes, jobs) cannot take the sign-in's capacity
      reservedConcurrentExecutions: PRE_TOKEN_RESERVED_CONCURRENCY,
    });
    // GetItem on the table itself only (Table.grant would add its /index/* ARNs, useless for GetItem).
    preToken.addToRolePolicy(
      new PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.tableArn] }),
    );
    this.preTokenFunction = preToken;

    const userPool = new UserPool(this, 'UserPool', {
      userPoolName: name('users'),
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
      // Cognito's own sender caps at about 50 e-mails a day: invitations and resets go through SES.
      email: UserPoolEmail.withSES({
        fromEmail: props.sesFromEmail,
        fromName: 'Sinergi Kota Semarang',
        sesRegion: props.sesRegion ?? this.region,
      }),
      userInvitation: INVITATION,
      standardAttributes: { email: { required: false, mutable: true } },
    });
    // Pre-token generation V2: the same claims in the access token as in the ID token.
    userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, preToken, LambdaVersion.V2_0);
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
      userPoolClientName: name('app'),
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

    // ── employees → Cognito users, from the table's stream ─────────────────────────
    const userSyncDlq = new Queue(this, 'UserSyncDlq', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeNag(
      userSyncDlq,
      'SQS3',
      'This queue is itself the dead-letter queue of the user sync (stream records that failed every retry).',
    );
    const userSync = sinergiFunction(this, 'UserSync', {
      entry: userSyncEntry.entry,
      description:
        'Employees become Cognito users (created, e-mail kept in step, disabled when employment ends)',
      memorySize: AREA_MEMORY_MB,
      timeout: Duration.seconds(60),
      environment: { ...base, USER_POOL_ID: userPool.userPoolId },
    });
    userSync.addToRolePolicy(
      new PolicyStatement({
        actions: [
          'cognito-idp:AdminGetUser',
          'cognito-idp:AdminCreateUser',
          'cognito-idp:AdminUpdateUserAttributes',
          'cognito-idp:AdminDisableUser',
          'cognito-idp:AdminEnableUser',
        ],
        resources: [userPool.userPoolArn],
      }),
    );
    const profile = employeeKeys.employee('');
    userSync.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(5),
        bisectBatchOnError: true,
        retryAttempts: 5,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(userSyncDlq),
        // only employee profiles reach the function (the same test as isEmployeeProfile)
        filters: [
          FilterCriteria.filter({
            dynamodb: { Keys: { pk: { S: FilterRule.beginsWith(profile.pk) }, sk: { S: [profile.sk] } } },
          }),
        ],
      }),
    );
    acknowledgeNag(
      userSync,
      'IAM5[Resource::*]',
      'Active X-Ray tracing (xray:PutTraceSegments) and dynamodb:ListStreams (granted by the event source) do not support resource-level permissions.',
    );
    this.userSyncFunction = userSync;

    // ── the HTTP API: one route per catalog route, JWT on every non-public one ────────
    const api = new HttpApi(this, 'Api', {
      apiName: name('api'),
      description: `Sinergi HTTP API (${props.stage})`,
      createDefaultStage: false,
      corsPreflight:
        props.allowedOrigins.length > 0
          ? {
              allowOrigins: props.allowedOrigins,
              allowHeaders: CORS_HEADERS,
              allowMethods: [CorsHttpMethod.ANY],
              maxAge: Duration.seconds(CORS.maxAgeSeconds),
            }
          : undefined,
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

    const docs = writeDocsEntry();
    this.openApiBytes = docs.bytes;
    const integrations = new Map<AreaFunction, HttpLambdaIntegration>();
    for (const { name: areaName, entry } of areaEntries()) {
      const fn = areaName as AreaFunction;
      const hasTable = fn !== 'docs';
      const handler = sinergiFunction(this, `Area${pascal(fn)}`, {
        // docs: the entry generated at synth with the OpenAPI document inlined (no table, no generator)
        entry: hasTable ? entry : docs.entry,
        description: `Sinergi ${fn} routes`,
        memorySize: AREA_MEMORY_MB,
        timeout: AREA_TIMEOUT,
        environment: { ...(hasTable ? withTable : base), ...edgeEnv },
      });
      if (hasTable) grantTable(handler, areaWrites(fn));
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
          `${routeKey(r)} is public by design (functions/catalog.ts, route ${id}, auth 'public'); it is rate-limited per client IP by the WAF and throttled by the stage.`,
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
    const jobDlqs = new Map<string, Queue>();
    const jobDefs = new Map(allJobs());
    for (const { name: jobName, entry } of jobEntries()) {
      const job = jobDefs.get(jobName);
      if (!job) throw new Error(`job ${jobName}: not in the catalog`);
      const id = `Job${pascal(jobName)}`;
      const dlq = new Queue(this, `${id}Dlq`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      acknowledgeNag(
        dlq,
        'SQS3',
        `This queue is itself the dead-letter queue of job ${jobName} (its EventBridge target and its Lambda asynchronous failures).`,
      );
      jobDlqs.set(jobName, dlq);
      const handler = sinergiFunction(this, id, {
        entry,
        description: job.description.slice(0, 256),
        memorySize: JOB_MEMORY_MB,
        timeout: Duration.seconds(job.timeoutSeconds),
        environment: withTable,
        onFailure: new SqsDestination(dlq),
      });
      grantTable(handler, jobWrites(jobName));
      this.jobFunctions.set(jobName, handler);
      new Rule(this, `${id}Schedule`, {
        ruleName: name(jobName),
        description: `${jobName}: ${job.description}`.slice(0, 512),
        schedule: Schedule.expression(job.schedule),
        targets: [new LambdaFunction(handler, { deadLetterQueue: dlq, retryAttempts: 2 })],
      });
    }

    // ── the edge: CloudFront + WAF in front of the API and the web app ───────────────
    this.edge = new Edge(this, 'Edge', {
      stage: props.stage,
      api,
      webAclArn: props.webAclArn,
      originSecret,
      webDist: props.webDist,
    });

    // ── alarms and dashboards ───────────────────────────────────────────────────────
    const allFunctions: [string, NodejsFunction][] = [
      ['PreToken', preToken],
      ['UserSync', userSync],
      ...[...this.areaFunctions].map(([fn, f]): [string, NodejsFunction] => [`Area${pascal(fn)}`, f]),
      ...[...this.jobFunctions].map(([job, f]): [string, NodejsFunction] => [`Job${pascal(job)}`, f]),
    ];
    this.observability = new Observability(this, 'Observability', {
      stage: props.stage,
      api,
      table,
      functions: allFunctions,
      preToken,
      critical: [['UserSync', userSync]],
      areas: [...this.areaFunctions].map(([area, fn]) => ({ name: area, fn, logGroup: fn.logGroup })),
      jobs: [...this.jobFunctions].map(([job, fn]) => ({
        name: job,
        fn,
        dlq: jobDlqs.get(job) as Queue,
      })),
    });
    // the user sync's dead letters page someone too
    const userSyncDlqAlarm = userSyncDlq.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(5),
      statistic: 'Maximum',
    });
    this.observability.alarm(
      'UserSyncDlqAlarm',
      userSyncDlqAlarm,
      1,
      'An employee change could not be synced to Cognito and waits in the dead-letter queue',
    );

    new CfnOutput(this, 'Url', { value: `https://${this.edge.distribution.distributionDomainName}` });
    new CfnOutput(this, 'ApiUrl', { value: stage.url });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: userPoolClient.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.observability.topic.topicArn });
    new CfnOutput(this, 'WebBucketName', { value: this.edge.webBucket.bucketName });
  }
}
