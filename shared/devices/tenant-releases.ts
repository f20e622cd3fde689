import type { Actor } from '#shared/domain/actor.ts';
import type { PublishedDownload } from '#shared/files/downloads.ts';
import type { PageRequest } from '#shared/table/page.ts';
import { addToBatch, batchResultsPage, requireReleaseBatch } from './batches.ts';
import { batchResultsDownload } from './batch-results-download.ts';
import { batchPartOf, type BatchPartBody } from './partner-batches.ts';

/*
 * What a tenant asks of its own releases from a file (R24) beyond creating and submitting them
 * (shared/devices/batches.ts): adding a part, from JSON or a file, and reading the results. The
 * same parts as a partner's batch, owned by the tenant (R19: nobody else's release is found).
 */

/** Adds 1-1000 devices to the tenant's open release, answering with a file's unreadable lines beside it. */
export async function addDevicesToRelease(tenantId: string, batchId: string, body: BatchPartBody, actor: Actor) {
  const { malformed, ...part } = batchPartOf(body);
  const batch = await addToBatch({ tenantId }, batchId, part, { actor });
  return { batch, ...(malformed ? { malformedLines: malformed } : {}) };
}

/** A page of the per-device results of the tenant's own release. */
export async function releaseResultsPage(tenantId: string, batchId: string, page: PageRequest) {
  return batchResultsPage(await requireReleaseBatch(tenantId, batchId), page);
}

/** Every per-device result of the tenant's own release as one CSV file, to download. */
export async function releaseResultsDownload(tenantId: string, batchId: string): Promise<PublishedDownload> {
  return batchResultsDownload(await requireReleaseBatch(tenantId, batchId));
}
