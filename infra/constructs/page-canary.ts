import { type CfnElement, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Canary, Code, Runtime, Schedule, Test } from 'aws-cdk-lib/aws-synthetics';
import { Construct } from 'constructs';
import { routes } from '#shared/http/routes.ts';

/** One page the canary opens: the answer it expects and a piece of text that proves the right page came back. */
export interface CanaryCheck {
  /** The step's name in the canary's report. */
  readonly name: string;
  readonly path: string;
  readonly status: number;
  readonly contains: string;
}

/**
 * A link id of the shape the service issues that no link has: the pages function looks it up in
 * the table and answers its "not valid" page, so the step proves the whole path (front, API,
 * pages, table) without any data in the table.
 */
export const UNKNOWN_LINK_ID = 'l_000000000000000000000000';

/**
 * What the canary opens. `/health` answers on the local server only (dev/local-server.ts): until
 * the route table has `GET /health`, the health step opens the OpenAPI document, served by the
 * partner API from its bundle without the table. With `linkId` (a partner's reusable consent
 * link, `GET /v1/consent-link`) the consent link step expects that partner's consent page;
 * without, the "not valid" page of a link that does not exist.
 */
export function canaryChecks(linkId?: string): CanaryCheck[] {
  const health: CanaryCheck =
    'GET /health' in routes
      ? { name: 'health', path: '/health', status: 200, contains: '' }
      : { name: 'health', path: '/openapi.json', status: 200, contains: '"openapi"' };
  return [
    health,
    { name: 'sign-in', path: '/signin', status: 200, contains: 'Sign in - device-consent' },
    linkId
      ? { name: 'consent-link', path: `/l/${encodeURIComponent(linkId)}`, status: 200, contains: 'asks for permission' }
      : { name: 'consent-link', path: `/l/${UNKNOWN_LINK_ID}`, status: 404, contains: 'This link is not valid' },
  ];
}

/**
 * The canary's script (the Synthetics Node.js Puppeteer runtime): opens each page of
 * CANARY_CHECKS under BASE_URL in Chromium, one step each, and fails the step on another status or
 * a page without the expected text. test/infra/canary.test.ts runs it against a stub server.
 */
export const CANARY_SCRIPT = `const synthetics = require('Synthetics');
const log = require('SyntheticsLogger');

exports.handler = async () => {
  const base = process.env.BASE_URL.replace(/\\/+$/, '');
  const checks = JSON.parse(process.env.CANARY_CHECKS);
  const page = await synthetics.getPage();
  for (const check of checks) {
    await synthetics.executeStep(check.name, async () => {
      const response = await page.goto(base + check.path, { waitUntil: 'domcontentloaded', timeout: 15000 });
      if (!response) throw new Error(check.name + ': no answer from ' + check.path);
      const status = response.status();
      if (status !== check.status) throw new Error(check.name + ': ' + check.path + ' answered ' + status + ', expected ' + check.status);
      const text = await response.text();
      if (!text.includes(check.contains)) throw new Error(check.name + ': ' + check.path + ' does not show "' + check.contains + '"');
      log.info(check.name + ': ' + check.path + ' answered ' + status);
    });
  }
};
`;

export interface PageCanaryProps {
  /** The service's public base URL (the front's domain, the custom domain, or the API endpoint). */
  readonly baseUrl: string;
  /** A partner's reusable consent link id to open. @default UNKNOWN_LINK_ID, expecting the "not valid" page */
  readonly linkId?: string;
}

/**
 * A CloudWatch Synthetics canary that opens, every 5 minutes, the pages a user opens first:
 * the health check, the sign-in page and a consent link page (canaryChecks). Its runs'
 * screenshots and logs go to a bucket of its own, expired after 30 days. Monitoring alarms when runs fail.
 */
export class PageCanary extends Construct {
  readonly canary: Canary;
  readonly checks: CanaryCheck[];

  constructor(scope: Construct, id: string, props: PageCanaryProps) {
    super(scope, id);
    this.checks = canaryChecks(props.linkId);

    const artifacts = new Bucket(this, 'Artifacts', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // Screenshots of public pages, kept for looking into a failed run, nothing else. Kept with
      // the stack (emptying it on deletion would take a custom resource); it expires itself.
      lifecycleRules: [{ expiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(artifacts).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        "Holds only the canary's own screenshots and logs of public pages, written by the canary's role and expired after 30 days; access logs of it would record nothing but the canary writing there.",
    });

    this.canary = new Canary(this, 'Canary', {
      schedule: Schedule.rate(Duration.minutes(5)),
      runtime: Runtime.SYNTHETICS_NODEJS_PUPPETEER_13_0,
      test: Test.custom({ code: Code.fromInline(CANARY_SCRIPT), handler: 'index.handler' }),
      environmentVariables: { BASE_URL: props.baseUrl, CANARY_CHECKS: JSON.stringify(this.checks) },
      artifactsBucketLocation: { bucket: artifacts },
      timeout: Duration.minutes(1),
      successRetentionPeriod: Duration.days(7),
      failureRetentionPeriod: Duration.days(30),
      startAfterCreation: true,
    });

    // The role Synthetics needs, as the Canary construct writes it; each wildcard is one Synthetics imposes.
    const role = this.canary.role.node.defaultChild;
    if (role) {
      const acknowledge = (resource: string, reason: string) => Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
      acknowledge(
        '*',
        "Two actions that take no resource: s3:ListAllMyBuckets, which the Synthetics runtime calls before it uploads a run's artifacts, and cloudwatch:PutMetricData, held by its condition to the CloudWatchSynthetics namespace.",
      );
      acknowledge(
        `<${Stack.of(this).getLogicalId(artifacts.node.defaultChild as CfnElement)}.Arn>/*`,
        "s3:PutObject on the objects of the canary's own artifacts bucket only: every run writes new keys (screenshots, logs, the report) under a prefix Synthetics names.",
      );
      const stack = Stack.of(this);
      // As cdk-nag renders the resource: literal where the stack's environment is known.
      const shown = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
      acknowledge(
        `arn:${shown(stack.partition, 'Partition')}:logs:${shown(stack.region, 'Region')}:${shown(stack.account, 'AccountId')}:log-group:/aws/lambda/cwsyn-*`,
        "The log group of the Lambda function Synthetics creates to run the canary: its name (cwsyn-<canary>-<id>) is chosen by Synthetics when the canary is made, so it is matched by Synthetics' fixed prefix.",
      );
    }
  }
}
