import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { addService } from '../../infra/service.ts';
import { cdkJsonContext, synthService } from './synth.ts';

/**
 * cdk-nag 3 is a policy validation plugin: acknowledged findings are dropped by the pack itself,
 * and any other error fails `app.synth()` (in a test it throws with the report; under the CLI the
 * synth exits non-zero). The report is written to validation-report.json in the cloud assembly.
 */

/** The finding kinds this service accepts, each acknowledged where it arises with its reason. */
const ACCEPTED_RULES = [
  'AwsSolutions-SMG4',
  'AwsSolutions-APIG4',
  'AwsSolutions-IAM5[Resource::*]',
  'AwsSolutions-SQS3',
  // Only the AWS Backup service role's own policy (stateful.test.ts checks it is on that role alone).
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
];

const newApp = () => new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });

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
  it('pass: synthesis reports no violation, not even a warning', () => {
    const synth = synthService();
    const report = JSON.parse(readFileSync(join(synth.outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { pluginName: string; violations: unknown[] }[];
    };
    expect(report.pluginReports).toEqual([]);
    for (const stack of [synth.stateful, synth.stateless]) {
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue()), stack.stackName).toEqual([]);
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue()), stack.stackName).toEqual([]);
    }
  });

  it('fail the synthesis on an error that is not acknowledged', () => {
    const app = newApp();
    const { stateful } = addService(app);
    new Secret(stateful, 'NotRotatedNorAcknowledged');
    expect(() => app.synth()).toThrow(/NotRotatedNorAcknowledged[\s\S]*AwsSolutions-SMG4/);
  });

  it('are acknowledged only with a reason, each for a finding that exists, of an accepted kind', () => {
    const app = newApp();
    addService(app, { nag: false });
    app.synth();

    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(typeof ack.reason, `${ack.path} ${ack.id}`).toBe('string');
      expect((ack.reason as string).trim().length, `${ack.path} ${ack.id}`).toBeGreaterThanOrEqual(40);
      expect(ACCEPTED_RULES, `${ack.path} ${ack.id}`).toContain(ack.id);
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

    // No stale acknowledgement: each one still covers a finding at or under its construct.
    for (const ack of acks) {
      const used = acknowledgedFindings.some((f) => f.id === ack.id && (f.path === ack.path || f.path.startsWith(`${ack.path}/`)));
      expect(used, `unused acknowledgement ${ack.id} at ${ack.path}`).toBe(true);
    }
  });
});
