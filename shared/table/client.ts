import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localClientOptions, requireEnv } from '#shared/config/env.ts';
import { currentService } from '#shared/observability/correlation.ts';

/** Decides whether the function `service` may make a call (its input); throws to refuse it. */
export type TableCallCheck = (service: string, input: Record<string, unknown>) => void;

let documentClient: DynamoDBDocumentClient | undefined;
let tableCallCheck: TableCallCheck | undefined;

/**
 * Has every later call a function of the service makes checked first (`service` from the
 * invocation's context). The local stack installs the check of the functions' IAM grants on the
 * table (dev/stack.ts, shared/table/access.ts), since DynamoDB Local ignores IAM; in AWS nothing
 * is installed (IAM decides) and the functions do not bundle the check.
 */
export function checkTableCalls(check: TableCallCheck | undefined): void {
  tableCallCheck = check;
}

/** One document client per process, created at first use. */
export function db(): DynamoDBDocumentClient {
  if (!documentClient) {
    documentClient = DynamoDBDocumentClient.from(new DynamoDBClient(localClientOptions('DYNAMODB_ENDPOINT')), {
      marshallOptions: { removeUndefinedValues: true },
    });
    documentClient.middlewareStack.add(
      (next) => async (args) => {
        const service = tableCallCheck && currentService();
        if (service) tableCallCheck!(service, args.input as Record<string, unknown>);
        return next(args);
      },
      { step: 'initialize', name: 'tableCallCheck' },
    );
  }
  return documentClient;
}

export const tableName = (): string => requireEnv('TABLE_NAME');
