import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { CfnSubscription } from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { addService, type ServiceOptions } from '../../infra/service.ts';
import { cdkJsonContext, FULL_OPTIONS, synthService, SYNTH_TIMEOUT_MS } from './synth.ts';

/**
 * cdk-nag 3 is a policy validation plugin: acknowledged findings are dropped by the pack itself,
 * and any other error fails `app.synth()` (in a test it throws with the report; under the CLI the
 * synth exits non-zero). The report is written to validation-report.json in the cloud assembly.
 */

/** The finding kinds this service accepts, each acknowledged where it arises with its reason. */
const ACCEPTED_RULES: (string | RegExp)[] = [
  'AwsSolutions-SMG4',
  'AwsSolutions-APIG4',
  'AwsSolutions-IAM5[Resource::*]',
  'AwsSolutions-SQS3',
  // Only the AWS Backup service role's own policy (stateful.test.ts checks it is on that role alone).
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
  // Issue 25: CodeDeploy's service role policy for Lambda (permissions.test.ts: on its role alone).
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
  // Issue 25: the canary's role as Synthetics needs it (its own bucket's objects, its runner's log group) and its artifacts bucket.
  /^AwsSolutions-IAM5\[Resource::<PagesCanaryArtifacts[0-9A-F]{8}\.Arn>\/\*\]$/,
  /^AwsSolutions-IAM5\[Resource::arn:.+:logs:.+:log-group:\/aws\/lambda\/cwsyn-\*\]$/,
  'AwsSolutions-S1',
  // Issue 25: the front's distribution: no geo restriction, no standard logs (they would hold one-time tokens).
  'AwsSolutions-CFR1',
  'AwsSolutions-CFR3',
  // Issue 25: CDK's CloudFormation validation does not know that SNS invokes a Lambda alias.
  'CloudFormation-Validate::W3694',
  // Issue 21: the functions that write large downloads, on the downloads/ prefix of their bucket alone (permissions.test.ts).
  /^AwsSolutions-IAM5\[Resource::arn:<AWS::Partition>:s3:::[a-z0-9-]+-downloads-<AWS::AccountId>-<AWS::Region>\/downloads\/\*\]$/,
  // R32: the portal presigns the form that posts a device file under uploads/, the outbox workers read it (permissions.test.ts).
  /^AwsSolutions-IAM5\[Resource::arn:<AWS::Partition>:s3:::[a-z0-9-]+-downloads-<AWS::AccountId>-<AWS::Region>\/uploads\/\*\]$/,
  // Issue 24: Firehose puts the objects it names itself under the audit archive's two prefixes, and nowhere else (audit-archive.test.ts).
  /^AwsSolutions-IAM5\[Resource::<AuditArchiveBucket[0-9A-F]{8}\.Arn>\/(audit|errors)\/\*\]$/,
];
const accepted = (id: string) => ACCEPTED_RULES.some((rule) => (typeof rule === 'string' ? rule === id : rule.test(id)));

const newApp = () => new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });

const CONFIGURATIONS: [string, ServiceOptions][] = [
  ['defaults', {}],
  ['every option', FULL_OPTIONS],
];

/** Every acknowledgement recorded on the construct tree: where, which rule, and why. */
function acknowledgements(root: IConstruct): { path: string; id: string; reason: unknown }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, unknown>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

describe('cdk-nag AwsSolutions checks', () => {
  it.each(CONFIGURATIONS)('pass (%s): synthesis reports no violation, not even a warning', (_, options) => {
    const synth = synthService(options);
    const report = JSON.parse(readFileSync(join(synth.outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { pluginName: string; violations: unknown[] }[];
    };
    // A plugin may report the findings it dropped as acknowledged, never one it did not.
    for (const plugin of report.pluginReports) expect(plugin.violations, plugin.pluginName).toEqual([]);
    const stacks = [synth.stateful, synth.stateless, ...(synth.edge ? [synth.edge] : [])];
    expect(stacks).toHaveLength(options.front ? 3 : 2);
    for (const stack of stacks) {
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue()), stack.stackName).toEqual([]);
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue()), stack.stackName).toEqual([]);
    }
  }, SYNTH_TIMEOUT_MS);

  it('fail the synthesis on an error that is not acknowledged', () => {
    const app = newApp();
    const { stateful } = addService(app);
    new Secret(stateful, 'NotRotatedNorAcknowledged');
    expect(() => app.synth()).toThrow(/NotRotatedNorAcknowledged[\s\S]*AwsSolutions-SMG4/);
  });

  it.each(CONFIGURATIONS)('are acknowledged (%s) only with a reason, each for a finding that exists, of an accepted kind', (_, options) => {
    const app = newApp();
    addService(app, { ...options, nag: false });
    app.synth();

    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(typeof ack.reason, `${ack.path} ${ack.id}`).toBe('string');
      expect((ack.reason as string).trim().length, `${ack.path} ${ack.id}`).toBeGreaterThanOrEqual(40);
      expect(accepted(ack.id), `${ack.path} ${ack.id} is not an accepted kind`).toBe(true);
    }

    // Run the pack by hand and record which acknowledgement each finding was dropped for.
    const pack = new AwsSolutionsChecks(app);
    const packInternals = pack as unknown as { isAcknowledged: (node: IConstruct, ruleId: string) => boolean };
    expect(typeof packInternals.isAcknowledged).toBe('function');
    const original = packInternals.isAcknowledged.bind(pack);
    const acknowledgedFindings: { path: string; id: string }[] = [];
    packInternals.isAcknowledged = (node, ruleId) => {
      const acknowledged = original(node, ruleId);
      if (acknowledged) acknowledgedFindings.push({ path: node.node.path, id: ruleId });
      return acknowledged;
    };
    const result = pack.validateScope(app);
    expect(result.violations).toEqual([]);

    // No stale acknowledgement: each one still covers a finding at or under its construct. CDK's
    // own CloudFormation validation has no pack to run by hand: its one acknowledged rule must
    // still apply, an SNS lambda subscription whose endpoint is an alias.
    for (const ack of acks.filter((a) => a.id.startsWith('CloudFormation-Validate::'))) {
      expect(ack.id).toBe('CloudFormation-Validate::W3694');
      const subscription = app.node.findAll().find((c) => c.node.path === ack.path)?.node.defaultChild as CfnSubscription;
      expect(subscription.protocol).toBe('lambda');
      expect(Stack.of(subscription).resolve(subscription.endpoint)).toEqual({ Ref: expect.stringMatching(/Live[0-9A-F]{8}$/) });
    }
    for (const ack of acks.filter((a) => !a.id.startsWith('CloudFormation-Validate::'))) {
      const used = acknowledgedFindings.some((f) => f.id === ack.id && (f.path === ack.path || f.path.startsWith(`${ack.path}/`)));
      expect(used, `unused acknowledgement ${ack.id} at ${ack.path}`).toBe(true);
    }
  }, SYNTH_TIMEOUT_MS);
});
