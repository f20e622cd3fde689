import { finishBatchAfterTask, givenUpTask, taskOf, workTaskDevices } from '#shared/devices/batches.ts';
import type { Batch } from '#shared/table/batches.ts';
import { logger } from '#shared/observability/logger.ts';
import type { Attempt, AttemptContext } from './outbox-item.ts';

/**
 * One attempt at a device batch's task (R22), claimed by the outbox's state machine
 * (./outbox-item.ts): its devices worked, then its record (its results and counts, and the one
 * audit event and event that tell what its devices' writes changed: issue 26) written with the
 * task's own state in one transaction. A task that could not be worked is tried again; given up
 * (S4), what its attempts did write is recorded done and the rest failed, so the batch still
 * finishes. The last task recorded either way finishes the batch.
 */
export async function attemptBatchTask(item: Record<string, unknown>, { now }: AttemptContext): Promise<Attempt> {
  const task = taskOf(item);
  const finish = (batch?: Batch) => finishBatchAfterTask(task.batchId, now, task.taskNo, batch);
  try {
    const { record, release, batch } = await workTaskDevices(task);
    return {
      result: 'done',
      alongside: () => ({ writes: record }),
      recorded: async () => {
        await release?.();
        await finish(batch);
      },
    };
  } catch (error) {
    // Read now, in case this attempt is the last (S4): what the task's attempts wrote is told with its record.
    const givenUp = await givenUpTask(task);
    return {
      result: 'failed',
      retryable: true,
      error: (error as Error).message,
      alongside: (decision) => (decision.status === 'failed' ? { writes: givenUp.record } : {}),
      recorded: async (decision, attempts) => {
        const failedForGood = decision.status === 'failed';
        logger.error('batch task failed', { batchId: task.batchId, taskNo: task.taskNo, attempts, failedForGood, error: error as Error });
        if (failedForGood) await finish();
      },
    };
  }
}
