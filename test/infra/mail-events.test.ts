import type { CfnElement } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { aliasLogicalId, functionLogicalId, referencedId, resourcesOfType, type SynthesizedService, synthService, SYNTH_TIMEOUT_MS } from './synth.ts';

type Properties = Record<string, unknown>;

describe('mail events and suppression', () => {
  let synth: SynthesizedService;
  let configurationSetId: string;
  let topicId: string;

  beforeAll(() => {
    synth = synthService();
    configurationSetId = synth.stateful.getLogicalId(synth.stateful.mailConfigurationSet.node.defaultChild as CfnElement);
    topicId = synth.stateless.getLogicalId(synth.stateless.mailEvents.topic.node.defaultChild as CfnElement);
  }, SYNTH_TIMEOUT_MS);

  it("sends through a configuration set that requires TLS, keeps reputation metrics and SES's suppression list of bounces and complaints", () => {
    const sets = resourcesOfType(synth.statefulTemplate, 'AWS::SES::ConfigurationSet');
    expect(Object.keys(sets)).toEqual([configurationSetId]);
    expect(sets[configurationSetId].Properties).toMatchObject({
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    });
    // The identity's default: a message sent without naming it goes through it too.
    synth.statefulTemplate.hasResourceProperties('AWS::SES::EmailIdentity', { ConfigurationSetAttributes: { ConfigurationSetName: { Ref: configurationSetId } } });
  });

  it('names the configuration set to every function that sends mail, and to no other', () => {
    const fns = resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Function');
    let mailing = 0;
    for (const [id, fn] of Object.entries(fns)) {
      const env = (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
      if (env.MAIL_FROM === undefined) {
        expect(env.SES_CONFIGURATION_SET, id).toBeUndefined();
        continue;
      }
      mailing++;
      expect(JSON.stringify(env.SES_CONFIGURATION_SET), id).toMatch(/Fn::ImportValue/);
      expect(JSON.stringify(env.SES_CONFIGURATION_SET), id).toMatch(/MailConfigurationSet/);
    }
    expect(mailing).toBe(2);
  });

  it('publishes bounces, complaints and deliveries of that set to an encrypted, TLS-only topic that SES alone may publish to', () => {
    const destinations = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::SES::ConfigurationSetEventDestination')).map((d) => d.Properties ?? {});
    expect(destinations).toHaveLength(1);
    expect(JSON.stringify(destinations[0].ConfigurationSetName)).toMatch(/MailConfigurationSet/);
    const destination = destinations[0].EventDestination as Properties;
    expect(destination.Enabled).toBe(true);
    expect((destination.MatchingEventTypes as string[]).sort()).toEqual(['bounce', 'complaint', 'delivery']);
    expect(referencedId((destination.SnsDestination as { TopicARN: unknown }).TopicARN)).toBe(topicId);

    const topic = resourcesOfType(synth.statelessTemplate, 'AWS::SNS::Topic')[topicId].Properties ?? {};
    expect(referencedId(topic.KmsMasterKeyId)).toBe(synth.stateless.getLogicalId(synth.stateless.notificationsKey.node.defaultChild as CfnElement));
    const statements = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::SNS::TopicPolicy'))
      .filter((p) => (p.Properties?.Topics as unknown[]).some((t) => referencedId(t) === topicId))
      .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: Properties[] }).Statement);
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({ Principal: { Service: 'ses.amazonaws.com' }, Action: 'sns:Publish' });
    expect(JSON.stringify(allows[0].Condition)).toMatch(/configuration-set\//);

    // SES may encrypt with the key, for this account's SES resources only.
    const key = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::KMS::Key'))[0].Properties ?? {};
    const sesStatement = (key.KeyPolicy as { Statement: Properties[] }).Statement.find((s) => JSON.stringify(s.Principal).includes('ses.amazonaws.com'));
    expect(sesStatement).toMatchObject({ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } });
  });

  // Issue 25: through the function's live alias (a version CodeDeploy shifted to).
  it('gives the events to the ses-events function, which writes the table, reads no secret and sends nothing', () => {
    synth.statelessTemplate.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: topicId },
      Endpoint: { Ref: aliasLogicalId(synth, 'ses-events') },
    });
    synth.statelessTemplate.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'sns.amazonaws.com',
      SourceArn: { Ref: topicId },
      FunctionName: { Ref: aliasLogicalId(synth, 'ses-events') },
    });
    synth.statelessTemplate.hasResourceProperties('AWS::Lambda::Alias', { Name: 'live', FunctionName: { Ref: functionLogicalId(synth, 'ses-events') } });
    const roleId = synth.stateless.getLogicalId(synth.stateless.functions['ses-events'].role.node.defaultChild as CfnElement);
    const actions = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::IAM::Policy'))
      .filter((p) => (p.Properties?.Roles as unknown[]).some((role) => referencedId(role) === roleId))
      .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement)
      .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions).toContain('dynamodb:PutItem');
    expect(actions.filter((a) => a.startsWith('ses:') || a.startsWith('secretsmanager:'))).toEqual([]);
  });
});
