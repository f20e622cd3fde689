import { attemptUploadImport } from './import-upload.ts';
import type { OutboxWorkers } from './outbox-item.ts';
import { OUTBOX_WORKERS } from './outbox-workers.ts';

/**
 * Every kind of outbox item with a portal upload's import (R32) among them: the stream consumer's
 * and the scheduled check's workers. Apart from OUTBOX_WORKERS so that the functions that only run
 * the check on an operator's request (ops-api) do not bundle the S3 client the import reads with.
 */
export const OUTBOX_WORKERS_WITH_UPLOADS: OutboxWorkers = { ...OUTBOX_WORKERS, uploadImport: attemptUploadImport };
