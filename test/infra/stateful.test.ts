import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SECRET_FIELDS } from '../../infra/constructs/service-secret.ts';
import { TABLE_INDEXES, TABLE_KEY, TTL_ATTRIBUTE } from '../../shared/table/definition.ts';
import { resourcesOfType, type SynthesizedService, synthService } from './synth.ts';

describe('stateful stack', () => {
  let synth: SynthesizedService;
  beforeAll(() => {
    synth = synthService({ mailDomain: 'consent.contoso.example' });
  });

  it('makes the single table from shared/table/definition.ts, protected and encrypted', () => {
    synth.statefulTemplate.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    synth.statefulTemplate.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: TABLE_KEY.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEY.sortKey, KeyType: 'RANGE' },
        ],
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      }),
    });
  });

  it('has exactly the GSIs of TABLE_INDEXES, string keys, projecting all attributes', () => {
    const table = Object.values(resourcesOfType(synth.statefulTemplate, 'AWS::DynamoDB::GlobalTable'))[0].Properties ?? {};
    expect(table.GlobalSecondaryIndexes).toEqual(
      TABLE_INDEXES.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    const keyAttributes = [TABLE_KEY.partitionKey, TABLE_KEY.sortKey, ...TABLE_INDEXES.flatMap((i) => [i.partitionKey, i.sortKey])];
    expect(table.AttributeDefinitions).toEqual(keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })));
  });

  it('verifies the mail domain with SES and sends from it', () => {
    synth.statefulTemplate.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'consent.contoso.example' });
    for (const fn of Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Function'))) {
      const from = (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables.MAIL_FROM;
      if (from !== undefined) expect(from).toBe('no-reply@consent.contoso.example');
    }
  });

  it('outputs the table name', () => {
    synth.statefulTemplate.hasOutput('TableName', {});
  });

  it('assembles the service secret from generated values only: no secret value in any template', () => {
    const secrets = resourcesOfType(synth.statefulTemplate, 'AWS::SecretsManager::Secret');
    const seeds = Object.values(secrets).filter((s) => s.Properties?.GenerateSecretString);
    expect(seeds).toHaveLength(SECRET_FIELDS.length);
    for (const seed of seeds) {
      expect(seed.Properties?.SecretString).toBeUndefined();
      expect(seed.Properties?.GenerateSecretString).toMatchObject({ PasswordLength: 64, ExcludePunctuation: true });
    }
    const service = Object.values(secrets).filter((s) => s.Properties?.SecretString);
    expect(service).toHaveLength(1);
    // Its value is a JSON object of the three fields, each only a dynamic reference to a seed.
    const parts = (service[0].Properties?.SecretString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    const literal = parts.filter((p): p is string => typeof p === 'string').join('<ref>');
    expect(literal).toBe(
      `{${SECRET_FIELDS.map((field) => `"${field}":"{{resolve:secretsmanager:<ref>:SecretString:::}}"`).join(',')}}`,
    );

    // Nothing anywhere in either template looks like a value for a secret field.
    let fieldsSeen = 0;
    for (const template of [synth.statefulTemplate, synth.statelessTemplate]) {
      const text = JSON.stringify(template.toJSON());
      for (const field of SECRET_FIELDS) {
        for (const match of text.matchAll(new RegExp(`${field}\\\\":\\\\"([^\\\\"]*)`, 'g'))) {
          fieldsSeen++;
          expect(match[1]).toBe('{{resolve:secretsmanager:');
        }
      }
      expect(text).not.toMatch(/OPS_TOKEN|CURSOR_KEY|SESSION_KEY/);
    }
    expect(fieldsSeen).toBe(SECRET_FIELDS.length);
  });

  it('gives the functions the service secret only, never a seed', () => {
    const text = JSON.stringify(synth.statelessTemplate.toJSON());
    const exported = Object.entries(synth.statefulTemplate.toJSON().Outputs as Record<string, { Value: unknown; Export?: { Name: string } }>);
    const seedExports = exported.filter(([, o]) => JSON.stringify(o.Value).includes('Seed'));
    expect(seedExports).toEqual([]);
    expect(text).toMatch(/ServiceSecret/);
  });
});
