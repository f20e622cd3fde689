import { Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { HEAVY_ROUTE_THROTTLE, RouteTableApi } from '../../infra/constructs/route-table-api.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BODY_BYTES, type RouteKey, type RouteSpec, routes, splitRouteKey } from '#shared/http/routes.ts';
import type { FunctionName } from '../../infra/constructs/project-function.ts';
import { aliasLogicalId, functionLogicalId, invokedFunctionId, referencedId, resourcesOfType, type SynthesizedService, synthService, SYNTH_TIMEOUT_MS } from './synth.ts';

const routeEntries = Object.entries(routes) as [string, RouteSpec][];

describe('HTTP API', () => {
  let synth: SynthesizedService;
  beforeAll(() => {
    synth = synthService();
  }, SYNTH_TIMEOUT_MS);

  const apiRoutes = () => Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::ApiGatewayV2::Route'));
  const routeByKey = (key: string) => apiRoutes().find((r) => r.Properties?.RouteKey === key);
  /** Logical id of what a route invokes: route -> integration -> IntegrationUri (issue 25: the function's live alias). */
  const invokedIdOf = (routeKey: string): string | undefined => {
    const target = routeByKey(routeKey)?.Properties?.Target as { 'Fn::Join': [string, unknown[]] };
    const integrationId = referencedId(target['Fn::Join'][1][1]);
    const integration = resourcesOfType(synth.statelessTemplate, 'AWS::ApiGatewayV2::Integration')[integrationId ?? ''];
    return referencedId(integration?.Properties?.IntegrationUri);
  };
  /** Logical id of the function behind a route, through its alias. */
  const functionIdOf = (routeKey: string): string | undefined => invokedFunctionId(synth.statelessTemplate, { Ref: invokedIdOf(routeKey) });
  const functionIdOfName = (name: FunctionName) => functionLogicalId(synth, name);

  it('has every route of the route table, and no other', () => {
    expect(routeEntries.length).toBeGreaterThan(0);
    for (const [key] of routeEntries) expect(routeByKey(key), key).toBeDefined();
    expect(apiRoutes().map((r) => r.Properties?.RouteKey).sort()).toEqual(routeEntries.map(([key]) => key).sort());
  });

  it('deploys every public route without the authorizer and with its written reason acknowledged to cdk-nag (APIG4), and no other route so', () => {
    const api = synth.stateless.node.findAll().find((c): c is RouteTableApi => c instanceof RouteTableApi);
    expect(api).toBeDefined();
    const publicRoutes = routeEntries.filter(([, spec]) => spec.auth === 'none');
    expect(publicRoutes.length).toBeGreaterThan(0);
    for (const [key, spec] of routeEntries) {
      const acknowledged = api!.routes[key as RouteKey].node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
        .filter(([id]) => id.replace(/^annotation::/i, '') === 'AwsSolutions-APIG4')
        .map(([, reason]) => reason);
      if (spec.auth === 'none') {
        expect(spec.publicReason.trim().length, key).toBeGreaterThanOrEqual(40);
        expect(acknowledged, key).toEqual([spec.publicReason]);
        expect(routeByKey(key)?.Properties?.AuthorizationType ?? 'NONE', key).toBe('NONE');
      } else {
        expect(acknowledged, key).toEqual([]);
      }
    }
  });

  it('puts the authorizer on operator, partner and customer routes only', () => {
    const authorizerIds = Object.keys(resourcesOfType(synth.statelessTemplate, 'AWS::ApiGatewayV2::Authorizer'));
    expect(authorizerIds).toHaveLength(1);
    for (const [key, spec] of routeEntries) {
      const props = routeByKey(key)?.Properties ?? {};
      if (spec.auth === 'none') {
        expect(props.AuthorizationType, key).toBe('NONE');
        expect(props.AuthorizerId, key).toBeUndefined();
      } else {
        expect(props.AuthorizationType, key).toBe('CUSTOM');
        expect(referencedId(props.AuthorizerId), key).toBe(authorizerIds[0]);
      }
    }
  });

  it('issue 21: sends exactly the /v1/tenant routes to customer-api, each a customer route through the one Lambda authorizer', () => {
    const isTenantPath = (key: string) => /^\/v1\/tenant(\/|$)/.test(splitRouteKey(key as RouteKey).path);
    const tenantRoutes = routeEntries.filter(([key]) => isTenantPath(key)).map(([key]) => key);
    expect(tenantRoutes.sort()).toEqual(
      [
        'GET /v1/tenant',
        'GET /v1/tenant/devices',
        'GET /v1/tenant/partners',
        'POST /v1/tenant/device-releases',
        'POST /v1/tenant/release-batches',
        'GET /v1/tenant/release-batches/{batchId}',
        'POST /v1/tenant/release-batches/{batchId}/devices',
        'POST /v1/tenant/release-batches/{batchId}/submit',
        'GET /v1/tenant/release-batches/{batchId}/results',
        // R29: the tenant's audit trail.
        'GET /v1/tenant/audit',
        // R26: claims on the tenant's devices and its own.
        'GET /v1/tenant/device-claims',
        'POST /v1/tenant/device-claims',
        'GET /v1/tenant/device-claims/{claimId}',
        'GET /v1/tenant/device-claims/{claimId}/devices',
        'POST /v1/tenant/device-claims/{claimId}/responses',
        'POST /v1/tenant/device-claims/{claimId}/withdraw',
      ].sort(),
    );
    // In the table: customer routes are exactly the tenant paths, and customer-api serves exactly them.
    expect(routeEntries.filter(([, spec]) => spec.auth === 'customer').map(([key]) => key).sort()).toEqual(tenantRoutes);
    expect(routeEntries.filter(([, spec]) => spec.fn === 'customer-api').map(([key]) => key).sort()).toEqual(tenantRoutes);
    // In the template: what reaches customer-api's alias is exactly those routes, each through the authorizer.
    const [authorizerId] = Object.keys(resourcesOfType(synth.statelessTemplate, 'AWS::ApiGatewayV2::Authorizer'));
    const toCustomerApi = apiRoutes()
      .map((r) => String(r.Properties?.RouteKey))
      .filter((key) => invokedIdOf(key) === aliasLogicalId(synth, 'customer-api'));
    expect(toCustomerApi.sort()).toEqual(tenantRoutes);
    for (const key of tenantRoutes) {
      const props = routeByKey(key)?.Properties ?? {};
      expect(props.AuthorizationType, key).toBe('CUSTOM');
      expect(referencedId(props.AuthorizerId), key).toBe(authorizerId);
      expect(functionIdOf(key), key).toBe(functionIdOfName('customer-api'));
    }
  });

  it('sends each route to the function the route table names, through one integration per function', () => {
    for (const [key, spec] of routeEntries) {
      // Issue 25: the live alias, never the unqualified function ($LATEST), which no deployment shifts.
      expect(invokedIdOf(key), key).toBe(aliasLogicalId(synth, spec.fn));
      expect(functionIdOf(key), key).toBe(functionIdOfName(spec.fn));
    }
    const functionsServing = new Set(routeEntries.map(([, spec]) => spec.fn));
    synth.statelessTemplate.resourceCountIs('AWS::ApiGatewayV2::Integration', functionsServing.size);
  });

  it('lets API Gateway invoke a function only for its own routes', () => {
    const permissions = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Permission')).filter(
      (p) => p.Properties?.Principal === 'apigateway.amazonaws.com',
    );
    const functionsServing = new Set(routeEntries.map(([, spec]) => spec.fn));
    for (const fn of functionsServing) {
      // Issue 25: the permission is on the live alias the routes invoke.
      const aliasId = aliasLogicalId(synth, fn);
      const paths = permissions
        .filter((p) => referencedId(p.Properties?.FunctionName) === aliasId)
        .map((p) => {
          const parts = (p.Properties?.SourceArn as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
          return parts.at(-1);
        });
      const ownPaths = routeEntries.filter(([, spec]) => spec.fn === fn).map(([key]) => `/*/*${splitRouteKey(key).path}`);
      expect(paths.sort(), fn).toEqual(ownPaths.sort());
    }
  });

  it('uses a simple-response Lambda authorizer without identity source or caching', () => {
    synth.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      AuthorizerResultTtlInSeconds: 0,
      IdentitySource: [],
      // Issue 25: the authorizer's live alias.
      AuthorizerUri: { 'Fn::Join': ['', Match.arrayWith([{ Ref: aliasLogicalId(synth, 'authorizer') }])] },
    });
  });

  it('serves a throttled, access-logged $default stage and no catch-all route', () => {
    synth.statelessTemplate.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    const stage = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::ApiGatewayV2::Stage'))[0].Properties ?? {};
    expect(stage.StageName).toBe('$default');
    expect(stage.AutoDeploy).toBe(true);
    expect(stage.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    const logs = stage.AccessLogSettings as { DestinationArn: unknown; Format: string };
    const logGroup = resourcesOfType(synth.statelessTemplate, 'AWS::Logs::LogGroup')[referencedId(logs.DestinationArn) ?? ''];
    expect(logGroup?.Properties?.RetentionInDays).toBeGreaterThan(0);
    expect(JSON.parse(logs.Format)).toMatchObject({ requestId: '$context.requestId', routeKey: '$context.routeKey' });
    expect(apiRoutes().some((r) => String(r.Properties?.RouteKey).startsWith('$default'))).toBe(false);
  });

  it('issue 25: throttles each heavy route (the 6 MB device endpoints: uploads, batch parts) on its own, below the stage default', () => {
    const stages = resourcesOfType(synth.statelessTemplate, 'AWS::ApiGatewayV2::Stage');
    const [stageId, stage] = Object.entries(stages)[0];
    const settings = stage.Properties?.RouteSettings as Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
    const heavy = routeEntries.filter(([, spec]) => (spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES) > DEFAULT_MAX_BODY_BYTES).map(([key]) => key);
    expect(heavy).toEqual(expect.arrayContaining(['POST /v1/device-uploads', 'POST /v1/devices', 'POST /v1/device-batches/{batchId}/devices']));
    expect(Object.keys(settings).sort()).toEqual(heavy.sort());
    for (const key of heavy) expect(settings[key], key).toEqual({ ThrottlingRateLimit: HEAVY_ROUTE_THROTTLE.rateLimit, ThrottlingBurstLimit: HEAVY_ROUTE_THROTTLE.burstLimit });
    const defaults = stage.Properties?.DefaultRouteSettings as { ThrottlingRateLimit: number; ThrottlingBurstLimit: number };
    expect(HEAVY_ROUTE_THROTTLE.rateLimit).toBeLessThan(defaults.ThrottlingRateLimit);
    // A route setting needs its route: the stage waits for the heavy routes.
    const dependsOn = (synth.statelessTemplate.toJSON().Resources[stageId] as { DependsOn?: string[] }).DependsOn ?? [];
    const routeIds = Object.entries(resourcesOfType(synth.statelessTemplate, 'AWS::ApiGatewayV2::Route'))
      .filter(([, r]) => heavy.includes(r.Properties?.RouteKey as string))
      .map(([id]) => id);
    expect(routeIds).toHaveLength(heavy.length);
    expect(dependsOn).toEqual(expect.arrayContaining(routeIds));
  });

  it('outputs the API URL, and gives it to the functions as PUBLIC_URL unless publicUrl is set', () => {
    synth.statelessTemplate.hasOutput('ApiUrl', {});
    const fns = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Function'));
    for (const fn of fns) {
      const env = (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.PUBLIC_URL).toEqual({ 'Fn::GetAtt': [expect.any(String), 'ApiEndpoint'] });
    }
    const custom = synthService({ publicUrl: 'https://consent.contoso.example' });
    for (const fn of Object.values(resourcesOfType(custom.statelessTemplate, 'AWS::Lambda::Function'))) {
      expect((fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables.PUBLIC_URL).toBe(
        'https://consent.contoso.example',
      );
    }
  });
});
