/**
 * Alarms that reach someone, and a dashboard per area.
 *
 * The alarm topic is encrypted with a customer-managed KMS key whose policy lets CloudWatch use
 * it: with the AWS-managed `alias/aws/sns` key CloudWatch alarms cannot publish, and every alarm
 * would fail to notify. Operators subscribe their e-mail or chat to the topic after deploying.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, type ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Namespace of the metrics the functions' logs yield (5xx answers are logged, not thrown). */
export const METRIC_NAMESPACE = 'Sinergi';
const FIVE_MINUTES = Duration.minutes(5);
/** The operations the table's system-error and throttle alarms watch (a math expression holds at most 10). */
const WATCHED_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.BATCH_WRITE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
  Operation.TRANSACT_GET_ITEMS,
];

export interface AreaWatch {
  name: string;
  fn: IFunction;
  logGroup: ILogGroup;
}
export interface JobWatch {
  name: string;
  fn: IFunction;
  dlq: Queue;
}

export interface ObservabilityProps {
  stage: string;
  api: HttpApi;
  table: Table;
  areas: AreaWatch[];
  jobs: JobWatch[];
  /** every function, for the throttle alarms */
  functions: [string, IFunction][];
  preToken: IFunction;
  /** other functions whose every error must page someone (the user sync) */
  critical: [string, IFunction][];
}

export class Observability extends Construct {
  readonly topic: Topic;
  readonly key: Key;
  readonly dashboards: Dashboard[] = [];
  private readonly stage: string;

  /** An alarm (5 minutes, one period, missing data not breaching) that notifies the alarm topic. */
  alarm(alarmId: string, metric: IMetric, threshold: number, description: string): Alarm {
    const created = new Alarm(Stack.of(this), alarmId, {
      alarmName: `sinergi-${this.stage}-${alarmId.replace(/Alarm$/, '')}`,
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    created.addAlarmAction(new SnsAction(this.topic));
    return created;
  }

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.stage = props.stage;
    const stack = Stack.of(this);

    this.key = new Key(this, 'AlarmTopicKey', {
      description: `Sinergi (${props.stage}): encrypts the alarm topic; CloudWatch may use it to publish`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    this.topic = new Topic(this, 'AlarmTopic', {
      topicName: `sinergi-${props.stage}-alarms`,
      displayName: `Sinergi alarms (${props.stage})`,
      enforceSSL: true,
      masterKey: this.key,
    });

    const alarm = this.alarm.bind(this);

    alarm(
      'Api5xxAlarm',
      props.api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
      5,
      'The HTTP API answered 5 or more 5xx in 5 minutes',
    );
    for (const [name, fn] of props.functions) {
      alarm(
        `${name}ThrottlesAlarm`,
        fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
        1,
        `${name} was throttled`,
      );
    }
    // A broken sign-in must page someone: any error of the pre-token trigger.
    alarm(
      'PreTokenErrorsAlarm',
      props.preToken.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
      1,
      'The Cognito pre-token trigger failed: sign-ins are failing',
    );
    for (const [name, fn] of props.critical) {
      alarm(
        `${name}ErrorsAlarm`,
        fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        1,
        `${name} failed`,
      );
    }
    for (const job of props.jobs) {
      alarm(
        `Job${job.name}ErrorsAlarm`,
        job.fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        1,
        `Job ${job.name} failed`,
      );
      alarm(
        `${job.dlq.node.id}Alarm`,
        job.dlq.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        1,
        `A scheduled event of ${job.name} is waiting in its dead-letter queue`,
      );
    }
    alarm(
      'TableThrottlesAlarm',
      new MathExpression({
        expression: 'r + w',
        usingMetrics: {
          r: props.table.metric('ReadThrottleEvents', { period: FIVE_MINUTES, statistic: 'Sum' }),
          w: props.table.metric('WriteThrottleEvents', { period: FIVE_MINUTES, statistic: 'Sum' }),
        },
        period: FIVE_MINUTES,
        label: 'read and write throttle events',
      }),
      1,
      'DynamoDB throttled reads or writes of the table (on-demand: a spike above twice the previous peak, or a hot partition)',
    );
    alarm(
      'TableSystemErrorsAlarm',
      props.table.metricSystemErrorsForOperations({
        operations: WATCHED_OPERATIONS,
        period: FIVE_MINUTES,
        statistic: 'Sum',
      }),
      1,
      'DynamoDB answered requests of the table with a system error (HTTP 500)',
    );

    // ── dashboards: one per area, and one for the scheduled jobs ──────────────────────
    const errorsOf = (area: AreaWatch): Metric => {
      // 5xx answers are logged at ERROR by the handler chain (the function itself succeeds).
      new MetricFilter(this, `${area.name}ErrorLines`, {
        logGroup: area.logGroup,
        filterPattern: FilterPattern.stringValue('$.level', '=', 'ERROR'),
        metricNamespace: `${METRIC_NAMESPACE}/${props.stage}`,
        metricName: `${area.name}ErrorLines`,
        metricValue: '1',
      });
      return new Metric({
        namespace: `${METRIC_NAMESPACE}/${props.stage}`,
        metricName: `${area.name}ErrorLines`,
        period: FIVE_MINUTES,
        statistic: 'Sum',
      });
    };
    for (const area of props.areas) {
      const dashboard = new Dashboard(this, `${area.name}Dashboard`, {
        dashboardName: `sinergi-${props.stage}-${area.name}`,
      });
      dashboard.addWidgets(
        new TextWidget({ markdown: `# ${area.name} (${props.stage})`, width: 24, height: 1 }),
        new GraphWidget({
          title: 'Requests',
          left: [area.fn.metricInvocations({ period: FIVE_MINUTES, statistic: 'Sum' })],
          width: 8,
        }),
        new GraphWidget({
          title: 'Errors (5xx answers, function errors, throttles)',
          left: [
            errorsOf(area),
            area.fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
            area.fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
          ],
          width: 8,
        }),
        new GraphWidget({
          title: 'Duration p50 / p99 (ms)',
          left: [
            area.fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p50' }),
            area.fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p99' }),
          ],
          width: 8,
        }),
      );
      this.dashboards.push(dashboard);
    }
    const jobsDashboard = new Dashboard(this, 'JobsDashboard', {
      dashboardName: `sinergi-${props.stage}-jobs`,
    });
    jobsDashboard.addWidgets(
      new TextWidget({ markdown: `# Scheduled jobs (${props.stage})`, width: 24, height: 1 }),
      ...props.jobs.map(
        (job) =>
          new GraphWidget({
            title: `${job.name}: runs, failures, dead letters, p99 (ms)`,
            left: [
              job.fn.metricInvocations({ period: Duration.hours(1), statistic: 'Sum', label: 'runs' }),
              job.fn.metricErrors({ period: Duration.hours(1), statistic: 'Sum', label: 'failed' }),
              job.dlq.metricApproximateNumberOfMessagesVisible({
                period: Duration.hours(1),
                statistic: 'Maximum',
                label: 'dead letters',
              }),
            ],
            right: [job.fn.metricDuration({ period: Duration.hours(1), statistic: 'p99', label: 'p99' })],
            width: 12,
          }),
      ),
      new GraphWidget({
        title: 'Table: throttles and system errors',
        left: [
          props.table.metric('ReadThrottleEvents', { period: FIVE_MINUTES, statistic: 'Sum' }),
          props.table.metric('WriteThrottleEvents', { period: FIVE_MINUTES, statistic: 'Sum' }),
        ],
        width: 12,
      }),
    );
    this.dashboards.push(jobsDashboard);
  }
}
