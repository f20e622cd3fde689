import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localClientOptions, requireEnv } from '#shared/config/env.ts';

let documentClient: DynamoDBDocumentClient | undefined;

/** One document client per process, created at first use. */
export function db(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient(localClientOptions('DYNAMODB_ENDPOINT')), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

export const tableName = (): string => requireEnv('TABLE_NAME');
