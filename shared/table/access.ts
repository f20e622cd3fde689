import { DUE_KINDS } from '#shared/domain/due-kinds.ts';
import type { FUNCTION_SECRETS } from '#shared/config/secrets.ts';
import * as keys from './keys.ts';

/** A function of the service (`functions/<name>/handler.ts`). */
export type ServiceFunction = keyof typeof FUNCTION_SECRETS;

/** The key builders of keys.ts, by their exported name (`partnerKeys`, `batchKeys`...). */
export type KeyBuilderName = { [K in keyof typeof keys]: (typeof keys)[K] extends Record<string, unknown> ? (K extends 'INDEX_ATTRIBUTES' ? never : K) : never }[keyof typeof keys];

/**
 * Least privilege inside the table (issue 20): the key builders of keys.ts whose items each
 * function reads or writes, the one definition of what it may touch. Its IAM grant on the table
 * is limited to their partition keys (`dynamodb:LeadingKeys`, `tableAccessPatterns`), the CDK
 * stack's `bindTable` reads it, and locally every DynamoDB call is checked against it the way IAM
 * would (`checkTableAccess`, installed by the local stack: dev/stack.ts), since DynamoDB Local
 * ignores IAM.
 *
 * Each list is the key builders referenced by the modules the function's bundle holds (what its
 * code can reach), checked by test/infra/table-access.test.ts: a module imported for one function
 * brings the key builders of its others, so the lists are wider than one request needs, never
 * narrower. Items a function touches by the key it read from another item (the outbox items the
 * stream consumer and the check work, by the key on their stream record or the due index) are of
 * builders listed here too.
 */
export const TABLE_ACCESS = {
  // Authentication: API keys and their partner, customer keys and their tenant's counter. Read-only.
  authorizer: [
    'apiKeyKeys', 'auditKeys', 'batchKeys', 'customerKeyKeys', 'noticeEmailKeys', 'partnerKeys', 'requestEmailKeys', 'signInEmailKeys', 'uploadKeys',
    'webhookDeliveryKeys',
  ],
  'ops-api': [
    'activityKeys', 'apiKeyKeys', 'auditKeys', 'batchKeys', 'claimKeys', 'claimMarkerKeys', 'consentRequestKeys', 'customerKeyKeys',
    'deviceIdentityKeys', 'deviceKeys', 'domainKeys', 'dueKeys', 'grantMarkerKeys', 'holdBlockKeys', 'idpTenantKeys', 'noticeEmailKeys',
    'partnerKeys', 'partnerPersonKeys', 'providerGrantKeys', 'rateLimitKeys', 'relationshipKeys', 'removalRequestKeys', 'requestEmailKeys',
    'signInEmailKeys', 'suppressionKeys', 'tenantKeys', 'tokenKeys', 'uploadKeys', 'userKeys', 'webhookConfigKeys', 'webhookDeliveryKeys',
  ],
  'partner-api': [
    'activityKeys', 'apiKeyKeys', 'auditKeys', 'batchKeys', 'claimKeys', 'claimMarkerKeys', 'consentRequestKeys', 'customerKeyKeys',
    'deviceIdentityKeys', 'deviceKeys', 'domainKeys', 'grantMarkerKeys', 'holdBlockKeys', 'idempotencyKeys', 'idpTenantKeys', 'linkKeys',
    'noticeEmailKeys', 'partnerKeys', 'providerGrantKeys', 'rateLimitKeys', 'relationshipKeys', 'requestEmailKeys', 'signInEmailKeys', 'tenantKeys',
    'uploadKeys', 'userKeys', 'webhookConfigKeys', 'webhookDeliveryKeys',
  ],
  'customer-api': [
    'activityKeys', 'apiKeyKeys', 'auditKeys', 'batchKeys', 'claimKeys', 'claimMarkerKeys', 'customerKeyKeys', 'deviceIdentityKeys', 'deviceKeys',
    'domainKeys', 'grantMarkerKeys', 'holdBlockKeys', 'idpTenantKeys', 'noticeEmailKeys', 'partnerKeys', 'providerGrantKeys', 'relationshipKeys',
    'requestEmailKeys', 'signInEmailKeys', 'tenantKeys', 'uploadKeys', 'userKeys', 'webhookDeliveryKeys',
  ],
  pages: [
    'activityKeys', 'apiKeyKeys', 'auditKeys', 'batchKeys', 'claimKeys', 'claimMarkerKeys', 'consentRequestKeys', 'customerKeyKeys',
    'deviceIdentityKeys', 'deviceKeys', 'domainKeys', 'domainProofKeys', 'grantMarkerKeys', 'heldBatchKeys', 'holdBlockKeys', 'idpTenantKeys',
    'linkKeys', 'noticeEmailKeys', 'partnerKeys', 'providerGrantKeys', 'relationshipKeys', 'removalRequestKeys', 'requestEmailKeys', 'sessionKeys',
    'signInEmailKeys', 'tenantKeys', 'tokenKeys', 'uploadKeys', 'userKeys', 'webhookDeliveryKeys',
  ],
  // R32: the partner portal: its people and its own sessions (never the customers' SESSION#), the
  // sign-in tokens, the partner, and what its pages' use cases reach.
  // R32: the portal's people and sessions; device files through the batch use cases (R14-R17 read relationships, devices, tenants).
  'partner-portal': [
    'activityKeys', 'apiKeyKeys', 'auditKeys', 'batchKeys', 'consentRequestKeys', 'customerKeyKeys', 'deviceIdentityKeys', 'deviceKeys',
    'domainKeys', 'grantMarkerKeys', 'holdBlockKeys', 'idempotencyKeys', 'idpTenantKeys', 'linkKeys', 'noticeEmailKeys', 'partnerKeys',
    'partnerPersonKeys', 'partnerSessionKeys', 'providerGrantKeys', 'rateLimitKeys', 'relationshipKeys', 'requestEmailKeys', 'signInEmailKeys',
    'tenantKeys', 'tokenKeys', 'uploadKeys', 'userKeys', 'webhookConfigKeys', 'webhookDeliveryKeys',
  ],
  'consent-status-check': [
    'activityKeys', 'apiKeyKeys', 'auditKeys', 'batchKeys', 'claimKeys', 'claimMarkerKeys', 'consentRequestKeys', 'deviceIdentityKeys', 'deviceKeys',
    'domainKeys', 'dueKeys', 'grantMarkerKeys', 'holdBlockKeys', 'idempotencyKeys', 'idpTenantKeys', 'noticeEmailKeys', 'partnerKeys',
    'partnerPersonKeys', 'providerGrantKeys', 'rateLimitKeys', 'relationshipKeys', 'requestEmailKeys', 'signInEmailKeys', 'suppressionKeys',
    'tenantKeys', 'tokenKeys', 'uploadKeys', 'userKeys', 'webhookConfigKeys', 'webhookDeliveryKeys',
  ],
  'stream-consumer': [
    'activityKeys', 'apiKeyKeys', 'auditKeys', 'batchKeys', 'claimKeys', 'claimMarkerKeys', 'consentRequestKeys', 'deviceIdentityKeys', 'deviceKeys',
    'domainKeys', 'grantMarkerKeys', 'holdBlockKeys', 'idempotencyKeys', 'idpTenantKeys', 'noticeEmailKeys', 'partnerKeys', 'partnerPersonKeys',
    'providerGrantKeys', 'rateLimitKeys', 'relationshipKeys', 'requestEmailKeys', 'signInEmailKeys', 'suppressionKeys', 'tenantKeys', 'tokenKeys',
    'uploadKeys', 'userKeys', 'webhookConfigKeys', 'webhookDeliveryKeys',
  ],
  'ses-events': [
    'auditKeys', 'batchKeys', 'consentRequestKeys', 'noticeEmailKeys', 'requestEmailKeys', 'signInEmailKeys', 'suppressionKeys', 'uploadKeys',
    'webhookDeliveryKeys',
  ],
} as const satisfies Record<ServiceFunction, readonly KeyBuilderName[]>;

/**
 * The `dynamodb:LeadingKeys` pattern (IAM `StringLike`) of a partition key value: its first
 * segment and `#*` (`PARTNER#p#REQ` is `PARTNER#*`), or the value itself when it has no `#` (the
 * `SUPPRESSIONS` list, a due kind).
 */
export const leadingKeyPattern = (partition: string): string => (partition.includes('#') ? `${partition.slice(0, partition.indexOf('#'))}#*` : partition);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Every partition a key builder names: the table partition of each item key (`key`, `part`...)
 * and the partition of each query (of the table or of an index: IAM checks a Query on an index
 * against the index's own partition key), each shard's of a sharded list. Index keys written on an item (`indexes`) are not
 * leading keys of the write. Found by calling each builder with placeholder arguments; the due
 * index's partitions are those of each kind (`dueKeys.partitions`: its shards and the kind alone).
 */
export function keyBuilderPartitions(name: KeyBuilderName): string[] {
  if (name === 'dueKeys') return DUE_KINDS.flatMap((kind) => keys.dueKeys.partitions(kind));
  const partitions: string[] = [];
  for (const [member, build] of Object.entries(keys[name] as Record<string, unknown>)) {
    if (typeof build !== 'function' || /indexes$/i.test(member)) continue;
    const built: unknown = build(...Array.from({ length: build.length }, () => 'x'));
    // A sharded list is one query a shard (deviceKeys.queryShardsOf...).
    for (const out of Array.isArray(built) ? built : [built]) {
      if (isObject(out) && typeof out.pk === 'string') partitions.push(out.pk);
      else if (isObject(out) && typeof out.partition === 'string') partitions.push(out.partition);
    }
  }
  return partitions;
}

/** The `dynamodb:LeadingKeys` patterns of a function's grant on the table and its indexes, sorted. */
export function tableAccessPatterns(fn: ServiceFunction): string[] {
  return [...new Set(TABLE_ACCESS[fn].flatMap((name) => keyBuilderPartitions(name).map(leadingKeyPattern)))].sort();
}

/** IAM's `StringLike`: `*` any run of characters, `?` one. */
const likePattern = (pattern: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');

/** The partition key values a DynamoDB call (document client input) names: what IAM checks as `dynamodb:LeadingKeys`. */
export function leadingKeysOf(input: Record<string, unknown>): string[] {
  const pkOf = (item: unknown): string[] => {
    const pk = isObject(item) ? item.pk : undefined;
    const value = isObject(pk) && typeof pk.S === 'string' ? pk.S : pk;
    return typeof value === 'string' ? [value] : [];
  };
  if (isObject(input.Key)) return pkOf(input.Key);
  if (isObject(input.Item)) return pkOf(input.Item);
  if (typeof input.KeyConditionExpression === 'string') {
    // Every query is keys.ts's `keyQuery`: `#pk = :pk ...`.
    const values = input.ExpressionAttributeValues as Record<string, unknown> | undefined;
    const pk = values?.[':pk'];
    const value = isObject(pk) && typeof pk.S === 'string' ? pk.S : pk;
    return typeof value === 'string' ? [value] : [];
  }
  if (Array.isArray(input.TransactItems)) {
    return input.TransactItems.flatMap((entry: unknown) =>
      isObject(entry) ? Object.values(entry).flatMap((op) => (isObject(op) ? [...pkOf(op.Key), ...pkOf(op.Item)] : [])) : [],
    );
  }
  if (isObject(input.RequestItems)) {
    return Object.values(input.RequestItems).flatMap((request) => {
      if (Array.isArray(request)) {
        return request.flatMap((write: unknown) => (isObject(write) ? [...pkOf((write.PutRequest as { Item?: unknown } | undefined)?.Item), ...pkOf((write.DeleteRequest as { Key?: unknown } | undefined)?.Key)] : []));
      }
      return isObject(request) && Array.isArray(request.Keys) ? request.Keys.flatMap(pkOf) : [];
    });
  }
  return [];
}

/** Thrown locally where IAM would refuse the call in AWS (the same name as DynamoDB's error). */
export class TableAccessDenied extends Error {
  override name = 'AccessDeniedException';
}

/**
 * What IAM's condition `ForAllValues:StringLike` on `dynamodb:LeadingKeys` decides, for a call
 * `fn` makes: throws naming the first partition outside its patterns.
 */
export function checkTableAccess(fn: string, input: Record<string, unknown>): void {
  if (!(fn in TABLE_ACCESS)) throw new TableAccessDenied(`${fn} is no function of the service (TABLE_ACCESS)`);
  const patterns = tableAccessPatterns(fn as ServiceFunction).map(likePattern);
  for (const partition of leadingKeysOf(input)) {
    if (!patterns.some((p) => p.test(partition))) {
      throw new TableAccessDenied(`${fn} may not touch the partition ${partition} (its dynamodb:LeadingKeys are ${tableAccessPatterns(fn as ServiceFunction).join(', ')}; shared/table/access.ts)`);
    }
  }
}
