import { logger } from '#shared/observability/logger.ts';
import { DUE_KINDS, type DueKind } from '#shared/domain/due-kinds.ts';
import { runConsentStatusCheck } from '#shared/workers/consent-status-check.ts';
import { OUTBOX_WORKERS_WITH_UPLOADS } from '#shared/workers/upload-workers.ts';
import { checkConfig } from '#shared/config/config.ts';
import { FUNCTION_SECRETS } from '#shared/config/secrets.ts';
import { observedHandler } from '#shared/observability/middleware.ts';

// Cold start: wrong configuration fails here, naming the variable, before any request is served.
await checkConfig(['TABLE_NAME', 'PUBLIC_URL', 'MAIL_FROM'], { secrets: FUNCTION_SECRETS['consent-status-check'] });

/**
 * Invoked by EventBridge: hourly for the whole consent-status check (S1-S4), and every minute
 * with `{"kinds": ["outbox"]}` to retry the outbox on its own back-off.
 */
export const handler = observedHandler(
  // The hourly rule sends EventBridge's event (with its id); the minute rule only its input.
  (event: { id?: unknown; kinds?: unknown } | undefined, context) => (typeof event?.id === 'string' ? event.id : context.awsRequestId),
  async (event): Promise<void> => {
    const kinds = Array.isArray(event?.kinds) ? event.kinds.filter((k): k is DueKind => (DUE_KINDS as readonly unknown[]).includes(k)) : undefined;
    const result = await runConsentStatusCheck(undefined, { kinds, workers: OUTBOX_WORKERS_WITH_UPLOADS });
    logger.info('consent-status-check done', { kinds: kinds ?? 'all', ...result });
  },
  'consent-status-check',
);
