/**
 * The SDK-only baseline of a function that uses DynamoDB (through the document client) and Secrets
 * Manager: the same clients and commands, made at first use as the functions make theirs
 * (shared/table/client.ts, shared/config/secrets.ts), and nothing else.
 * Bundled with the functions' own options (infra/constructs/project-function.ts functionBundling).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

let db: DynamoDBDocumentClient | undefined;
let secrets: SecretsManagerClient | undefined;
const COMMANDS = { BatchGetCommand, BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand };

export const handler = async (event: { command: keyof typeof COMMANDS; input: never; secretId?: string }) => {
  db ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  secrets ??= new SecretsManagerClient({});
  return [
    await db.send(new COMMANDS[event.command](event.input) as GetCommand),
    event.secretId ? await secrets.send(new GetSecretValueCommand({ SecretId: event.secretId })) : undefined,
  ];
};
