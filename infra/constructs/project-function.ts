import { fileURLToPath } from 'node:url';
import { Duration, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { TABLE_INDEXES } from '../../shared/table/definition.ts';

/** Every Lambda of the service; each has its entry point at `functions/<name>/handler.ts`. */
export type FunctionName = 'authorizer' | 'ops-api' | 'partner-api' | 'pages' | 'consent-status-check' | 'stream-consumer';

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

const SERVICE_NAME = 'device-consent';

/**
 * The one way this project makes a Lambda function: Node 24 on arm64, the handler and the AWS SDK
 * bundled by esbuild into one ESM file with a source map, X-Ray tracing, its own log group with a
 * retention, and its own role that starts with nothing but writing to that log group.
 *
 * Access is added with the `bind*` helpers, which grant and set the matching environment variable
 * in one call, so a function can never have a permission without the configuration to use it, or
 * the other way round.
 */
export class ProjectFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ProjectFunctionProps) {
    super(scope, id);

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
      environment: {
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        NODE_OPTIONS: '--enable-source-maps',
        PUBLIC_URL: props.publicUrl,
      },
      bundling: {
        format: OutputFormat.ESM,
        // The SDK is bundled too: the version is the one we tested, not the one the runtime ships.
        externalModules: [],
        // Prefer the packages' ES module builds: better tree shaking, fewer CommonJS shims.
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
      },
    });

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
   */
  bindTable(table: ITableV2, options: BindTableOptions = {}): this {
    const actions = options.write ? [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS] : TABLE_READ_ACTIONS;
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [table.tableArn] }));
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
        }),
      );
    }
    return this.setEnv('TABLE_NAME', table.tableName);
  }

  /** Grants reading the service secret (JSON `{opsToken, cursorKey, sessionKey, webhookKey}`) and sets `SECRET_ARN`. */
  bindSecret(secret: ISecret): this {
    secret.grantRead(this.role);
    return this.setEnv('SECRET_ARN', secret.secretArn);
  }

  /**
   * Grants sending email from the verified identity only (never `ses:SendEmail` on "*") and
   * sets `MAIL_FROM`, an address of that identity's domain.
   */
  bindMail(identity: IEmailIdentity, from: string): this {
    identity.grantSendEmail(this.role);
    return this.setEnv('MAIL_FROM', from);
  }
}
