import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { OUTBOX_KINDS } from '#shared/domain/due-kinds.ts';
import { webhookEvent } from '#shared/domain/outbox-events.ts';
import { runConsentStatusCheck } from '#shared/workers/consent-status-check.ts';
import { withCorrelationId } from '#shared/observability/correlation.ts';
import { logger } from '#shared/observability/logger.ts';
import { METRIC } from '#shared/observability/metric-names.ts';
import { metrics } from '#shared/observability/metrics.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { createPartner } from '#shared/partners/partners.ts';
import { queryDue } from '#shared/table/due.ts';
import { putWebhook } from '#shared/webhooks/webhooks.ts';
import { unique } from '../support/api.ts';
import { startReceiver } from '../support/webhook-receiver.ts';
import { captureLogs } from '../support/capture-logs.ts';

const actor = { type: 'operator' as const, id: 'test' };
const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  logger.setLogLevel('ERROR');
  await Promise.all(receivers.map((r) => r.close()));
});

describe('the outbox, observed (no stream consumer runs here: the check finds what is due)', () => {
  it('an outbox item carries the correlation id of its change, and the check sends it under that id', async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const { partner } = await createPartner({ name: `Partner ${unique()}`, kind: 'direct-csp', contactEmail: 'ops@p.example' }, actor);
    await putWebhook(partner.id, { url: receiver.url, events: ['consent.declined'] }, actor);
    const committedAt = new Date();
    await withCorrelationId('api-request-42', () =>
      commitChange({
        at: committedAt.toISOString(),
        writes: [],
        audit: { action: 'test.declined', actor, partnerId: partner.id },
        outbox: [webhookEvent('consent.declined', partner.id, { tenantId: 't_test', partnerId: partner.id, requestId: 'cr_test', actor: { type: 'user', id: 'u' } })],
      }),
    );
    // On the due index (on its shard of the outbox, issue 26) once its grace has passed.
    const items = await queryDue('outbox', new Date(committedAt.getTime() + 10 * 60_000).toISOString(), 5000);
    const item = items.find((i) => i.partnerId === partner.id);
    expect(item).toMatchObject({ correlationId: 'api-request-42' });

    logger.setLogLevel('INFO');
    const add = vi.spyOn(metrics(), 'addMetric');
    // Ten minutes after the commit: the item has been due for eight (two minutes of grace for the consumer).
    const { result, json } = await captureLogs(() =>
      withCorrelationId('scheduled-run', () => runConsentStatusCheck(new Date(committedAt.getTime() + 10 * 60_000).toISOString(), { kinds: OUTBOX_KINDS })),
    );
    expect(receiver.received).toHaveLength(1);
    expect(json.find((l) => l.message === 'webhook delivered' && l.partnerId === partner.id)).toMatchObject({ correlation_id: 'api-request-42' });
    expect(result.outboxOldestDueAgeSeconds).toBeGreaterThanOrEqual(8 * 60 - 1);
    expect(add).toHaveBeenCalledWith(METRIC.outboxOldestDueAge, 'Seconds', result.outboxOldestDueAgeSeconds);
    expect(add).toHaveBeenCalledWith(METRIC.webhooksDelivered, 'Count', 1);
  });

  it('the run publishes the age of the outbox only when it looks at the outbox', async () => {
    const add = vi.spyOn(metrics(), 'addMetric');
    const result = await runConsentStatusCheck(new Date().toISOString(), { kinds: ['dap'] });
    expect(result.outboxOldestDueAgeSeconds).toBeUndefined();
    expect(add.mock.calls.filter(([name]) => name === METRIC.outboxOldestDueAge)).toEqual([]);
  });
});
