import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isLocal, localClientOptions, requireEnv } from '#shared/config/env.ts';
import { currentService } from '#shared/observability/correlation.ts';
import { checkTableAccess, TABLE_ACCESS, type ServiceFunction } from './access.ts';

let documentClient: DynamoDBDocumentClient | undefined;

/**
 * One document client per process, created at first use. Locally (where DynamoDB Local ignores
 * IAM) every call a function of the service makes is first checked against its grant on the table
 * (`dynamodb:LeadingKeys`, shared/table/access.ts) and refused as IAM would refuse it in AWS.
 */
export function db(): DynamoDBDocumentClient {
  if (!documentClient) {
    documentClient = DynamoDBDocumentClient.from(new DynamoDBClient(localClientOptions('DYNAMODB_ENDPOINT')), {
      marshallOptions: { removeUndefinedValues: true },
    });
    if (isLocal()) {
      documentClient.middlewareStack.add(
        (next) => async (args) => {
          const service = currentService();
          if (service && service in TABLE_ACCESS) checkTableAccess(service as ServiceFunction, args.input as Record<string, unknown>);
          return next(args);
        },
        { step: 'initialize', name: 'tableAccessCheck' },
      );
    }
  }
  return documentClient;
}

export const tableName = (): string => requireEnv('TABLE_NAME');
