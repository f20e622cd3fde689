import type { CfnElement } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { type RouteSpec, routes } from '#shared/http/routes.ts';
import { LIVE_ALIAS, type FunctionName } from '../../infra/constructs/project-function.ts';
import { apiFunctions } from '../../infra/constructs/route-table-api.ts';
import { aliasLogicalId, functionLogicalId, invokedFunctionId, referencedId, resourcesOfType, type SynthesizedService, synthService, SYNTH_TIMEOUT_MS } from './synth.ts';

type Properties = Record<string, unknown>;

/** What answers people shifts gradually; what events invoke, at once (issue 25). */
const CANARY: FunctionName[] = ['authorizer', 'ops-api', 'partner-api', 'customer-api', 'pages', 'partner-portal'];
const ALL_AT_ONCE: FunctionName[] = ['consent-status-check', 'stream-consumer', 'ses-events'];

describe('deployments that roll back by themselves (issue 25)', () => {
  let synth: SynthesizedService;
  let groups: Record<string, { Properties?: Properties }>;
  let alarmNameOf: (id: string) => string;

  beforeAll(() => {
    synth = synthService();
    groups = resourcesOfType(synth.statelessTemplate, 'AWS::CodeDeploy::DeploymentGroup');
    const alarms = resourcesOfType(synth.statelessTemplate, 'AWS::CloudWatch::Alarm');
    alarmNameOf = (id) => String(alarms[id]?.Properties?.AlarmName);
  }, SYNTH_TIMEOUT_MS);

  const groupOf = (name: FunctionName) => {
    const id = synth.stateless.getLogicalId(synth.stateless.deployments.groups[name].node.defaultChild as CfnElement);
    return groups[id].Properties ?? {};
  };
  const rollbackAlarmsOf = (name: FunctionName) =>
    ((groupOf(name).AlarmConfiguration as { Alarms: { Name: unknown }[] }).Alarms ?? []).map((a) => alarmNameOf(referencedId(a.Name)!).replace(/^DeviceConsentStateless-/, '')).sort();

  it('publishes every function as a version behind its live alias, which CodeDeploy updates', () => {
    const aliases = resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Alias');
    const versions = resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Version');
    const names = Object.keys(synth.stateless.functions) as FunctionName[];
    expect(Object.keys(aliases)).toHaveLength(names.length);
    for (const name of names) {
      const alias = aliases[aliasLogicalId(synth, name)] as { Properties?: Properties; UpdatePolicy?: Properties };
      expect(alias.Properties?.Name, name).toBe(LIVE_ALIAS);
      expect(referencedId(alias.Properties?.FunctionName), name).toBe(functionLogicalId(synth, name));
      const versionId = (alias.Properties?.FunctionVersion as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      expect(referencedId(versions[versionId]?.Properties?.FunctionName), name).toBe(functionLogicalId(synth, name));
      // CloudFormation hands the alias's move to the function's deployment group.
      const groupId = synth.stateless.getLogicalId(synth.stateless.deployments.groups[name].node.defaultChild as CfnElement);
      expect(alias.UpdatePolicy, name).toMatchObject({ CodeDeployLambdaAliasUpdate: { DeploymentGroupName: { Ref: groupId } } });
    }
  });

  it('shifts the APIs, the pages and the authorizer 10 % for 5 minutes, the scheduled, stream and SNS functions at once', () => {
    expect(Object.keys(groups)).toHaveLength(CANARY.length + ALL_AT_ONCE.length);
    expect([...CANARY].sort()).toEqual([...apiFunctions(), 'authorizer'].sort());
    for (const name of CANARY) expect(groupOf(name).DeploymentConfigName, name).toBe('CodeDeployDefault.LambdaCanary10Percent5Minutes');
    for (const name of ALL_AT_ONCE) expect(groupOf(name).DeploymentConfigName, name).toBe('CodeDeployDefault.LambdaAllAtOnce');
    const applications = Object.keys(resourcesOfType(synth.statelessTemplate, 'AWS::CodeDeploy::Application'));
    expect(applications).toHaveLength(1);
    for (const name of [...CANARY, ...ALL_AT_ONCE]) {
      expect(groupOf(name).ApplicationName, name).toEqual({ Ref: applications[0] });
      expect(groupOf(name).DeploymentStyle, name).toEqual({ DeploymentOption: 'WITH_TRAFFIC_CONTROL', DeploymentType: 'BLUE_GREEN' });
    }
  });

  it('rolls back when the deployment fails or one of its alarms fires: errors, 5xx and p99 latency', () => {
    for (const name of [...CANARY, ...ALL_AT_ONCE]) {
      const group = groupOf(name);
      expect(group.AutoRollbackConfiguration, name).toEqual({ Enabled: true, Events: expect.arrayContaining(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']) });
      expect((group.AlarmConfiguration as { Enabled: boolean }).Enabled, name).toBe(true);
    }
    for (const name of apiFunctions()) expect(rollbackAlarmsOf(name), name).toEqual([`${name}-5xx`, `${name}-Errors`, `${name}-LatencyP99`].sort());
    // The authorizer: its own errors and latency, and the 5xx of every API it guards.
    const guarded = [...new Set((Object.values(routes) as RouteSpec[]).filter((spec) => spec.auth !== 'none').map((spec) => spec.fn))];
    expect(guarded.sort()).toEqual(['customer-api', 'ops-api', 'partner-api']);
    expect(rollbackAlarmsOf('authorizer')).toEqual(['authorizer-Errors', 'authorizer-LatencyP99', ...guarded.map((fn) => `${fn}-5xx`)].sort());
    for (const name of ALL_AT_ONCE) expect(rollbackAlarmsOf(name), name).toEqual([`${name}-Errors`]);
  });

  it('has CodeDeploy act through one service role of its own', () => {
    const roles = new Set(Object.values(groups).map((g) => JSON.stringify(g.Properties?.ServiceRoleArn)));
    expect(roles.size).toBe(1);
    const roleId = synth.stateless.getLogicalId(synth.stateless.deployments.role.node.defaultChild as CfnElement);
    expect([...roles]).toEqual([JSON.stringify({ 'Fn::GetAtt': [roleId, 'Arn'] })]);
  });

  it('lets nothing invoke an unqualified function ($LATEST): routes, the authorizer, schedules, the stream and SNS name the alias', () => {
    const template = synth.statelessTemplate;
    const functionIds = new Set((Object.keys(synth.stateless.functions) as FunctionName[]).map((name) => functionLogicalId(synth, name)));
    const aliasIds = new Set((Object.keys(synth.stateless.functions) as FunctionName[]).map((name) => aliasLogicalId(synth, name)));
    const invokers: [string, unknown][] = [
      ...Object.values(resourcesOfType(template, 'AWS::Lambda::Permission')).map((p) => ['permission', p.Properties?.FunctionName] as [string, unknown]),
      ...Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Integration')).map((i) => ['integration', i.Properties?.IntegrationUri] as [string, unknown]),
      ...Object.values(resourcesOfType(template, 'AWS::SNS::Subscription'))
        .filter((s) => s.Properties?.Protocol === 'lambda')
        .map((s) => ['subscription', s.Properties?.Endpoint] as [string, unknown]),
      ...Object.values(resourcesOfType(template, 'AWS::Events::Rule')).flatMap((r) => (r.Properties?.Targets as { Arn: unknown }[]).map((t) => ['rule target', t.Arn] as [string, unknown])),
    ];
    expect(invokers.length).toBeGreaterThan(10);
    for (const [kind, ref] of invokers) {
      expect(aliasIds.has(referencedId(ref) ?? ''), `${kind} ${JSON.stringify(ref)}`).toBe(true);
      expect(functionIds.has(invokedFunctionId(template, ref) ?? ''), `${kind} ${JSON.stringify(ref)}`).toBe(true);
    }
    // The authorizer's URI and the stream's mapping name the alias inside a larger expression.
    for (const authorizer of Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Authorizer'))) {
      expect(JSON.stringify(authorizer.Properties?.AuthorizerUri)).toContain(JSON.stringify({ Ref: aliasLogicalId(synth, 'authorizer') }));
    }
    for (const mapping of Object.values(resourcesOfType(template, 'AWS::Lambda::EventSourceMapping'))) {
      expect(JSON.stringify(mapping.Properties?.FunctionName)).toContain(JSON.stringify({ Ref: aliasLogicalId(synth, 'stream-consumer') }));
    }
  });
});
