import { runConsentStatusCheck } from '../../shared/jobs/consent-status-check.ts';
import { logger } from '../../shared/http/logger.ts';

/** Invoked hourly by the EventBridge schedule: runs the consent-status check now (S1-S4). */
export const handler = async (): Promise<void> => {
  const result = await runConsentStatusCheck();
  logger.info('consent-status-check done', { ...result });
};
