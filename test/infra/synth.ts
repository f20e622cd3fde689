import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { FunctionName } from '../../infra/constructs/project-function.ts';
import { addService, type Service, type ServiceOptions } from '../../infra/service.ts';

/** The context of cdk.json (feature flags), so tests synthesize what `npm run synth` does. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

/**
 * Time for a `beforeAll` that synthesizes the service: about 2 s alone, but the 2 cores are shared
 * and vitest's 10 s default hook timeout was hit under load.
 */
export const SYNTH_TIMEOUT_MS = 180_000;

/** Every optional part on: the front (CloudFront, WAF, the edge stack in us-east-1), the budget, a canary link. */
export const FULL_OPTIONS: ServiceOptions = {
  env: { account: '123456789012', region: 'eu-west-1' },
  domainName: 'consent.contoso.example',
  certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
  front: {
    edgeCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/1a1b2c3d-4e5f-6789-abcd-ef0123456789',
    originClientCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/2a1b2c3d-4e5f-6789-abcd-ef0123456789',
    originTruststoreUri: 's3://contoso-truststore/device-consent/ca.pem',
  },
  monthlyBudgetUsd: 250,
  canaryLinkId: 'l_0123456789abcdef01234567',
  alarmEmail: 'oncall@contoso.example',
  oidcClientId: '11111111-2222-3333-4444-555555555555',
};
export interface SynthesizedService extends Service {
  app: App;
  outdir: string;
  statefulTemplate: Template;
  statelessTemplate: Template;
  /** The edge stack's template (us-east-1), when the front is configured. */
  edgeTemplate?: Template;
}

export interface SynthOptions extends ServiceOptions {
  /** Run esbuild for real. @default false: bundling skipped, about 0.2 s a stack */
  bundle?: boolean;
}

/**
 * Builds the service in a fresh app (cdk-nag on, as in `npm run synth`) and synthesizes it into a
 * temporary directory. Synthesis throws if cdk-nag reports an error that is not acknowledged.
 */
export function synthService(options: SynthOptions = {}): SynthesizedService {
  const { bundle = false, ...serviceOptions } = options;
  const outdir = mkdtempSync(join(tmpdir(), 'device-consent-infra-'));
  const app = new App({
    outdir,
    context: { ...cdkJsonContext(), ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
  const service = addService(app, serviceOptions);
  app.synth();
  return {
    ...service,
    app,
    outdir,
    statefulTemplate: Template.fromStack(service.stateful),
    statelessTemplate: Template.fromStack(service.stateless),
    edgeTemplate: service.edge ? Template.fromStack(service.edge) : undefined,
  };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** Resources of one type, by logical id. */
export function resourcesOfType(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}

/** The logical id a `{Ref}` or `{Fn::GetAtt}` points at. */
export function referencedId(value: unknown): string | undefined {
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.Ref === 'string') return v.Ref;
    if (Array.isArray(v['Fn::GetAtt'])) return v['Fn::GetAtt'][0] as string;
  }
  return undefined;
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** Every IAM statement of a template: policies, inline role policies and managed policies. */
export function iamStatements(template: Template): { owner: string; statement: Statement }[] {
  const out: { owner: string; statement: Statement }[] = [];
  const add = (owner: string, document: unknown) => {
    const statements = (document as { Statement?: Statement[] } | undefined)?.Statement ?? [];
    for (const statement of statements) out.push({ owner, statement });
  };
  for (const [id, r] of Object.entries(resourcesOfType(template, 'AWS::IAM::Policy'))) add(id, r.Properties?.PolicyDocument);
  for (const [id, r] of Object.entries(resourcesOfType(template, 'AWS::IAM::ManagedPolicy'))) add(id, r.Properties?.PolicyDocument);
  for (const [id, r] of Object.entries(resourcesOfType(template, 'AWS::IAM::Role'))) {
    for (const policy of (r.Properties?.Policies as { PolicyDocument: unknown }[] | undefined) ?? []) add(id, policy.PolicyDocument);
  }
  return out;
}

export const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Logical id of a project function's AWS::Lambda::Function in the stateless template. */
export function functionLogicalId(synth: Service, name: FunctionName): string {
  return synth.stateless.getLogicalId(synth.stateless.functions[name].function.node.defaultChild as CfnElement);
}

/**
 * Logical id of a project function's `live` alias in the stateless template: what every invoker
 * (routes, the authorizer, the schedules, the stream, SNS) names, so that CodeDeploy's shifts apply.
 */
export function aliasLogicalId(synth: Service, name: FunctionName): string {
  return synth.stateless.getLogicalId(synth.stateless.functions[name].alias.node.defaultChild as CfnElement);
}

/** The function an invoker's reference reaches: itself for a function, the alias's function for an alias. */
export function invokedFunctionId(template: Template, value: unknown): string | undefined {
  const id = referencedId(value);
  const alias = id ? resourcesOfType(template, 'AWS::Lambda::Alias')[id] : undefined;
  return alias ? referencedId(alias.Properties?.FunctionName) : id;
}
