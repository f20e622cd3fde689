import type { CfnElement } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FunctionName } from '../../infra/constructs/project-function.ts';
import { asList, functionLogicalId, iamStatements, referencedId, resourcesOfType, type SynthesizedService, synthService } from './synth.ts';

const TABLE_READ = ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:Query'];
const TABLE_WRITE = ['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
/** The functions that send email (bindMail); the others must not be able to. */
const MAILING: FunctionName[] = ['consent-status-check', 'stream-consumer'];

describe('IAM permissions', () => {
  let synth: SynthesizedService;
  let templates: [string, Template][];
  beforeAll(() => {
    synth = synthService();
    templates = [
      ['stateful', synth.statefulTemplate],
      ['stateless', synth.statelessTemplate],
    ];
  });

  /** The statements of one function's role. */
  const statementsOf = (name: FunctionName) => {
    const roleId = synth.stateless.getLogicalId(synth.stateless.functions[name].role.node.defaultChild as CfnElement);
    const policies = resourcesOfType(synth.statelessTemplate, 'AWS::IAM::Policy');
    return Object.values(policies)
      .filter((p) => (p.Properties?.Roles as unknown[]).some((role) => referencedId(role) === roleId))
      .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement);
  };
  const actionsOf = (name: FunctionName, prefix: string) =>
    [...new Set(statementsOf(name).flatMap((s) => asList(s.Action)).filter((a) => a.startsWith(prefix)))].sort();

  it('never grants a DynamoDB wildcard action or Scan, in either stack', () => {
    let dynamoStatements = 0;
    for (const [stack, template] of templates) {
      for (const { owner, statement } of iamStatements(template)) {
        for (const action of asList(statement.Action)) {
          if (action === '*') throw new Error(`${stack}/${owner} grants "*"`);
          if (!action.toLowerCase().startsWith('dynamodb:')) continue;
          dynamoStatements++;
          expect(action, `${stack}/${owner}`).not.toMatch(/\*/);
          expect(action.toLowerCase(), `${stack}/${owner}`).not.toBe('dynamodb:scan');
        }
      }
    }
    expect(dynamoStatements).toBeGreaterThan(0);
  });

  it('grants on "*" only the X-Ray actions of active tracing', () => {
    let onEverything = 0;
    for (const [stack, template] of templates) {
      for (const { owner, statement } of iamStatements(template)) {
        if (!asList(statement.Resource).includes('*')) continue;
        onEverything++;
        expect(asList(statement.Action).sort(), `${stack}/${owner}`).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
      }
    }
    expect(onEverything).toBe(Object.keys(synth.stateless.functions).length);
  });

  it('never grants ses:SendEmail on "*", and grants sending on the mail identity to the mailing functions only', () => {
    for (const [stack, template] of templates) {
      for (const { owner, statement } of iamStatements(template)) {
        const actions = asList(statement.Action);
        if (!actions.some((a) => a.startsWith('ses:'))) continue;
        const resources = asList(statement.Resource);
        expect(resources, `${stack}/${owner}`).not.toContain('*');
        expect(JSON.stringify(resources), `${stack}/${owner}`).toMatch(/:identity\//);
        expect(JSON.stringify(resources), `${stack}/${owner}`).toMatch(/MailIdentity/);
      }
    }
    for (const name of Object.keys(synth.stateless.functions) as FunctionName[]) {
      expect(actionsOf(name, 'ses:'), name).toEqual(MAILING.includes(name) ? ['ses:SendEmail', 'ses:SendRawEmail'] : []);
    }
  });

  it('gives the authorizer read-only table access, and the others read and write', () => {
    expect(actionsOf('authorizer', 'dynamodb:')).toEqual(TABLE_READ);
    for (const name of ['ops-api', 'partner-api', 'pages', 'consent-status-check'] as const) {
      expect(actionsOf(name, 'dynamodb:'), name).toEqual([...TABLE_READ, ...TABLE_WRITE].sort());
    }
    // The stream consumer also reads the table's stream (checked in stream-consumer.test.ts).
    const itemActions = actionsOf('stream-consumer', 'dynamodb:').filter((a) => [...TABLE_READ, ...TABLE_WRITE].includes(a));
    expect(itemActions).toEqual([...TABLE_READ, ...TABLE_WRITE].sort());
  });

  it('lets every function read the service secret, and sets the matching environment', () => {
    for (const name of Object.keys(synth.stateless.functions) as FunctionName[]) {
      expect(actionsOf(name, 'secretsmanager:'), name).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
      const fn = resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Function')[functionLogicalId(synth, name)];
      const env = (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(env), name).toEqual(expect.arrayContaining(['TABLE_NAME', 'SECRET_ARN', 'PUBLIC_URL']));
      expect(env.MAIL_FROM, name).toBe(MAILING.includes(name) ? 'no-reply@device-consent.example' : undefined);
    }
  });

  it('uses no AWS managed policy', () => {
    for (const [stack, template] of templates) {
      for (const [id, role] of Object.entries(resourcesOfType(template, 'AWS::IAM::Role'))) {
        expect(role.Properties?.ManagedPolicyArns, `${stack}/${id}`).toBeUndefined();
      }
    }
  });
});
