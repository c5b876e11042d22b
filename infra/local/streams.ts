/**
 * The local twin of a Lambda event source mapping on the table's stream: polls DynamoDB Local's
 * stream (the DynamoDB Streams API, @aws-sdk/client-dynamodb-streams) and hands each consumer the
 * same DynamoDBStreamEvent Lambda would, in order per shard. Like the mapping: records a consumer
 * reports as failed (batchItemFailures) or a batch that throws are retried from the first failure,
 * a few times, then set aside as dead letters (in AWS: the consumer's on-failure queue).
 *
 * Generic on purpose: the user sync is the first consumer; notification delivery and any later
 * work that follows a write plug in the same way (one entry in `consumers`).
 */
import { DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { tableDefinition } from '../../shared/platform/table.js';

export interface StreamConsumer {
  name: string;
  /** the records it is given (its event source filter in AWS); default: all */
  accepts?: (r: DynamoDBRecord) => boolean;
  handle: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>;
  /** records per event; default 100, as the stack's mapping */
  batchSize?: number;
  /** attempts per batch before its failed records become dead letters; default 3 */
  maxAttempts?: number;
}

export interface DeadLetter {
  consumer: string;
  record: DynamoDBRecord;
  error: string;
}

export interface StreamPoller {
  /** records that failed every attempt */
  readonly deadLetters: DeadLetter[];
  /** resolves once every record written before the call has been handed to every consumer */
  drain(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface StreamPollerOptions {
  endpoint: string;
  table: string;
  consumers: StreamConsumer[];
  /** where to start in shards that exist when the poller starts; default LATEST (new changes only) */
  startAt?: 'LATEST' | 'TRIM_HORIZON';
  intervalMs?: number;
  log?: (line: string) => void;
}

const local = { region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

/** A stream record as Lambda delivers it (creation time in epoch seconds, the source named). */
export const toLambdaRecord = (r: StreamRecord, streamArn: string): DynamoDBRecord => {
  const created = r.dynamodb?.ApproximateCreationDateTime;
  return {
    eventID: r.eventID,
    eventName: r.eventName as DynamoDBRecord['eventName'],
    eventVersion: r.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: r.awsRegion ?? 'local',
    eventSourceARN: streamArn,
    dynamodb: {
      ...(r.dynamodb as DynamoDBRecord['dynamodb']),
      ApproximateCreationDateTime:
        created instanceof Date ? created.getTime() / 1000 : (created as number | undefined),
    },
  };
};

/** Enables the table's stream if it has none (a table created before streams), returns its ARN. */
const streamArnOf = async (endpoint: string, table: string): Promise<string> => {
  const client = new DynamoDBClient({ endpoint, ...local });
  try {
    const described = await client.send(new DescribeTableCommand({ TableName: table }));
    if (described.Table?.LatestStreamArn && described.Table.StreamSpecification?.StreamEnabled) {
      return described.Table.LatestStreamArn;
    }
    const updated = await client.send(
      new UpdateTableCommand({
        TableName: table,
        StreamSpecification: { StreamEnabled: true, StreamViewType: tableDefinition.stream },
      }),
    );
    const arn = updated.TableDescription?.LatestStreamArn;
    if (!arn) throw new Error(`table ${table}: no stream after enabling it`);
    return arn;
  } finally {
    client.destroy();
  }
};

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export const startStreamPoller = async (options: StreamPollerOptions): Promise<StreamPoller> => {
  const streamArn = await streamArnOf(options.endpoint, options.table);
  const streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, ...local });
  const interval = options.intervalMs ?? 200;
  const deadLetters: DeadLetter[] = [];
  /** shard id → its next iterator (null once the shard is closed and read to its end) */
  const iterators = new Map<string, string | null>();
  let first = true;
  let stopped = false;
  let passes = 0;
  /** passes that found no record anywhere, in a row */
  let quietPasses = 0;

  const deliver = async (consumer: StreamConsumer, records: DynamoDBRecord[]) => {
    const wanted = consumer.accepts ? records.filter(consumer.accepts) : records;
    const size = consumer.batchSize ?? 100;
    for (let i = 0; i < wanted.length; i += size) {
      let batch = wanted.slice(i, i + size);
      for (let attempt = 1; batch.length > 0; attempt++) {
        let failedFrom = -1;
        let error = '';
        try {
          const res = await consumer.handle({ Records: batch });
          const failed = new Set((res?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
          failedFrom = batch.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
          error = 'reported as failed';
        } catch (e) {
          failedFrom = 0;
          error = (e as Error).message;
        }
        if (failedFrom < 0) break;
        batch = batch.slice(failedFrom);
        if (attempt >= (consumer.maxAttempts ?? 3)) {
          const [head, ...rest] = batch;
          if (head) deadLetters.push({ consumer: consumer.name, record: head, error });
          options.log?.(
            `stream consumer ${consumer.name}: record ${head?.dynamodb?.SequenceNumber} failed (${error})`,
          );
          batch = rest;
          attempt = 0;
          continue;
        }
        await pause(50 * attempt);
      }
    }
  };

  const pass = async (): Promise<number> => {
    let shardStart: string | undefined;
    do {
      const described = await streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: shardStart }),
      );
      for (const shard of described.StreamDescription?.Shards ?? []) {
        if (!shard.ShardId || iterators.has(shard.ShardId)) continue;
        const got = await streams.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: shard.ShardId,
            // shards born after the start are read from their beginning
            ShardIteratorType: first ? (options.startAt ?? 'LATEST') : 'TRIM_HORIZON',
          }),
        );
        iterators.set(shard.ShardId, got.ShardIterator ?? null);
      }
      shardStart = described.StreamDescription?.LastEvaluatedShardId;
    } while (shardStart);
    first = false;

    let seen = 0;
    for (const [shardId, iterator] of iterators) {
      if (!iterator || stopped) continue;
      const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      iterators.set(shardId, out.NextShardIterator ?? null);
      const records = (out.Records ?? []).map((r) => toLambdaRecord(r, streamArn));
      seen += records.length;
      for (const consumer of options.consumers) if (records.length) await deliver(consumer, records);
    }
    return seen;
  };

  const loop = (async () => {
    while (!stopped) {
      try {
        const seen = await pass();
        quietPasses = seen === 0 ? quietPasses + 1 : 0;
      } catch (e) {
        quietPasses = 0;
        if (!stopped) options.log?.(`stream poller: ${(e as Error).message}`);
      }
      passes++;
      if (!stopped) await pause(interval);
    }
  })();

  return {
    deadLetters,
    drain: async (timeoutMs = 15_000) => {
      // two quiet passes that both began after this call: everything written before it was read
      const startPass = passes;
      const deadline = Date.now() + timeoutMs;
      while (!(passes >= startPass + 2 && quietPasses >= 2)) {
        if (Date.now() > deadline) {
          throw new Error(
            `stream poller: records still arriving after ${timeoutMs} ms (passes ${passes - startPass})`,
          );
        }
        await pause(interval / 2);
      }
    },
    stop: async () => {
      stopped = true;
      await loop;
      streams.destroy();
    },
  };
};
