import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CfnElement } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notFoundPage } from '#shared/pages/consent-flow.ts';
import { page } from '#shared/pages/layout.ts';
import { errorPage, signInForm } from '#shared/pages/site-views.ts';
import { html } from '#shared/util/html.ts';
import { CANARY_SCRIPT, type CanaryCheck, canaryChecks, UNKNOWN_LINK_ID } from '../../infra/constructs/page-canary.ts';
import { resourcesOfType, type SynthesizedService, synthService, SYNTH_TIMEOUT_MS } from './synth.ts';

type Properties = Record<string, unknown>;

/**
 * The pages as the service renders them (the pages function's own renderers, and its error page
 * for an unknown link, as its renderError does), the partner API's OpenAPI document, and a
 * partner's consent link.
 */
function servePages(overrides: Record<string, { status: number; body: string }> = {}): Server {
  const missing = notFoundPage();
  const answers: Record<string, { status: number; body: string }> = {
    '/openapi.json': { status: 200, body: readFileSync(new URL('../../functions/partner-api/openapi.json', import.meta.url), 'utf8') },
    '/signin': { status: 200, body: page('Sign in', signInForm({})).body ?? '' },
    [`/l/${UNKNOWN_LINK_ID}`]: { status: 404, body: page(missing.title, errorPage(missing.title, missing.message), { status: 404 }).body ?? '' },
    '/l/l_contoso': { status: 200, body: page('Contoso asks for permission', html`<h1>Contoso asks for permission</h1>`).body ?? '' },
    ...overrides,
  };
  return createServer((req, res) => {
    const answer = answers[req.url ?? ''] ?? { status: 404, body: 'no such page' };
    res.writeHead(answer.status, { 'content-type': 'text/html' }).end(answer.body);
  });
}

/**
 * Runs the canary's script as Synthetics would, with stand-ins for its two modules: a page whose
 * `goto` fetches the URL and answers like Puppeteer's (status(), text()), and steps that run in order.
 */
async function runCanary(baseUrl: string, checks: CanaryCheck[]): Promise<{ steps: string[]; logged: string[] }> {
  const steps: string[] = [];
  const logged: string[] = [];
  const browserPage = {
    goto: async (url: string) => {
      const response = await fetch(url, { redirect: 'manual' });
      const text = await response.text();
      return { status: () => response.status, text: async () => text };
    },
  };
  const modules: Record<string, unknown> = {
    Synthetics: {
      getPage: async () => browserPage,
      executeStep: async (name: string, step: () => Promise<void>) => {
        steps.push(name);
        await step();
      },
    },
    SyntheticsLogger: { info: (line: string) => logged.push(line) },
  };
  const exported: { handler?: () => Promise<void> } = {};
  const fakeRequire = (name: string) => {
    if (!(name in modules)) throw new Error(`the canary script requires ${name}, which the runtime does not give`);
    return modules[name];
  };
  new Function('require', 'exports', 'process', CANARY_SCRIPT)(fakeRequire, exported, { env: { BASE_URL: baseUrl, CANARY_CHECKS: JSON.stringify(checks) } });
  await exported.handler!();
  return { steps, logged };
}

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
};

describe('the pages canary (issue 25)', () => {
  let synth: SynthesizedService;
  let canary: Properties;
  const servers: Server[] = [];

  beforeAll(() => {
    synth = synthService();
    const canaries = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::Synthetics::Canary'));
    expect(canaries).toHaveLength(1);
    canary = canaries[0].Properties ?? {};
  }, SYNTH_TIMEOUT_MS);
  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('runs the script every 5 minutes on the Node.js Puppeteer runtime, against the public URL, keeping failed runs 30 days', () => {
    expect(canary.Schedule).toMatchObject({ Expression: 'rate(5 minutes)' });
    expect(canary.RuntimeVersion).toMatch(/^syn-nodejs-puppeteer-\d+\.\d+$/);
    expect(canary.Code).toEqual({ Handler: 'index.handler', Script: CANARY_SCRIPT });
    expect(canary.StartCanaryAfterCreation).toBe(true);
    expect(canary.FailureRetentionPeriod).toBe(30);
    const env = (canary.RunConfig as { EnvironmentVariables: Record<string, unknown> }).EnvironmentVariables;
    expect(env.BASE_URL).toEqual({ 'Fn::GetAtt': [synth.stateless.getLogicalId(synth.stateless.api.api.node.defaultChild as CfnElement), 'ApiEndpoint'] });
    expect(JSON.parse(env.CANARY_CHECKS as string)).toEqual(canaryChecks());
    // Its screenshots and logs: a bucket of its own, encrypted, TLS only, expiring.
    const bucketId = synth.stateless.getLogicalId(synth.stateless.canary.canary.artifactsBucket.node.defaultChild as CfnElement);
    expect(canary.ArtifactS3Location).toEqual({ 'Fn::Join': ['', ['s3://', { Ref: bucketId }]] });
    const bucket = resourcesOfType(synth.statelessTemplate, 'AWS::S3::Bucket')[bucketId].Properties ?? {};
    expect(bucket.LifecycleConfiguration).toEqual({ Rules: [{ ExpirationInDays: 30, Status: 'Enabled' }] });
    expect(JSON.stringify(bucket.BucketEncryption)).toContain('AES256');
  });

  it('opens the health check, the sign-in page and a consent link page; a link page that needs no data unless canaryLinkId names one', () => {
    expect(canaryChecks().map((check) => check.name)).toEqual(['health', 'sign-in', 'consent-link']);
    expect(canaryChecks()[2]).toMatchObject({ path: `/l/${UNKNOWN_LINK_ID}`, status: 404 });
    expect(canaryChecks('l_contoso')[2]).toMatchObject({ path: '/l/l_contoso', status: 200 });
    const withLink = synthService({ canaryLinkId: 'l_contoso' });
    const env = (Object.values(resourcesOfType(withLink.statelessTemplate, 'AWS::Synthetics::Canary'))[0].Properties?.RunConfig as { EnvironmentVariables: Record<string, string> }).EnvironmentVariables;
    expect(JSON.parse(env.CANARY_CHECKS)).toEqual(canaryChecks('l_contoso'));
    expect(() => synthService({ canaryLinkId: '../portal' })).toThrow(/canaryLinkId/);
  });

  it('passes, one step a page, on the pages as the service renders them', async () => {
    const server = servePages();
    servers.push(server);
    const base = await listen(server);
    const run = await runCanary(base, canaryChecks());
    expect(run.steps).toEqual(['health', 'sign-in', 'consent-link']);
    expect(run.logged).toHaveLength(3);
    expect((await runCanary(base, canaryChecks('l_contoso'))).steps).toEqual(['health', 'sign-in', 'consent-link']);
  });

  it('fails on another status or another page, naming the step', async () => {
    const broken = servePages({ '/signin': { status: 500, body: 'internal' } });
    const blank = servePages({ [`/l/${UNKNOWN_LINK_ID}`]: { status: 404, body: '<html>Not Found</html>' } });
    servers.push(broken, blank);
    await expect(runCanary(await listen(broken), canaryChecks())).rejects.toThrow(/^sign-in: \/signin answered 500, expected 200$/);
    await expect(runCanary(await listen(blank), canaryChecks())).rejects.toThrow(/^consent-link: .* does not show "This link is not valid"$/);
  });
});
