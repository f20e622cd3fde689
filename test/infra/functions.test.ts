import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FunctionName } from '../../infra/constructs/project-function.ts';
import { apiFunctions } from '../../infra/constructs/route-table-api.ts';
import { aliasLogicalId, functionLogicalId, referencedId, resourcesOfType, type SynthesizedService, synthService, SYNTH_TIMEOUT_MS } from './synth.ts';

const FUNCTIONS: FunctionName[] = ['authorizer', 'ops-api', 'partner-api', 'customer-api', 'pages', 'partner-portal', 'consent-status-check', 'stream-consumer', 'ses-events'];
/** What API Gateway invokes and waits for: the functions that serve routes, and the authorizer before them. */
const HTTP_FUNCTIONS: FunctionName[] = ['authorizer', 'ops-api', 'partner-api', 'customer-api', 'pages', 'partner-portal'];

describe('functions', () => {
  let synth: SynthesizedService;
  beforeAll(() => {
    synth = synthService();
  }, SYNTH_TIMEOUT_MS);

  it('makes one Lambda per folder of functions/, each with its handler.ts', () => {
    expect(Object.keys(synth.stateless.functions).sort()).toEqual([...FUNCTIONS].sort());
    synth.statelessTemplate.resourceCountIs('AWS::Lambda::Function', FUNCTIONS.length);
    for (const name of FUNCTIONS) {
      expect(existsSync(new URL(`../../functions/${name}/handler.ts`, import.meta.url)), name).toBe(true);
    }
  });

  it('runs every function on Node 24, arm64, traced, with its own log group that expires', () => {
    const logGroups = resourcesOfType(synth.statelessTemplate, 'AWS::Logs::LogGroup');
    const fns = resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Function');
    for (const [id, fn] of Object.entries(fns)) {
      const p = fn.Properties ?? {};
      expect(p.Runtime, id).toBe('nodejs24.x');
      expect(p.Architectures, id).toEqual(['arm64']);
      expect(p.TracingConfig, id).toEqual({ Mode: 'Active' });
      expect(p.Handler, id).toBe('index.handler');
      const logGroupId = referencedId((p.LoggingConfig as { LogGroup: unknown }).LogGroup);
      expect(logGroups[logGroupId ?? '']?.Properties?.RetentionInDays, id).toBeGreaterThan(0);
      expect(p.Timeout, id).toBeLessThanOrEqual(900);
      const env = (p.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.POWERTOOLS_SERVICE_NAME, id).toBe('device-consent');
      // Source maps are not loaded at run time (issue 14: they cost every cold start).
      expect(env.NODE_OPTIONS, id).toBeUndefined();
    }
    const logGroupIds = Object.values(fns).map((fn) => referencedId((fn.Properties?.LoggingConfig as { LogGroup: unknown }).LogGroup));
    expect(new Set(logGroupIds).size).toBe(FUNCTIONS.length);
  });

  it('keeps HTTP functions under the 30 s API Gateway integration limit', () => {
    // Every function the route table sends to, and the authorizer: none is left out of the check.
    expect([...apiFunctions(), 'authorizer'].sort()).toEqual([...HTTP_FUNCTIONS].sort());
    const fns = resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Function');
    for (const name of HTTP_FUNCTIONS) {
      expect(fns[functionLogicalId(synth, name)].Properties?.Timeout, name).toBeLessThan(30);
    }
  });

  it('issue 21: gives customer-api the HTTP API\'s whole 29 s and 1024 MB, for an export streamed to S3 in parts of 8 MB', () => {
    const fn = resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Function')[functionLogicalId(synth, 'customer-api')].Properties ?? {};
    expect(fn.Timeout).toBe(29);
    expect(fn.MemorySize).toBe(1024);
    // No reserved concurrency: a tenant's calls take from the account's pool like the other APIs'.
    expect(fn.ReservedConcurrentExecutions).toBeUndefined();
    const env = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(env).sort()).toEqual(
      ['CURSOR_KEY_SECRET_ARN', 'DOWNLOADS_BUCKET', 'POWERTOOLS_LOG_LEVEL', 'POWERTOOLS_METRICS_NAMESPACE', 'POWERTOOLS_SERVICE_NAME', 'PUBLIC_URL', 'TABLE_NAME'].sort(),
    );
  });

  it('runs the consent status check every hour, and its outbox part (emails, webhooks) every minute', () => {
    const rules = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::Events::Rule')).map((r) => r.Properties ?? {});
    expect(rules.map((r) => r.ScheduleExpression).sort()).toEqual(['rate(1 hour)', 'rate(1 minute)']);
    for (const rule of rules) {
      expect(rule.State).toBe('ENABLED');
      const targets = rule.Targets as { Arn: unknown; Input?: string }[];
      // Issue 25: the live alias, so a scheduled run reaches only a version CodeDeploy shifted to.
      expect(targets.map((t) => referencedId(t.Arn))).toEqual([aliasLogicalId(synth, 'consent-status-check')]);
      if (rule.ScheduleExpression === 'rate(1 hour)') expect(targets[0].Input).toBeUndefined();
      else expect(JSON.parse(targets[0].Input!)).toEqual({ kinds: ['outbox'] });
    }
    synth.statelessTemplate.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'events.amazonaws.com',
      FunctionName: { Ref: aliasLogicalId(synth, 'consent-status-check') },
    });
  });
});
