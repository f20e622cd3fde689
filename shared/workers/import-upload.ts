import { importUpload } from '#shared/devices/device-uploads.ts';
import { logger } from '#shared/observability/logger.ts';
import { updateUpload } from '#shared/table/uploads.ts';
import type { Attempt, AttemptContext } from './outbox-item.ts';

/**
 * One attempt at a portal upload's import (R32), claimed by the outbox's state machine
 * (./outbox-item.ts): a bad file ends the upload `failed` and is done; an import that could not
 * finish (S3 or the table refused) is tried again, resuming (S4); given up, the upload says so.
 */
export async function attemptUploadImport(item: Record<string, unknown>, _context: AttemptContext): Promise<Attempt> {
  const uploadId = String(item.uploadId);
  try {
    await importUpload(uploadId);
    return { result: 'done' };
  } catch (error) {
    return {
      result: 'failed',
      retryable: true,
      error: (error as Error).message,
      recorded: async (decision, attempts) => {
        logger.error('upload import failed', { uploadId, attempts, failedForGood: decision.status === 'failed', error: error as Error });
        if (decision.status === 'failed') await updateUpload(uploadId, { status: 'failed', failure: 'The file could not be imported after several attempts: upload it again.' });
      },
    };
  }
}
