import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { withCorrelation } from '#shared/observability/correlation.ts';
import { db, tableName } from '#shared/table/client.ts';
import { partnerKeys, sessionKeys, suppressionKeys } from '#shared/table/keys.ts';
import { keyQuery } from '#shared/table/page.ts';

/** Runs `work` as the function `service` of the service does, as its handler's chain would. */
const as = <T>(service: string, work: () => Promise<T>): Promise<T> => withCorrelation(() => undefined, work, service)(undefined, undefined);

/**
 * Issue 20: DynamoDB Local ignores IAM, so locally every call of a function is checked against its
 * `dynamodb:LeadingKeys` grant (shared/table/access.ts) the way IAM decides in AWS: the whole
 * integration tier then runs each function within its grant, or fails where AWS would refuse it.
 */
describe('least privilege inside the table, enforced locally as IAM does', () => {
  it('refuses a function a partition outside its grant (ses-events reading a session), with the error IAM gives', async () => {
    const read = () => db().send(new GetCommand({ TableName: tableName(), Key: sessionKeys.key('s') }));
    await expect(as('ses-events', read)).rejects.toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('SESSION#') });
    await expect(as('pages', read)).resolves.toBeDefined();
  });

  it('checks every item of a transaction: one item outside the grant refuses the whole of it', async () => {
    const write = () =>
      db().send(
        new TransactWriteCommand({
          TransactItems: [
            { ConditionCheck: { TableName: tableName(), Key: partnerKeys.key('p_0000'), ConditionExpression: 'attribute_not_exists(pk)' } },
            { ConditionCheck: { TableName: tableName(), Key: sessionKeys.key('s'), ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
    await expect(as('partner-api', write)).rejects.toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('SESSION#') });
    await expect(as('pages', write)).resolves.toBeDefined();
  });

  it('checks a query on an index by the index\'s own partition (the suppressions list on gsi1)', async () => {
    const list = () => db().send(new QueryCommand({ ...keyQuery(suppressionKeys.queryAll()), Limit: 1 }));
    await expect(as('customer-api', list)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(as('ops-api', list)).resolves.toBeDefined();
  });
});
