import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BODY_BYTES, type RouteKey, type RouteSpec, routes, splitRouteKey } from '#shared/http/routes.ts';
import type { FunctionName } from '../../infra/constructs/project-function.ts';
import { heavyRoutes } from '../../infra/constructs/route-table-api.ts';
import { BODY_INSPECTION_LIMIT, COUNTED_COMMON_RULES, heavyRoutePathPattern, MANAGED_RULE_GROUPS, RATE_LIMITS } from '../../infra/constructs/web-firewall.ts';
import { EDGE_REGION, type ServiceOptions } from '../../infra/service.ts';
import { FULL_OPTIONS, functionLogicalId, referencedId, resourcesOfType, type SynthesizedService, synthService, SYNTH_TIMEOUT_MS } from './synth.ts';

type Properties = Record<string, unknown>;
type Statement = Record<string, Properties>;
interface WafRule {
  Name: string;
  Priority: number;
  Action?: Properties;
  OverrideAction?: Properties;
  Statement: Statement;
}

/** A made-up value for each path parameter, to try a route's concrete path against the firewall's patterns. */
const concretePath = (key: RouteKey) => splitRouteKey(key).path.replace(/\{[^}]+\}/g, 'b_0123abc');

describe('the edge front: CloudFront with AWS WAF (issue 25)', () => {
  let synth: SynthesizedService;
  let edge: NonNullable<SynthesizedService['edgeTemplate']>;
  let webAclId: string;
  let webAcl: Properties;
  let rules: WafRule[];
  let distribution: Properties;
  const ruleNamed = (name: string) => {
    const rule = rules.find((r) => r.Name === name);
    expect(rule, name).toBeDefined();
    return rule!;
  };

  beforeAll(() => {
    synth = synthService(FULL_OPTIONS);
    edge = synth.edgeTemplate!;
    const acls = Object.entries(resourcesOfType(edge, 'AWS::WAFv2::WebACL'));
    expect(acls).toHaveLength(1);
    [webAclId, { Properties: webAcl = {} }] = acls[0] as [string, { Properties?: Properties }];
    rules = webAcl.Rules as WafRule[];
    const distributions = Object.values(resourcesOfType(edge, 'AWS::CloudFront::Distribution'));
    expect(distributions).toHaveLength(1);
    distribution = distributions[0].Properties?.DistributionConfig as Properties;
  }, SYNTH_TIMEOUT_MS);

  it('is a stack of its own in us-east-1, deployed after the stateless stack it reads', () => {
    expect(synth.edge?.region).toBe(EDGE_REGION);
    expect(synth.stateless.region).toBe('eu-west-1');
    const manifest = JSON.parse(readFileSync(join(synth.outdir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { environment?: string; dependencies?: string[] }> };
    expect(manifest.artifacts.DeviceConsentEdge.environment).toBe('aws://123456789012/us-east-1');
    expect(manifest.artifacts.DeviceConsentEdge.dependencies).toContain('DeviceConsentStateless');
    // Without the front, there is no edge stack.
    expect(synthService().edge).toBeUndefined();
  });

  it("connects to the API custom domain's own target, read across regions from the stateless stack", () => {
    const origins = distribution.Origins as Properties[];
    expect(origins).toHaveLength(1);
    // The edge stack reads an SSM parameter in us-east-1...
    const [readerId, attribute] = (origins[0].DomainName as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
    const reader = resourcesOfType(edge, 'Custom::CrossRegionExportReader')[readerId];
    expect(Object.keys((reader.Properties?.ReaderProps as { imports: Properties }).imports)).toEqual([attribute]);
    // ...that the stateless stack writes there: its custom domain's regional target.
    const domainId = synth.stateless.getLogicalId(synth.stateless.api.customDomain!.node.defaultChild as CfnElement);
    const writers = Object.values(resourcesOfType(synth.statelessTemplate, 'Custom::CrossRegionExportWriter')).map((w) => w.Properties?.WriterProps as { region: string; exports: Properties });
    expect(writers).toHaveLength(1);
    expect(writers[0].region).toBe(EDGE_REGION);
    expect(writers[0].exports[attribute]).toEqual({ 'Fn::GetAtt': [domainId, 'RegionalDomainName'] });
  });

  it('forwards everything over TLS 1.2 to the origin, caches nothing, and presents the client certificate (origin mutual TLS)', () => {
    const origin = (distribution.Origins as Properties[])[0].CustomOriginConfig as Properties;
    expect(origin).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
      OriginMtlsConfig: { ClientCertificateArn: FULL_OPTIONS.front!.originClientCertificateArn },
    });
    expect(origin.OriginReadTimeout as number).toBeGreaterThan(30);
    const behavior = distribution.DefaultCacheBehavior as Properties;
    // Managed policies: CachingDisabled, and AllViewer (every header, the Host the API custom domain
    // is mapped by and Authorization included; every cookie and query string).
    expect(behavior.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
    expect(behavior.OriginRequestPolicyId).toBe('216adef6-5c7f-47e4-b989-5492eafa07d3');
    expect(behavior.ViewerProtocolPolicy).toBe('https-only');
    const methods = new Set((Object.keys(routes) as RouteKey[]).map((key) => splitRouteKey(key).method));
    for (const method of methods) expect(behavior.AllowedMethods, method).toContain(method);
    expect(distribution.CacheBehaviors).toBeUndefined();
  });

  it('answers at the domain name with the us-east-1 certificate and TLS 1.2, behind the web ACL', () => {
    expect(distribution.Aliases).toEqual([FULL_OPTIONS.domainName]);
    expect(distribution.ViewerCertificate).toEqual({ AcmCertificateArn: FULL_OPTIONS.front!.edgeCertificateArn, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
    expect(distribution.WebACLId).toEqual({ 'Fn::GetAtt': [webAclId, 'Arn'] });
    edge.hasOutput('FrontDomainName', {});
  });

  it("leaves the API no other way in: execute-api disabled, and the custom domain requires the truststore's client certificates", () => {
    expect(Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::ApiGatewayV2::Api')).map((a) => a.Properties?.DisableExecuteApiEndpoint)).toEqual([true]);
    const domains = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::ApiGatewayV2::DomainName'));
    expect(domains).toHaveLength(1);
    expect(domains[0].Properties).toMatchObject({ DomainName: FULL_OPTIONS.domainName, MutualTlsAuthentication: { TruststoreUri: FULL_OPTIONS.front!.originTruststoreUri } });
    // Partners keep their URLs: links and answers still name the domain.
    const fns = resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Function');
    for (const name of Object.keys(synth.stateless.functions) as FunctionName[]) {
      expect((fns[functionLogicalId(synth, name)].Properties?.Environment as { Variables: Properties }).Variables.PUBLIC_URL, name).toBe(`https://${FULL_OPTIONS.domainName}`);
    }
  });

  it('is a CloudFront-scoped web ACL allowing by default, with the three AWS managed rule groups', () => {
    expect(webAcl).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    const managed = rules.filter((r) => r.Statement.ManagedRuleGroupStatement);
    expect(managed.map((r) => r.Statement.ManagedRuleGroupStatement.Name)).toEqual([...MANAGED_RULE_GROUPS]);
    for (const rule of managed) {
      expect(rule.Statement.ManagedRuleGroupStatement.VendorName).toBe('AWS');
      expect(rule.OverrideAction).toEqual({ None: {} });
    }
    // Priorities are unique, and the IP reputation list goes first.
    expect(new Set(rules.map((r) => r.Priority)).size).toBe(rules.length);
    expect([...rules].sort((a, b) => a.Priority - b.Priority)[0].Name).toBe('AWSManagedRulesAmazonIpReputationList');
  });

  it('lets 6 MB device uploads through: the common rule set only counts its 8 KB body rule, the body limit spares the device endpoints', () => {
    const common = ruleNamed('AWSManagedRulesCommonRuleSet').Statement.ManagedRuleGroupStatement;
    expect(common.RuleActionOverrides).toEqual(COUNTED_COMMON_RULES.map((name) => ({ Name: name, ActionToUse: { Count: {} } })));
    expect(COUNTED_COMMON_RULES).toContain('SizeRestrictions_BODY');
    expect(webAcl.AssociationConfig).toEqual({ RequestBody: { CLOUDFRONT: { DefaultSizeInspectionLimit: BODY_INSPECTION_LIMIT } } });

    const limit = ruleNamed('BodyOverLimit');
    expect(limit.Action).toEqual({ Block: {} });
    const [size, notDevice] = (limit.Statement.AndStatement as { Statements: Statement[] }).Statements;
    expect(size.SizeConstraintStatement).toMatchObject({ ComparisonOperator: 'GT', Size: DEFAULT_MAX_BODY_BYTES, FieldToMatch: { Body: { OversizeHandling: 'MATCH' } } });
    const regex = (notDevice.NotStatement as { Statement: Statement }).Statement.RegexMatchStatement;
    expect(regex).toMatchObject({ RegexString: heavyRoutePathPattern(), FieldToMatch: { UriPath: {} } });

    // The pattern spares exactly the routes that take more than the default body.
    const pattern = new RegExp(heavyRoutePathPattern());
    const heavy = heavyRoutes();
    expect(heavy).toEqual(expect.arrayContaining(['POST /v1/device-uploads', 'POST /v1/device-batches/{batchId}/devices'] as RouteKey[]));
    for (const [key, spec] of Object.entries(routes) as [RouteKey, RouteSpec][]) {
      const large = (spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES) > DEFAULT_MAX_BODY_BYTES;
      if (large) expect(pattern.test(concretePath(key)), key).toBe(true);
      // Another route sharing a heavy route's path (GET /v1/devices) is spared too: only POSTs carry bodies.
      else if (!heavy.some((h) => splitRouteKey(h).path === splitRouteKey(key).path)) expect(pattern.test(concretePath(key)), key).toBe(false);
    }
    expect(pattern.test('/v1/device-batches/a/b/devices')).toBe(false);
  });

  it('limits each client IP on the sign-in and on the pages, over 5 minutes', () => {
    const signIn = ruleNamed('SignInRatePerIp');
    expect(signIn.Action).toEqual({ Block: {} });
    expect(signIn.Statement.RateBasedStatement).toMatchObject({
      Limit: RATE_LIMITS.signInPer5Minutes,
      AggregateKeyType: 'IP',
      EvaluationWindowSec: 300,
      ScopeDownStatement: { ByteMatchStatement: { SearchString: '/signin', PositionalConstraint: 'STARTS_WITH', FieldToMatch: { UriPath: {} } } },
    });
    const pages = ruleNamed('PagesRatePerIp');
    expect(pages.Action).toEqual({ Block: {} });
    expect(pages.Statement.RateBasedStatement).toMatchObject({ Limit: RATE_LIMITS.pagesPer5Minutes, AggregateKeyType: 'IP', EvaluationWindowSec: 300 });
    const prefixes = ((pages.Statement.RateBasedStatement.ScopeDownStatement as { OrStatement: { Statements: Statement[] } }).OrStatement.Statements).map(
      (s) => s.ByteMatchStatement.SearchString as string,
    );
    // Every page route, and no API route, falls under the pages' limit.
    for (const [key, spec] of Object.entries(routes) as [RouteKey, RouteSpec][]) {
      const limited = prefixes.some((prefix) => concretePath(key).startsWith(prefix));
      expect(limited, key).toBe(spec.fn === 'pages');
    }
    expect(RATE_LIMITS.signInPer5Minutes).toBeLessThan(RATE_LIMITS.pagesPer5Minutes);
  });

  it('logs what it blocks or counts to CloudWatch Logs in us-east-1, without credentials, tokens or paths', () => {
    const configs = Object.values(resourcesOfType(edge, 'AWS::WAFv2::LoggingConfiguration')).map((c) => c.Properties ?? {});
    expect(configs).toHaveLength(1);
    expect(configs[0].ResourceArn).toEqual({ 'Fn::GetAtt': [webAclId, 'Arn'] });
    const groups = resourcesOfType(edge, 'AWS::Logs::LogGroup');
    const groupId = synth.edge!.getLogicalId(synth.edge!.firewall.logGroup.node.defaultChild as CfnElement);
    expect(String(groups[groupId].Properties?.LogGroupName)).toMatch(/^aws-waf-logs-/);
    expect(groups[groupId].Properties?.RetentionInDays).toBeGreaterThan(0);
    // The log group's ARN without ":*", in us-east-1.
    expect(configs[0].LogDestinationConfigs).toEqual([{ 'Fn::Join': ['', [`arn:aws:logs:${EDGE_REGION}:123456789012:log-group:`, { Ref: groupId }]] }]);
    expect(configs[0].RedactedFields).toEqual(
      expect.arrayContaining([{ SingleHeader: { Name: 'authorization' } }, { SingleHeader: { Name: 'cookie' } }, { QueryString: {} }, { UriPath: {} }]),
    );
    const filter = configs[0].LoggingFilter as { DefaultBehavior: string; Filters: { Behavior: string; Conditions: { ActionCondition: { Action: string } }[] }[] };
    expect(filter.DefaultBehavior).toBe('DROP');
    expect(filter.Filters.flatMap((f) => f.Conditions.map((c) => c.ActionCondition.Action)).sort()).toEqual(['BLOCK', 'COUNT', 'EXCLUDED_AS_COUNT']);
  });

  it('refuses a front it cannot build, naming the context key', () => {
    const front = FULL_OPTIONS.front!;
    const without = (change: Partial<ServiceOptions>) => ({ ...FULL_OPTIONS, ...change });
    expect(() => synthService(without({ domainName: undefined, certificateArn: undefined }))).toThrow(/domainName/);
    expect(() => synthService(without({ env: undefined }))).toThrow(/region/);
    expect(() => synthService(without({ front: { ...front, edgeCertificateArn: front.edgeCertificateArn.replace('us-east-1', 'eu-west-1') } }))).toThrow(/edgeCertificateArn/);
    expect(() => synthService(without({ front: { ...front, originClientCertificateArn: '' } }))).toThrow(/originClientCertificateArn/);
    expect(() => synthService(without({ front: { ...front, originTruststoreUri: 'https://bucket/ca.pem' } }))).toThrow(/originTruststoreUri/);
    expect(() => synthService(without({ certificateArn: FULL_OPTIONS.certificateArn!.replace('eu-west-1', 'us-east-1') }))).toThrow(/certificateArn/);
  });

  it('changes nothing for partners: every route of the route table is still deployed, at the same paths', () => {
    const deployed = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties?.RouteKey);
    expect(deployed.sort()).toEqual(Object.keys(routes).sort());
    expect(referencedId(distribution.WebACLId)).toBe(webAclId);
  });
});
