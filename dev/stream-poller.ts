import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { matchesFilter } from '#shared/outbox/filter-match.ts';

/**
 * The local stand-in for a Lambda event source mapping on the table's stream: reads DynamoDB
 * Local's real stream (DescribeStream, GetShardIterator, GetRecords), keeps the records that match
 * the same filter patterns the CDK mapping deploys, and invokes the same handler with the same
 * `DynamoDBStreamEvent` shape. As in AWS, a shard's records are handed over in order, a batch at
 * a time; the records a handler reports failed (batchItemFailures), and every record after the
 * first of them, are retried, a bounded number of times, then given up with an error line (the
 * on-failure destination in AWS); the scheduled check picks up whatever was left (S4).
 */
export interface StreamPollerOptions {
  endpoint: string;
  tableName: string;
  region?: string;
  handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;
  filters: readonly Record<string, unknown>[];
  batchSize?: number;
  /** Pause between polls of a shard that had nothing new. */
  idleMs?: number;
  maxRetries?: number;
  /** Where a shard is first read, as an event source mapping's StartingPosition. @default TRIM_HORIZON: nothing committed is skipped */
  startingPosition?: 'TRIM_HORIZON' | 'LATEST';
  log?: (message: string) => void;
}

export interface StreamPoller {
  stop(): Promise<void>;
}

interface ShardState {
  iterator?: string;
  /** Records read but not yet handed over successfully. */
  pending: StreamRecord[];
  attempts: number;
}

export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const region = options.region ?? 'us-east-1';
  const tables = new DynamoDBClient({ endpoint: options.endpoint, region, credentials });
  const streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, region, credentials });
  const table = await tables.send(new DescribeTableCommand({ TableName: options.tableName }));
  tables.destroy();
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${options.tableName} has no stream`);
  const batchSize = options.batchSize ?? 25;
  const idleMs = options.idleMs ?? 50;
  const maxRetries = options.maxRetries ?? 5;
  const log = options.log ?? ((m: string) => console.error(m));
  const shards = new Map<string, ShardState>();
  /** Shards read to their end: never started again. */
  const closed = new Set<string>();
  let running = true;

  /** Finds shards (new ones appear over time); those there at start begin at `startingPosition`, later ones at their oldest record. */
  let firstDiscovery = true;
  const discover = async () => {
    let start: string | undefined;
    do {
      const out = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
      for (const shard of out.StreamDescription?.Shards ?? []) {
        if (!shard.ShardId || shards.has(shard.ShardId) || closed.has(shard.ShardId)) continue;
        const position = firstDiscovery ? (options.startingPosition ?? 'TRIM_HORIZON') : 'TRIM_HORIZON';
        const it = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: position }));
        let iterator = it.ShardIterator;
        if (position === 'LATEST' && iterator) {
          // DynamoDB Local fixes a LATEST iterator's place at its first GetRecords, not when it is
          // issued: read once now, so records committed from here on are not skipped.
          iterator = (await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1 }))).NextShardIterator;
        }
        shards.set(shard.ShardId, { iterator, pending: [], attempts: 0 });
      }
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    firstDiscovery = false;
  };

  const toLambdaRecord = (r: StreamRecord): DynamoDBRecord => ({
    eventID: r.eventID,
    eventName: r.eventName as DynamoDBRecord['eventName'],
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(r.dynamodb?.ApproximateCreationDateTime ? { ApproximateCreationDateTime: Math.floor(r.dynamodb.ApproximateCreationDateTime.getTime() / 1000) } : {}),
      Keys: r.dynamodb?.Keys as never,
      ...(r.dynamodb?.NewImage ? { NewImage: r.dynamodb.NewImage as never } : {}),
      ...(r.dynamodb?.OldImage ? { OldImage: r.dynamodb.OldImage as never } : {}),
      SequenceNumber: r.dynamodb?.SequenceNumber,
      SizeBytes: r.dynamodb?.SizeBytes,
      StreamViewType: r.dynamodb?.StreamViewType as never,
    },
  });

  /** Hands a shard's pending records to the handler in order, a batch at a time, as a mapping with ReportBatchItemFailures does. */
  const deliver = async (shardId: string, state: ShardState) => {
    while (state.pending.length > 0 && running) {
      const batch = state.pending.slice(0, batchSize);
      const event: DynamoDBStreamEvent = { Records: batch.map(toLambdaRecord) };
      let failedAt = -1;
      try {
        const answer = await options.handler(event);
        const failed = new Set((answer?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        failedAt = batch.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
      } catch (error) {
        log(`stream consumer failed on a batch of ${batch.length} records of shard ${shardId}: ${(error as Error).message}`);
        failedAt = 0;
      }
      if (failedAt < 0) {
        state.pending.splice(0, batch.length);
        state.attempts = 0;
        continue;
      }
      state.pending.splice(0, failedAt);
      if (++state.attempts > maxRetries) {
        log(`stream consumer gave up on record ${state.pending[0]?.dynamodb?.SequenceNumber} after ${maxRetries} retries; the scheduled check will retry it`);
        state.pending.shift();
        state.attempts = 0;
      } else {
        await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** state.attempts)));
      }
    }
  };

  const poll = async () => {
    let lastDiscovery = 0;
    while (running) {
      let anything = false;
      try {
        if (Date.now() - lastDiscovery > 1000) {
          await discover();
          lastDiscovery = Date.now();
        }
        for (const [shardId, state] of shards) {
          if (!running) break;
          if (state.pending.length === 0) {
            if (!state.iterator) {
              shards.delete(shardId);
              closed.add(shardId);
              continue;
            }
            try {
              const out = await streams.send(new GetRecordsCommand({ ShardIterator: state.iterator, Limit: 1000 }));
              state.iterator = out.NextShardIterator;
              const matching = (out.Records ?? []).filter((r) => matchesFilter(options.filters, toLambdaRecord(r)));
              state.pending.push(...matching);
              anything ||= (out.Records ?? []).length > 0;
            } catch (error) {
              if (!(error instanceof ExpiredIteratorException)) throw error;
              shards.delete(shardId); // rediscovered from its oldest record; handlers are idempotent
            }
          }
          if (state.pending.length > 0) {
            anything = true;
            await deliver(shardId, state);
          }
        }
      } catch (error) {
        if (running) log(`stream poller: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      if (!anything) await new Promise((r) => setTimeout(r, idleMs));
    }
  };
  await discover(); // the starting position holds from now, not from the first poll
  const loop = poll();
  return {
    async stop() {
      running = false;
      await loop;
      streams.destroy();
    },
  };
}
