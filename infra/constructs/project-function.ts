import { fileURLToPath } from 'node:url';
import { Aws, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias, Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IConfigurationSet, IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { downloadsBucketName, downloadsBucketNagName } from './downloads-bucket.ts';
import { FUNCTION_SECRETS, secretArnVariable, type SecretName } from '#shared/config/secrets.ts';
import { METRICS_NAMESPACE, SERVICE_NAME } from '#shared/observability/metric-names.ts';
import { TABLE_INDEXES } from '#shared/table/definition.ts';
import { tableAccessPatterns, TABLE_ACCESS } from '#shared/table/access.ts';

/** Every Lambda of the service; each has its entry point at `functions/<name>/handler.ts`. */
export type FunctionName = 'authorizer' | 'ops-api' | 'partner-api' | 'customer-api' | 'pages' | 'partner-portal' | 'consent-status-check' | 'stream-consumer' | 'ses-events';

// Every function names the secrets it reads and the key builders of the items it touches, and only functions do.
const SECRETS_PER_FUNCTION: Record<FunctionName, readonly SecretName[]> = FUNCTION_SECRETS;
const TABLE_ACCESS_PER_FUNCTION: Record<FunctionName, readonly string[]> = TABLE_ACCESS;
void SECRETS_PER_FUNCTION;
void TABLE_ACCESS_PER_FUNCTION;

export interface ProjectFunctionProps {
  /** The folder under `functions/` that holds `handler.ts`. */
  readonly name: FunctionName;
  readonly description: string;
  /** Base of the links the function puts in emails and answers (env `PUBLIC_URL`). */
  readonly publicUrl: string;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default 10 seconds, under the HTTP API's 30 s integration limit */
  readonly timeout?: Duration;
  /**
   * Concurrent executions reserved for, and the most allowed to, the function: a cap where a
   * runaway would hurt (mail sent too fast for SES, the table hammered). @default none: unreserved
   */
  readonly reservedConcurrency?: number;
}

export interface BindTableOptions {
  /** Also grant the item writes (put, update, delete, batch write). @default false: read-only */
  readonly write?: boolean;
  /** Names of the GSIs the function may query. @default every index of TABLE_INDEXES */
  readonly indexes?: readonly string[];
}

/**
 * Reads only. `ConditionCheckItem` is the condition part of a transaction; `DescribeTable` and
 * `Scan` are deliberately absent: no access pattern of the service needs them.
 */
const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
/** Item writes; transactions (TransactWriteItems) are authorised per contained action. */
const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/**
 * Banner of the ESM bundle: esbuild turns the `require()` calls of bundled CommonJS packages
 * (Powertools, parts of the AWS SDK) into a `require` shim that throws in an ES module unless a
 * real `require` is in scope. The alias avoids a clash with a `createRequire` that bundled code
 * imports itself.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __projectCreateRequire } from 'node:module'; const require = __projectCreateRequire(import.meta.url);";

/**
 * The alias every trigger invokes (routes, the authorizer, the schedules, the stream, SNS): each
 * deployment publishes a version, and CodeDeploy moves this alias to it (infra/constructs/deployments.ts).
 */
export const LIVE_ALIAS = 'live';

/** Files a function reads beside its bundle, copied from `functions/<name>/` into its asset. */
const FILES_BESIDE_BUNDLE: Partial<Record<FunctionName, readonly string[]>> = {
  // Written at build time by `npm run generate`, served by `GET /openapi.json`.
  'partner-api': ['openapi.json'],
};

/** Context key: also write esbuild's metafile (`index.meta.json`: every input and its bytes) into each asset, for the bundle-size check. */
export const METAFILE_CONTEXT = 'device-consent:bundle-metafile';

/**
 * How every function is bundled (esbuild, run by NodejsFunction); `npm run bench` and the
 * bundle-size test bundle their SDK-only baselines with exactly these options.
 *
 * The source map is written beside the bundle for reading a stack trace offline, but not loaded
 * at run time (no `--enable-source-maps`): loading it cost every cold start (issue 14).
 */
export function functionBundling(name: FunctionName | undefined, options: { metafile?: boolean } = {}): BundlingOptions {
  const files = name ? (FILES_BESIDE_BUNDLE[name] ?? []) : [];
  return {
    format: OutputFormat.ESM,
    // The SDK is bundled too: the version is the one we tested, not the one the runtime ships.
    externalModules: [],
    // Prefer the packages' ES module builds: better tree shaking, fewer CommonJS shims.
    mainFields: ['module', 'main'],
    banner: ESM_REQUIRE_BANNER,
    minify: true,
    sourceMap: true,
    sourcesContent: false,
    metafile: options.metafile ?? false,
    ...(files.length > 0
      ? {
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (inputDir: string, outputDir: string) => files.map((file) => `cp "${inputDir}/functions/${name}/${file}" "${outputDir}/${file}"`),
          },
        }
      : {}),
  };
}

/**
 * The one way this project makes a Lambda function: Node 24 on arm64, the handler and the AWS SDK
 * bundled by esbuild into one ESM file (functionBundling), X-Ray tracing, its own log group with a
 * retention, and its own role that starts with nothing but writing to that log group.
 *
 * Access is added with the `bind*` helpers, which grant and set the matching environment variable
 * in one call, so a function can never have a permission without the configuration to use it, or
 * the other way round.
 *
 * Each deployment publishes a version; invokers are given `alias` (`live`), which CodeDeploy moves
 * to the new version gradually and back when an alarm fires (Deployments).
 */
export class ProjectFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  /**
   * The `live` alias, pointing at the version published by this deployment (or, while CodeDeploy
   * shifts traffic, at the previous one too). Give this, never `function`, to whatever invokes it:
   * an invocation of the unqualified function would run `$LATEST`, past any gradual deployment.
   */
  readonly alias: Alias;
  /** Which function of the service this is (`functions/<name>/handler.ts`). */
  readonly name: FunctionName;

  constructor(scope: Construct, id: string, props: ProjectFunctionProps) {
    super(scope, id);
    this.name = props.name;

    // Kept if the stack is deleted, for the investigation that may follow; the retention still
    // expires it.
    this.logGroup = new LogGroup(this, 'LogGroup', { retention: RetentionDays.ONE_MONTH });

    // Our own role instead of the default one, whose AWS managed policy
    // (AWSLambdaBasicExecutionRole) may write to any log group.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${props.name} function`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: fileURLToPath(new URL(`../../functions/${props.name}/handler.ts`, import.meta.url)),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      reservedConcurrentExecutions: props.reservedConcurrency,
      environment: {
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        PUBLIC_URL: props.publicUrl,
      },
      bundling: functionBundling(props.name, { metafile: this.node.tryGetContext(METAFILE_CONTEXT) === true }),
    });

    // A new version whenever the code or the configuration changes; the previous one stays for
    // CodeDeploy to roll back to (versions are retained, as CloudFormation needs for a rollback).
    this.alias = new Alias(this, 'Live', { aliasName: LIVE_ALIAS, version: this.function.currentVersion });

    // Tracing.ACTIVE adds xray:PutTraceSegments and xray:PutTelemetryRecords on "*" to the
    // role's default policy; nothing else in this construct grants on "*" (checked in
    // test/infra), so the acknowledgement sits on that one policy.
    const defaultPolicy = this.role.node.tryFindChild('DefaultPolicy');
    if (defaultPolicy) {
      Validations.of(defaultPolicy).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Only the X-Ray actions added by active tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) are on "*": X-Ray supports no resource-level permissions for them.',
      });
    }
  }

  /** Sets an environment variable of the function. */
  setEnv(name: string, value: string): this {
    this.function.addEnvironment(name, value);
    return this;
  }

  /**
   * Grants exactly the DynamoDB item actions the service uses on the table and the query on its
   * GSIs (never Scan, never a wildcard action), and sets `TABLE_NAME`.
   *
   * Least privilege inside the table: both statements hold only for the partition keys of the
   * items this function touches (`dynamodb:LeadingKeys`, from TABLE_ACCESS in
   * shared/table/access.ts): the item's partition key for a read or write (each item of a batch
   * or a transaction), the index's own partition key for a Query on an index.
   * `ForAllValues` is safe here only because every action granted carries the key (no Scan, no
   * DescribeTable: a call without it would pass).
   */
  bindTable(table: ITableV2, options: BindTableOptions = {}): this {
    const actions = options.write ? [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS] : TABLE_READ_ACTIONS;
    const conditions = { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': tableAccessPatterns(this.name) } };
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [table.tableArn], conditions }));
    const known = TABLE_INDEXES.map((index) => index.name);
    const indexes = options.indexes ?? known;
    const unknown = indexes.filter((name) => !known.includes(name));
    if (unknown.length > 0) throw new Error(`bindTable: no index named ${unknown.join(', ')} in TABLE_INDEXES`);
    if (indexes.length > 0) {
      // Named index ARNs rather than `<table>/index/*`: no wildcard resource to justify, and a
      // new index in TABLE_INDEXES is granted by default all the same.
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['dynamodb:Query'],
          resources: indexes.map((name) => `${table.tableArn}/index/${name}`),
          conditions,
        }),
      );
    }
    return this.setEnv('TABLE_NAME', table.tableName);
  }

  /**
   * Large downloads (shared/files/downloads.ts): writing and reading objects under `downloads/` of
   * the bucket (reading is what the presigned URLs this function signs are allowed), nothing else,
   * and sets `DOWNLOADS_BUCKET`.
   */
  bindDownloads(statefulStackName: string): this {
    const bucketName = downloadsBucketName(statefulStackName);
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'], resources: [`arn:${Aws.PARTITION}:s3:::${bucketName}/downloads/*`] }),
    );
    const defaultPolicy = this.role.node.tryFindChild('DefaultPolicy');
    if (defaultPolicy) {
      Validations.of(defaultPolicy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${downloadsBucketNagName(statefulStackName)}/downloads/*]`,
        reason:
          'Each download is an object of its own under downloads/, named by 16 random bytes when it is written, so the function is granted on that prefix only: put, get (what its presigned URLs allow) and abort an upload; no list, no delete, no other prefix.',
      });
    }
    return this.setEnv('DOWNLOADS_BUCKET', bucketName);
  }

  /**
   * R32: device files uploaded from the partner portal's form straight to the bucket, under
   * `uploads/`: `presign` (the portal) may sign the form's POST (which S3 allows as the signer's
   * `s3:PutObject`) and see whether the file arrived (HeadObject is `s3:GetObject`); `read` (the
   * outbox workers that import it) only reads. Nothing else, no other prefix; the bucket's
   * lifecycle deletes every object after a day. Sets `DOWNLOADS_BUCKET`.
   */
  bindUploads(statefulStackName: string, access: 'presign' | 'read'): this {
    const bucketName = downloadsBucketName(statefulStackName);
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: access === 'presign' ? ['s3:PutObject', 's3:GetObject'] : ['s3:GetObject'], resources: [`arn:${Aws.PARTITION}:s3:::${bucketName}/uploads/*`] }),
    );
    const defaultPolicy = this.role.node.tryFindChild('DefaultPolicy');
    if (defaultPolicy) {
      Validations.of(defaultPolicy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${downloadsBucketNagName(statefulStackName)}/uploads/*]`,
        reason: 'Each upload is an object of its own under uploads/<partner>/<upload>/, named when its form is made: the portal signs the form for that key and reads whether it arrived, the import only reads; no list, no delete, no other prefix.',
      });
    }
    return this.setEnv('DOWNLOADS_BUCKET', bucketName);
  }

  /**
   * Grants reading exactly the secrets this function uses (`FUNCTION_SECRETS`, which its handler
   * also loads at cold start), each its own Secrets Manager secret, and sets `<VARIABLE>_SECRET_ARN`
   * for each. Least privilege: the pages never read the operator token's hash, nor the authorizer a key.
   */
  bindSecrets(secrets: Record<SecretName, ISecret>): this {
    for (const name of FUNCTION_SECRETS[this.name]) {
      secrets[name].grantRead(this.role);
      this.setEnv(secretArnVariable(name), secrets[name].secretArn);
    }
    return this;
  }

  /**
   * Grants sending email from the verified identity only (never `ses:SendEmail` on "*") and
   * sets `MAIL_FROM`, an address of that identity's domain. With a configuration set, sending
   * through it too (SES authorizes the configuration set of a message as well as its identity)
   * and `SES_CONFIGURATION_SET`, so every message goes through it (its events, its suppression).
   */
  bindMail(identity: IEmailIdentity, from: string, configurationSet?: IConfigurationSet): this {
    identity.grantSendEmail(this.role);
    if (configurationSet) {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['ses:SendEmail', 'ses:SendRawEmail'],
          resources: [Stack.of(this).formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSet.configurationSetName })],
        }),
      );
      this.setEnv('SES_CONFIGURATION_SET', configurationSet.configurationSetName);
    }
    return this.setEnv('MAIL_FROM', from);
  }

  /**
   * For a function invoked asynchronously (by EventBridge, by SNS): what Lambda does when an
   * invocation fails: `retryAttempts` more tries, then the event goes to `queue` (the on-failure
   * destination), where an alarm sees it. Grants sending to that queue only. Set on the `live`
   * alias, the qualifier its invokers name: Lambda applies the configuration of the qualifier invoked.
   */
  sendAsyncFailuresTo(queue: IQueue, options: { retryAttempts: number; maxEventAge: Duration }): this {
    this.alias.configureAsyncInvoke({ onFailure: new SqsDestination(queue), ...options });
    return this;
  }
}
