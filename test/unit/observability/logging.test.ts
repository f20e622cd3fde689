import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { currentCorrelationId, withCorrelation, withCorrelationId } from '#shared/observability/correlation.ts';
import { logger, redactSecrets } from '#shared/observability/logger.ts';
import { observedHandler } from '#shared/observability/middleware.ts';
import { correlatedPerRecord } from '#shared/observability/stream.ts';
import { captureLogs } from '../../support/capture-logs.ts';

describe('correlation ids', () => {
  it('every log line carries the correlation id of the work in progress, and concurrent work keeps its own', async () => {
    logger.setLogLevel('INFO');
    const { json } = await captureLogs(() =>
      Promise.all(
        ['req-a', 'req-b'].map((id) =>
          withCorrelationId(id, async () => {
            logger.info('first', { id });
            await new Promise((r) => setTimeout(r, id === 'req-a' ? 20 : 1));
            logger.info('second', { id });
          }),
        ),
      ),
    );
    expect(json).toHaveLength(4);
    for (const line of json) expect(line.correlation_id).toBe(line.id);
    expect(json[0]).toMatchObject({ level: 'INFO', service: 'device-consent' });
  });

  it('a handler runs under the id found in its event, or a fresh one', async () => {
    const seen: (string | undefined)[] = [];
    const handler = withCorrelation((event: { id?: string }) => event.id, async () => seen.push(currentCorrelationId()));
    await handler({ id: 'evt-1' }, {});
    await handler({}, {});
    expect(seen[0]).toBe('evt-1');
    expect(seen[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(currentCorrelationId()).toBeUndefined();
  });

  it('the observed handler adds the Lambda context, and tolerates none (the local stream poller gives none)', async () => {
    logger.setLogLevel('INFO');
    const handler = observedHandler((event: { id: string }) => event.id, async () => {
      logger.info('inside');
      return 'ok';
    });
    const context = { awsRequestId: 'lambda-req-1', functionName: 'fn', invokedFunctionArn: 'arn:aws:lambda:us-east-1:1:function:fn', memoryLimitInMB: '256', functionVersion: '$LATEST' };
    const { json, result } = await captureLogs(() => handler({ id: 'corr-1' }, context as never));
    expect(result).toBe('ok');
    expect(json.find((l) => l.message === 'inside')).toMatchObject({ correlation_id: 'corr-1', function_request_id: 'lambda-req-1', function_name: 'fn' });
    const bare = await captureLogs(() => handler({ id: 'corr-2' }));
    expect(bare.json.find((l) => l.message === 'inside')).toMatchObject({ correlation_id: 'corr-2' });
  });

  it('a stream batch is worked record by record, each under the id of its outbox item, stopping at the first failure as the consumer does', async () => {
    const seen: [string, string | undefined][] = [];
    const record = (seq: string, correlationId?: string) => ({ eventName: 'INSERT', dynamodb: { SequenceNumber: seq, NewImage: { pk: { S: seq }, ...(correlationId ? { correlationId: { S: correlationId } } : {}) } } });
    const consumer = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
      const [r] = event.Records;
      seen.push([r.dynamodb!.SequenceNumber!, currentCorrelationId()]);
      return { batchItemFailures: r.dynamodb!.SequenceNumber === '3' ? [{ itemIdentifier: '3' }] : [] };
    };
    const answer = await withCorrelationId('lambda-invocation', () =>
      correlatedPerRecord(consumer)({ Records: [record('1', 'api-req-1'), record('2'), record('3', 'api-req-3'), record('4', 'api-req-4')] } as DynamoDBStreamEvent),
    );
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: '3' }] });
    expect(seen).toEqual([
      ['1', 'api-req-1'],
      ['2', 'lambda-invocation'],
      ['3', 'api-req-3'],
    ]);
  });
});

describe('secrets never reach a log line', () => {
  it('values under secret-looking keys are redacted, wherever they are', async () => {
    logger.setLogLevel('DEBUG');
    const { lines } = await captureLogs(() => {
      logger.debug('request', {
        headers: { authorization: 'Bearer dck_k1_s3cr3tvalue', cookie: 'session=abc', 'user-agent': 'curl' },
        apiKey: 'dck_k2_another',
        webhook: { secret: 'whsec_c2VjcmV0', url: 'https://p.example/hooks' },
        device: { hardwareHash: 'AAAA', serialNumber: 'SN-1' },
        token: 'abc',
        attempts: 2,
      });
    });
    const text = lines.join('\n');
    for (const secret of ['dck_k1_s3cr3tvalue', 'session=abc', 'dck_k2_another', 'whsec_c2VjcmV0', '"AAAA"', '"abc"']) expect(text).not.toContain(secret);
    const line = JSON.parse(lines[0]) as Record<string, any>;
    expect(line.headers).toEqual({ authorization: '[REDACTED]', cookie: '[REDACTED]', 'user-agent': 'curl' });
    expect(line.webhook.url).toBe('https://p.example/hooks');
    expect(line.device.serialNumber).toBe('SN-1');
    expect(line.attempts).toBe(2);
  });

  it("credentials of this service and hardware hashes are redacted inside any text, an error's message included", async () => {
    const hash = Buffer.alloc(96, 7).toString('base64');
    expect(redactSecrets('message', `key dck_abcdef_0123456789abcdef and ops_${'x'.repeat(40)} and ${hash}.`)).toBe('key [REDACTED] and [REDACTED] and [REDACTED].');
    logger.setLogLevel('INFO');
    const { lines } = await captureLogs(() => logger.error('failed', { error: new Error(`could not use whsec_${'A'.repeat(32)} for ${hash}`) }));
    expect(lines.join('\n')).not.toContain(hash);
    expect(lines.join('\n')).not.toContain('whsec_A');
    expect(lines.join('\n')).toContain('[REDACTED]');
  });
});
