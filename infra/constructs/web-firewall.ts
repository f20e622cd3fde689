import { RemovalPolicy, Stack, ArnFormat } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { DEFAULT_MAX_BODY_BYTES, routes, splitRouteKey } from '#shared/http/routes.ts';
import { heavyRoutes, routeKeyPatternsOf } from './route-table-api.ts';

/**
 * Requests one client IP may make in 5 minutes before the firewall blocks it for a while (WAF
 * rate-based rules, evaluated over a sliding 5 minutes). A sign-in is 3 or 4 requests (the form,
 * the post, the emailed link and its button), so 100 is 25 sign-ins from one address: an office
 * behind one NAT still signs in, a script guessing tokens or mailing links to strangers does not.
 * A customer's visit to the pages is a few dozen requests; 1,000 leaves room for a whole
 * company's admins behind one address.
 */
export const RATE_LIMITS = { signInPer5Minutes: 100, pagesPer5Minutes: 1000 } as const;

/** AWS managed rule groups, in the order they are evaluated. */
export const MANAGED_RULE_GROUPS = ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'] as const;

/**
 * Rules of the common rule set that only count (and label) instead of blocking:
 * SizeRestrictions_BODY blocks bodies over 8 KB, but the device endpoints take 6 MB and a consent
 * check of 100 long domains about 26 KB (the BodyOverLimit rule enforces the service's own limits
 * instead); NoUserAgent_HEADER would refuse partners' systems whose HTTP client sends no
 * User-Agent (.NET's HttpClient does not by default), which the API has always accepted.
 */
export const COUNTED_COMMON_RULES = ['SizeRestrictions_BODY', 'NoUserAgent_HEADER'] as const;

/** Headers and parts of a request that hold credentials, never written to the firewall's log. */
export const REDACTED_FIELDS = [{ singleHeader: { Name: 'authorization' } }, { singleHeader: { Name: 'cookie' } }, { queryString: {} }, { uriPath: {} }];

/**
 * The firewall inspects up to 64 KB of a body (the service's default limit; CloudFront's default
 * is 16 KB), so a body within the default limit is inspected whole.
 */
export const BODY_INSPECTION_LIMIT = 'KB_64';

/** The first path segments of a function's routes, as URI path prefixes (`/signin`, `/consent/`). */
function pathPrefixesOf(fn: 'pages'): string[] {
  const prefixes = routeKeyPatternsOf(fn).map((pattern) => pattern.replace(/^\* /, '').replace(/\*$/, ''));
  // `/signin` already covers `/signin/`.
  return prefixes.filter((prefix) => !prefixes.some((other) => other !== prefix && prefix.startsWith(other)));
}

const startsWith = (prefix: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: prefix,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

const anyOf = (statements: CfnWebACL.StatementProperty[]): CfnWebACL.StatementProperty =>
  statements.length === 1 ? statements[0] : { orStatement: { statements } };

/** A regular expression of exactly the paths of the heavy (6 MB) routes, path parameters as one segment. */
export function heavyRoutePathPattern(): string {
  const paths = [...new Set(heavyRoutes().map((key) => splitRouteKey(key).path))];
  const escape = (text: string) => text.replace(/[.+?^$()|[\]\\]/g, '\\$&');
  return `^(${paths.map((path) => path.split(/\{[^}]+\}/).map(escape).join('[^/]+')).join('|')})$`;
}

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

/**
 * The web application firewall in front of everything public (AWS WAF, scope CLOUDFRONT, so it
 * must be made in us-east-1): AWS's IP reputation list, common rule set and known bad inputs; a
 * rate limit per client IP for the sign-in and for the pages; and the service's own body limits
 * (64 KB, 6 MB on the device endpoints). What it blocks or counts is logged to CloudWatch Logs
 * without the credential-bearing parts of the request (REDACTED_FIELDS).
 */
export class WebFirewall extends Construct {
  readonly webAcl: CfnWebACL;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    if (!routes['GET /signin']) throw new Error('WebFirewall: the route table has no sign-in page to limit');

    const managed = (priority: number, name: (typeof MANAGED_RULE_GROUPS)[number], overrides: readonly string[] = []): CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ruleActionOverrides: overrides.length > 0 ? overrides.map((rule) => ({ name: rule, actionToUse: { count: {} } })) : undefined,
        },
      },
      visibilityConfig: visibility(name),
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      description: 'device-consent: managed rule groups, rate limits per client IP on the sign-in and the pages, body limits',
      visibilityConfig: visibility('device-consent'),
      associationConfig: { requestBody: { CLOUDFRONT: { defaultSizeInspectionLimit: BODY_INSPECTION_LIMIT } } },
      rules: [
        managed(0, 'AWSManagedRulesAmazonIpReputationList'),
        {
          name: 'SignInRatePerIp',
          priority: 1,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: RATE_LIMITS.signInPer5Minutes,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: startsWith('/signin'),
            },
          },
          visibilityConfig: visibility('SignInRatePerIp'),
        },
        {
          name: 'PagesRatePerIp',
          priority: 2,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: RATE_LIMITS.pagesPer5Minutes,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: anyOf(pathPrefixesOf('pages').map(startsWith)),
            },
          },
          visibilityConfig: visibility('PagesRatePerIp'),
        },
        managed(3, 'AWSManagedRulesCommonRuleSet', COUNTED_COMMON_RULES),
        managed(4, 'AWSManagedRulesKnownBadInputsRuleSet'),
        {
          // The service's own limit (API.md: 64 KB) everywhere but on the device endpoints, which
          // take 6 MB and are limited by the API and the function.
          name: 'BodyOverLimit',
          priority: 5,
          action: { block: {} },
          statement: {
            andStatement: {
              statements: [
                {
                  sizeConstraintStatement: {
                    fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
                    comparisonOperator: 'GT',
                    size: DEFAULT_MAX_BODY_BYTES,
                    textTransformations: [{ priority: 0, type: 'NONE' }],
                  },
                },
                {
                  notStatement: {
                    statement: {
                      regexMatchStatement: {
                        fieldToMatch: { uriPath: {} },
                        regexString: heavyRoutePathPattern(),
                        textTransformations: [{ priority: 0, type: 'NONE' }],
                      },
                    },
                  },
                },
              ],
            },
          },
          visibilityConfig: visibility('BodyOverLimit'),
        },
      ],
    });

    // WAF writes to log groups whose name starts with aws-waf-logs-, in us-east-1 for CloudFront.
    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `aws-waf-logs-${stack.stackName}`,
      retention: RetentionDays.ONE_MONTH,
      // Kept if the stack is deleted (what was blocked is evidence); the retention still expires it.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // WAF takes the log group's ARN without the ":*" of its Arn attribute.
      logDestinationConfigs: [stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: this.logGroup.logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
      // The API's access log has every request that reaches it; this log keeps what the firewall
      // acted on, so a rate limit or a false positive can be found (terminatingRuleId, labels).
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }, { ActionCondition: { Action: 'EXCLUDED_AS_COUNT' } }],
          },
        ],
      },
      // The Authorization header holds API keys and the operator token, the cookie the session;
      // the query string and the path hold one-time sign-in tokens and OIDC codes (/consent/<token>).
      redactedFields: REDACTED_FIELDS,
    });
  }
}
