import { logger } from '../../shared/http/logger.ts';
import { DUE_KINDS, runConsentStatusCheck, type DueKind } from '../../shared/jobs/consent-status-check.ts';

/**
 * Invoked by EventBridge: hourly for the whole consent-status check (S1-S4), and every minute
 * with `{"kinds": ["email", "webhook"]}` to retry the outbox on its own back-off.
 */
export const handler = async (event: { kinds?: unknown } = {}): Promise<void> => {
  const kinds = Array.isArray(event.kinds) ? event.kinds.filter((k): k is DueKind => (DUE_KINDS as readonly unknown[]).includes(k)) : undefined;
  const result = await runConsentStatusCheck(undefined, { kinds });
  logger.info('consent-status-check done', { kinds: kinds ?? 'all', ...result });
};
