import type { CfnElement } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FunctionName } from '../../infra/constructs/project-function.ts';
import { FUNCTION_SECRETS, SECRET_NAMES, secretArnVariable, type SecretName } from '#shared/config/secrets.ts';
import { asList, functionLogicalId, iamStatements, referencedId, resourcesOfType, type SynthesizedService, synthService, SYNTH_TIMEOUT_MS } from './synth.ts';

const TABLE_READ = ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:Query'];
const TABLE_WRITE = ['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
/** The functions that send email (bindMail); the others must not be able to. */
const MAILING: FunctionName[] = ['consent-status-check', 'stream-consumer'];
/** The functions that write large downloads (issue 21: exports, batch results) and sign their URLs. */
const DOWNLOADS_WRITERS: FunctionName[] = ['partner-api', 'customer-api', 'pages', 'partner-portal'];
/** R32: the outbox workers that import the portal's uploads. */
const UPLOAD_READERS: FunctionName[] = ['stream-consumer', 'consent-status-check'];
const DOWNLOADING: FunctionName[] = [...DOWNLOADS_WRITERS, ...UPLOAD_READERS];
/**
 * An `Fn::Join` with '' (nested ones too) or a string, as its parts with adjacent strings merged:
 * two expressions of the same name compare equal however CDK split their literals.
 */
function joinParts(value: unknown): unknown[] {
  const flat = (v: unknown): unknown[] => {
    const join = (v as { 'Fn::Join'?: [string, unknown[]] } | null)?.['Fn::Join'];
    if (join && join[0] === '') return join[1].flatMap(flat);
    return [v];
  };
  return flat(value).reduce<unknown[]>((parts, part) => {
    if (typeof part === 'string' && typeof parts.at(-1) === 'string') parts[parts.length - 1] = `${parts.at(-1) as string}${part}`;
    else if (part !== '') parts.push(part);
    return parts;
  }, []);
}
/** The AWS managed policies the service uses, each on the service role of the AWS service it is made for. */
const MANAGED_POLICIES = {
  // AWS Backup's service role policy, on the role of the table's backup selection.
  backup: { policy: 'service-role/AWSBackupServiceRolePolicyForBackup', service: 'backup.amazonaws.com', role: /^stateful\/BackupPlanTableRole/ },
  // Issue 25: CodeDeploy's policy for Lambda deployments (shift an alias, read the alarms), on the one role of the deployment groups.
  codeDeploy: { policy: 'service-role/AWSCodeDeployRoleForLambdaLimited', service: 'codedeploy.amazonaws.com', role: /^stateless\/DeploymentsRole/ },
};

describe('IAM permissions', () => {
  let synth: SynthesizedService;
  let templates: [string, Template][];
  beforeAll(() => {
    synth = synthService();
    templates = [
      ['stateful', synth.statefulTemplate],
      ['stateless', synth.statelessTemplate],
    ];
  }, SYNTH_TIMEOUT_MS);

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

  it('grants on "*" only the X-Ray actions of active tracing, and the two actions without resources the canary runtime needs', () => {
    const canaryRole = synth.stateless.getLogicalId(synth.stateless.canary.canary.role.node.defaultChild as CfnElement);
    let onEverything = 0;
    for (const [stack, template] of templates) {
      for (const { owner, statement } of iamStatements(template)) {
        if (!asList(statement.Resource).includes('*')) continue;
        onEverything++;
        const actions = asList(statement.Action).sort();
        if (stack === 'stateless' && owner === canaryRole) {
          // Issue 25: the Synthetics canary lists buckets before uploading, and publishes its own metrics only.
          if (actions.includes('cloudwatch:PutMetricData')) {
            expect(actions).toEqual(['cloudwatch:PutMetricData']);
            expect((statement as unknown as { Condition: unknown }).Condition).toEqual({ StringEquals: { 'cloudwatch:namespace': 'CloudWatchSynthetics' } });
          } else expect(actions).toEqual(['s3:ListAllMyBuckets']);
          continue;
        }
        expect(actions, `${stack}/${owner}`).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
      }
    }
    expect(onEverything).toBe(Object.keys(synth.stateless.functions).length + 2);
  });

  it('never grants ses:SendEmail on "*", and grants sending on the mail identity and its configuration set to the mailing functions only', () => {
    const granted = { identity: new Set<string>(), configurationSet: new Set<string>() };
    for (const [stack, template] of templates) {
      for (const { owner, statement } of iamStatements(template)) {
        const actions = asList(statement.Action);
        if (!actions.some((a) => a.startsWith('ses:'))) continue;
        expect(asList(statement.Resource), `${stack}/${owner}`).not.toContain('*');
        for (const resource of asList(statement.Resource).map((r) => JSON.stringify(r))) {
          if (/:identity\//.test(resource)) {
            expect(resource, `${stack}/${owner}`).toMatch(/MailIdentity/);
            granted.identity.add(owner);
          } else {
            expect(resource, `${stack}/${owner}`).toMatch(/:configuration-set\/.*MailConfigurationSet/);
            granted.configurationSet.add(owner);
          }
        }
      }
    }
    // Each mailing function's policy grants both: SES authorizes the identity and the configuration set of a message.
    expect(granted.identity.size).toBe(MAILING.length);
    expect([...granted.configurationSet].sort()).toEqual([...granted.identity].sort());
    for (const name of Object.keys(synth.stateless.functions) as FunctionName[]) {
      expect(actionsOf(name, 'ses:'), name).toEqual(MAILING.includes(name) ? ['ses:SendEmail', 'ses:SendRawEmail'] : []);
    }
  });

  it('gives the authorizer read-only table access, and the others read and write', () => {
    expect(actionsOf('authorizer', 'dynamodb:')).toEqual(TABLE_READ);
    for (const name of ['ops-api', 'partner-api', 'customer-api', 'pages', 'partner-portal', 'consent-status-check', 'ses-events'] as const) {
      expect(actionsOf(name, 'dynamodb:'), name).toEqual([...TABLE_READ, ...TABLE_WRITE].sort());
    }
    // The stream consumer also reads the table's stream (checked in stream-consumer.test.ts).
    const itemActions = actionsOf('stream-consumer', 'dynamodb:').filter((a) => [...TABLE_READ, ...TABLE_WRITE].includes(a));
    expect(itemActions).toEqual([...TABLE_READ, ...TABLE_WRITE].sort());
  });

  it('grants each function exactly the secrets it uses (least privilege), each with its ARN variable, and mail where it sends', () => {
    const logicalIdOf = (name: SecretName) => synth.stateful.getLogicalId(synth.stateful.secrets[name].node.defaultChild as CfnElement);
    const readable: Record<string, string[]> = {};
    for (const name of Object.keys(synth.stateless.functions) as FunctionName[]) {
      const statements = statementsOf(name).filter((s) => asList(s.Action).some((a) => a.startsWith('secretsmanager:')));
      for (const statement of statements) expect(asList(statement.Action).sort(), name).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
      const resources = statements.flatMap((s) => asList(s.Resource)).map((r) => JSON.stringify(r));
      readable[name] = SECRET_NAMES.filter((secret) => resources.some((r) => r.includes(logicalIdOf(secret))));
      // Nothing else: every resource granted is one of these secrets.
      expect(resources.every((r) => SECRET_NAMES.some((secret) => r.includes(logicalIdOf(secret)))), name).toBe(true);
      const fn = resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Function')[functionLogicalId(synth, name)];
      const env = (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(env).filter((v) => SECRET_NAMES.map(secretArnVariable).includes(v)).sort(), name).toEqual(FUNCTION_SECRETS[name].map(secretArnVariable).sort());
      expect(env.SECRET_ARN, name).toBeUndefined();
      expect(Object.keys(env), name).toEqual(expect.arrayContaining(['TABLE_NAME', 'PUBLIC_URL']));
      expect(env.MAIL_FROM, name).toBe(MAILING.includes(name) ? 'no-reply@device-consent.example' : undefined);
      expect(env.SES_CONFIGURATION_SET !== undefined, name).toBe(MAILING.includes(name));
    }
    expect(readable).toEqual({
      authorizer: ['opsTokenHash'],
      'ops-api': ['cursorKey'],
      'partner-api': ['cursorKey', 'webhookKey'],
      'customer-api': ['cursorKey'],
      pages: ['cursorKey', 'sessionKey'],
      'partner-portal': ['cursorKey', 'sessionKey'],
      'consent-status-check': ['webhookKey'],
      'stream-consumer': ['webhookKey'],
      'ses-events': [],
    });
    // Only the authorizer can read the operator token's hash; no function can read the token, which is stored nowhere.
    expect(Object.entries(readable).filter(([, names]) => names.includes('opsTokenHash')).map(([fn]) => fn)).toEqual(['authorizer']);
  });

  it('issue 21: gives exactly partner-api, customer-api, pages and the portal DOWNLOADS_BUCKET and put, get and abort on downloads/* of that bucket; R32: the portal put and get on uploads/*, the outbox workers get on uploads/*: no list, no delete, no other bucket', () => {
    const bucketId = synth.stateful.getLogicalId(synth.stateful.downloads.node.defaultChild as CfnElement);
    const bucketName = joinParts(resourcesOfType(synth.statefulTemplate, 'AWS::S3::Bucket')[bucketId].Properties?.BucketName);
    // The name is computed in both stacks (no cross-stack reference): they must be in one account and region.
    expect(synth.stateless.account).toBe(synth.stateful.account);
    expect(synth.stateless.region).toBe(synth.stateful.region);
    expect(bucketName[0]).toBe(`${synth.stateful.stackName.toLowerCase()}-downloads-`);
    const downloadsPrefix = joinParts({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { 'Fn::Join': ['', bucketName] }, '/downloads/*']] });
    const uploadsPrefix = joinParts({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { 'Fn::Join': ['', bucketName] }, '/uploads/*']] });

    const canaryRole = synth.stateless.getLogicalId(synth.stateless.canary.canary.role.node.defaultChild as CfnElement);
    const fns = resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Function');
    const granted: string[] = [];
    for (const name of Object.keys(synth.stateless.functions) as FunctionName[]) {
      const env = (fns[functionLogicalId(synth, name)].Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
      const s3Statements = statementsOf(name).filter((s) => asList(s.Action).some((a) => a.toLowerCase().startsWith('s3:')));
      if (!DOWNLOADING.includes(name)) {
        expect(s3Statements, name).toEqual([]);
        expect(env.DOWNLOADS_BUCKET, name).toBeUndefined();
        continue;
      }
      granted.push(name);
      expect(joinParts(env.DOWNLOADS_BUCKET), name).toEqual(bucketName);
      // Each statement: its actions on one prefix of the bucket, never a wildcard, a list or a delete.
      const grants = (s3Statements as (typeof s3Statements[number] & { Effect: string; Condition?: unknown })[]).map((statement) => {
        expect(statement.Effect, name).toBe('Allow');
        expect(statement.Condition, name).toBeUndefined();
        expect(asList(statement.Action).filter((a) => /\*|ListBucket|DeleteObject/i.test(a)), name).toEqual([]);
        return { actions: asList(statement.Action).sort(), resources: asList(statement.Resource).map(joinParts) };
      });
      const expected = [
        ...(DOWNLOADS_WRITERS.includes(name) ? [{ actions: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'], resources: [downloadsPrefix] }] : []),
        // R32: the portal signs the form's POST under uploads/ (PutObject) and sees whether the file came (HeadObject: GetObject); the workers only read it.
        ...(name === 'partner-portal' ? [{ actions: ['s3:GetObject', 's3:PutObject'], resources: [uploadsPrefix] }] : []),
        ...(UPLOAD_READERS.includes(name) ? [{ actions: ['s3:GetObject'], resources: [uploadsPrefix] }] : []),
      ];
      expect(grants, name).toEqual(expected);
    }
    expect(granted.sort()).toEqual([...DOWNLOADING].sort());

    // Nothing else in either stack is granted on the downloads bucket, and the downloading functions on nothing else:
    // the canary's statements are on its own artifacts bucket (and ListAllMyBuckets, which has no resource).
    const downloadingRoles = new Set(DOWNLOADING.map((name) => synth.stateless.getLogicalId(synth.stateless.functions[name].role.node.defaultChild as CfnElement)));
    const policies = resourcesOfType(synth.statelessTemplate, 'AWS::IAM::Policy');
    const artifactsId = synth.stateless.getLogicalId(synth.stateless.canary.canary.artifactsBucket.node.defaultChild as CfnElement);
    const archive = synth.stateful.auditArchive;
    const archiveFirehosePolicy = synth.stateful.getLogicalId(archive.firehosePolicy.node.defaultChild as CfnElement);
    const archiveBucketId = synth.stateful.getLogicalId(archive.bucket.node.defaultChild as CfnElement);
    for (const [stack, template] of templates) {
      for (const { owner, statement } of iamStatements(template)) {
        const roles = stack === 'stateless' ? ((policies[owner]?.Properties?.Roles as unknown[] | undefined)?.map(referencedId) ?? [owner]) : [owner];
        const text = JSON.stringify(statement.Resource);
        if (roles.some((role) => downloadingRoles.has(role ?? ''))) continue;
        expect(text, `${stack}/${owner}`).not.toContain('-downloads-');
        expect(text, `${stack}/${owner}`).not.toContain(bucketId);
        if (!asList(statement.Action).some((a) => a.toLowerCase().startsWith('s3:'))) continue;
        // Issue 24: Firehose writes the audit archive's bucket, and only it (audit-archive.test.ts).
        if (stack === 'stateful' && owner === archiveFirehosePolicy) {
          expect(text, `${stack}/${owner}`).toContain(archiveBucketId);
          continue;
        }
        expect(stack === 'stateless' && roles.includes(canaryRole), `${stack}/${owner} grants S3`).toBe(true);
        for (const resource of asList(statement.Resource)) {
          if (resource === '*') expect(asList(statement.Action), `${stack}/${owner}`).toEqual(['s3:ListAllMyBuckets']);
          else expect(JSON.stringify(resource), `${stack}/${owner}`).toContain(artifactsId);
        }
      }
    }

    // The bucket's own policy allows nobody anything: it only refuses requests without TLS (stateful.test.ts).
    const bucketPolicies = Object.values(resourcesOfType(synth.statefulTemplate, 'AWS::S3::BucketPolicy')).filter((p) => referencedId(p.Properties?.Bucket) === bucketId);
    const bucketStatements = bucketPolicies.flatMap((p) => (p.Properties?.PolicyDocument as { Statement: { Effect: string }[] }).Statement);
    expect(bucketStatements.length).toBeGreaterThan(0);
    expect(bucketStatements.filter((s) => s.Effect !== 'Deny')).toEqual([]);
  });

  it("uses no AWS managed policy but AWS Backup's and CodeDeploy's service role policies, each on its service's role only", () => {
    const withManaged: string[] = [];
    for (const [stack, template] of templates) {
      for (const [id, role] of Object.entries(resourcesOfType(template, 'AWS::IAM::Role'))) {
        const managed = role.Properties?.ManagedPolicyArns as unknown[] | undefined;
        if (managed === undefined) continue;
        withManaged.push(`${stack}/${id}`);
        const expected = Object.values(MANAGED_POLICIES).find((m) => m.role.test(`${stack}/${id}`));
        expect(expected, `${stack}/${id}`).toBeDefined();
        expect(managed, `${stack}/${id}`).toEqual([{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${expected!.policy}`]] }]);
        expect(role.Properties?.AssumeRolePolicyDocument, `${stack}/${id}`).toMatchObject({ Statement: [{ Principal: { Service: expected!.service } }] });
      }
    }
    expect(withManaged.sort()).toEqual([expect.stringMatching(MANAGED_POLICIES.backup.role), expect.stringMatching(MANAGED_POLICIES.codeDeploy.role)]);
  });
});
