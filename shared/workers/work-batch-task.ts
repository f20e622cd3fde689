import { finishBatchAfterTask, givenUpResults, taskOf, workTaskDevices } from '#shared/devices/batches.ts';
import { logger } from '#shared/observability/logger.ts';
import { taskRecorded } from '#shared/table/batches.ts';
import type { Attempt, AttemptContext } from './outbox-item.ts';

/**
 * One attempt at a device batch's task (R22), claimed by the outbox's state machine
 * (./outbox-item.ts): its devices worked, their results and the batch's counters recorded with the
 * task in one transaction. A task that could not be worked is tried again; given up (S4), its
 * devices are recorded failed instead, so the batch still finishes. The last task recorded either
 * way finishes the batch.
 */
export async function attemptBatchTask(item: Record<string, unknown>, { now }: AttemptContext): Promise<Attempt> {
  const task = taskOf(item);
  const finish = () => finishBatchAfterTask(task.batchId, now);
  try {
    const results = await workTaskDevices(task);
    return { result: 'done', alongside: () => ({ writes: taskRecorded(task, results) }), recorded: finish };
  } catch (error) {
    return {
      result: 'failed',
      retryable: true,
      error: (error as Error).message,
      alongside: (decision) => (decision.status === 'failed' ? { writes: taskRecorded(task, givenUpResults(task)) } : {}),
      recorded: async (decision, attempts) => {
        const failedForGood = decision.status === 'failed';
        logger.error('batch task failed', { batchId: task.batchId, taskNo: task.taskNo, attempts, failedForGood, error: error as Error });
        if (failedForGood) await finish();
      },
    };
  }
}
