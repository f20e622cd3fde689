import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { OUTBOX_KINDS } from '../../shared/jobs/consent-status-check.ts';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { type FunctionName, ProjectFunction, type ProjectFunctionProps } from '../constructs/project-function.ts';
import { RouteTableApi } from '../constructs/route-table-api.ts';

export interface StatelessStackProps extends StackProps {
  readonly table: ITableV2;
  readonly mailIdentity: IEmailIdentity;
  /** The address mail is sent from; its domain is the mail identity's. */
  readonly mailFrom: string;
  /** The service secret, JSON `{opsToken, cursorKey, sessionKey, webhookKey}`. */
  readonly secret: ISecret;
  /** Base of the links in emails and answers. @default the HTTP API's endpoint */
  readonly publicUrl?: string;
}

/**
 * The code: the functions, the HTTP API made from the route table, and the hourly check. It holds
 * no data, so it can be redeployed or replaced at any time without touching the stateful stack.
 */
export class StatelessStack extends Stack {
  readonly api: RouteTableApi;
  readonly functions: Record<FunctionName, ProjectFunction>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { table, secret, mailIdentity, mailFrom } = props;

    this.api = new RouteTableApi(this, 'Api');
    const publicUrl = props.publicUrl ?? this.api.endpoint;

    const make = (name: FunctionName, options: Omit<ProjectFunctionProps, 'name' | 'publicUrl'>) =>
      new ProjectFunction(this, name, { name, publicUrl, ...options });

    this.functions = {
      authorizer: make('authorizer', {
        description: 'HTTP API authorizer: states the caller (operator, partner or anonymous) for the function',
        memorySize: 256,
        timeout: Duration.seconds(5),
      })
        .bindTable(table)
        .bindSecret(secret),
      'ops-api': make('ops-api', { description: 'Operator API: partners, API keys, tenants, users, audit' })
        .bindTable(table, { write: true })
        .bindSecret(secret),
      'partner-api': make('partner-api', { description: 'Partner API' })
        .bindTable(table, { write: true })
        .bindSecret(secret)
        .bindMail(mailIdentity, mailFrom),
      pages: make('pages', { description: 'Consent pages for tenant administrators' })
        .bindTable(table, { write: true })
        .bindSecret(secret)
        .bindMail(mailIdentity, mailFrom),
      'consent-status-check': make('consent-status-check', {
        description: 'Hourly: expires and reminds consent requests that are due',
        timeout: Duration.minutes(5),
      })
        .bindTable(table, { write: true })
        .bindSecret(secret)
        .bindMail(mailIdentity, mailFrom),
    };

    this.api.addRouteTable({
      functionFor: (fn) => this.functions[fn].function,
      authorizer: this.functions.authorizer.function,
    });

    new Rule(this, 'ConsentStatusCheckSchedule', {
      description: 'Runs the consent status check every hour',
      schedule: Schedule.rate(Duration.hours(1)),
      // The next run retries anyway; a run older than an hour is superseded by the next one.
      targets: [new LambdaFunction(this.functions['consent-status-check'].function, { retryAttempts: 2, maxEventAge: Duration.hours(1) })],
    });
    // The outbox alone (emails and webhooks due for a retry), every minute, so their back-off of
    // minutes is kept; idle, it costs two Query calls.
    new Rule(this, 'OutboxRetrySchedule', {
      description: 'Retries due emails and webhooks every minute',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [
        new LambdaFunction(this.functions['consent-status-check'].function, {
          event: RuleTargetInput.fromObject({ kinds: OUTBOX_KINDS }),
          retryAttempts: 0,
          maxEventAge: Duration.minutes(2),
        }),
      ],
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'The HTTP API ($default stage)' });
  }
}
