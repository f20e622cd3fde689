/**
 * Issue 14, the bundle rows: every function bundled exactly as the CDK construct bundles it (the
 * service synthesized with esbuild for real), against an SDK-only bundle of the same AWS SDK
 * clients bundled with the same options (bench/sdk-only/). Used by `npm run bench` (sizes and cold
 * imports) and by the bundle-size test (test/infra/bundling.test.ts: sizes only, which are
 * deterministic; times are never asserted in a test).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { functionBundling, METAFILE_CONTEXT, type FunctionName } from '../infra/constructs/project-function.ts';
import { addService } from '../infra/service.ts';
import { LOCAL_SECRET_VARIABLES } from '#shared/config/secrets.ts';

/** A function's bundle may weigh at most this many times the SDK-only bundle of its clients. */
export const BUNDLE_BUDGET = 1.25;
/** Its cold import may take at most this many times the SDK-only bundle's (median of alternating pairs). */
export const COLD_IMPORT_BUDGET = 1.15;

/** The SDK-only baselines, by the AWS SDK clients a function bundles (sorted, joined with +). */
const BASELINES: Record<string, string> = {
  'dynamodb+secrets-manager': 'dynamodb-secrets.ts',
  'dynamodb+secrets-manager+sesv2': 'dynamodb-secrets-ses.ts',
  // Issue 21: the functions that write large downloads (partner-api, customer-api, pages).
  'dynamodb+s3+secrets-manager': 'dynamodb-s3-secrets.ts',
  // R32: the outbox workers (stream consumer, scheduled check), which import portal uploads from S3.
  'dynamodb+s3+secrets-manager+sesv2': 'dynamodb-s3-secrets-ses.ts',
};

export interface Bundle {
  /** `index.mjs` of the asset. */
  file: string;
  bytes: number;
  /** What esbuild put in, largest first (esbuild's metafile). */
  inputs: { path: string; bytes: number }[];
}

export interface FunctionBundle extends Bundle {
  name: FunctionName;
  /** The AWS SDK clients it bundles (`@aws-sdk/client-<name>`), sorted. */
  clients: string[];
  /** The environment it is loaded with: its variables from the template, local stand-ins for AWS. */
  env: NodeJS.ProcessEnv;
  baseline: Bundle & { entry: string };
}

/** The context of cdk.json (feature flags), so the bundles are those `npm run synth` makes. */
function cdkJsonContext(): Record<string, unknown> {
  return (JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as { context?: Record<string, unknown> }).context ?? {};
}

function bundleOf(dir: string): Bundle {
  const file = join(dir, 'index.mjs');
  const meta = JSON.parse(readFileSync(join(dir, 'index.meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
  const output = Object.entries(meta.outputs).find(([path]) => path.endsWith('index.mjs'))![1];
  const inputs = Object.entries(output.inputs)
    .map(([path, input]) => ({ path: path.replace(/^.*?node_modules\//, 'node_modules/'), bytes: input.bytesInOutput }))
    .filter((input) => input.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  return { file, bytes: statSync(file).size, inputs };
}

/** The asset directory of a function synthesized into `outdir`. */
function assetDir(outdir: string, stack: Stack, fn: NodejsFunction, template: { Resources: Record<string, { Properties?: Record<string, unknown> }> }): string {
  const properties = template.Resources[stack.getLogicalId(fn.node.defaultChild as CfnElement)].Properties!;
  return join(outdir, `asset.${(properties.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '')}`);
}

/** Stand-ins for the values only a deployment knows (tokens in the template). */
const DEPLOYED_VALUES: Record<string, string> = {
  TABLE_NAME: 'DeviceConsentStateful-Table-BUNDLINGTEST',
  OPS_TOKEN_SHA256_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:OPS_TOKEN_SHA256-AbCdEf',
  CURSOR_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:CURSOR_KEY-AbCdEf',
  SESSION_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:SESSION_KEY-AbCdEf',
  WEBHOOK_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:WEBHOOK_KEY-AbCdEf',
  PUBLIC_URL: 'https://abcdef1234.execute-api.us-east-1.amazonaws.com',
  SES_CONFIGURATION_SET: 'MailConfigurationSet-BUNDLINGTEST',
  DOWNLOADS_BUCKET: 'deviceconsentstateful-downloads-123456789012-us-east-1',
};

/**
 * The environment a function's bundle is loaded with: its own variables from the template, and
 * what local mode needs instead of AWS (endpoints that are never contacted at load, secrets).
 */
export function loadEnv(name: string, variables: Record<string, unknown>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1', DEPLOYMENT: 'local' };
  for (const [key, value] of Object.entries(variables)) {
    const resolved = typeof value === 'string' ? value : DEPLOYED_VALUES[key];
    if (resolved === undefined) throw new Error(`${name}: no stand-in for the deployed value of ${key}`);
    env[key] = resolved;
  }
  if (env.TABLE_NAME) env.DYNAMODB_ENDPOINT = 'http://127.0.0.1:9';
  if (env.MAIL_FROM) env.SES_ENDPOINT = 'http://127.0.0.1:9';
  if (env.DOWNLOADS_BUCKET) env.S3_ENDPOINT = 'http://127.0.0.1:9';
  for (const variable of Object.values(LOCAL_SECRET_VARIABLES)) env[variable] = `bundling-test-${variable}-`.padEnd(64, 'x');
  // The operator token is given as its SHA-256 (64 hex digits).
  env[LOCAL_SECRET_VARIABLES.opsTokenHash] = 'b'.repeat(64);
  return env;
}

/**
 * Synthesizes the service with bundling on (esbuild for real, offline) and the SDK-only baselines
 * with the same bundling options, into a temporary directory; about 15 s.
 */
export function bundleFunctions(): { outdir: string; functions: FunctionBundle[] } {
  const outdir = mkdtempSync(join(tmpdir(), 'device-consent-bundles-'));
  const app = new App({ outdir, context: { ...cdkJsonContext(), [METAFILE_CONTEXT]: true } });
  const service = addService(app);
  // The baselines in an app of their own: cdk-nag has nothing to say about them.
  const baselineApp = new App({ outdir: join(outdir, 'sdk-only') });
  const baselineStack = new Stack(baselineApp, 'SdkOnly');
  const baselineFns = Object.fromEntries(
    Object.entries(BASELINES).map(([clients, entry]) => [
      clients,
      new NodejsFunction(baselineStack, clients.replace(/[^A-Za-z0-9]/g, ''), {
        entry: fileURLToPath(new URL(`./sdk-only/${entry}`, import.meta.url)),
        runtime: Runtime.NODEJS_24_X,
        architecture: Architecture.ARM_64,
        bundling: functionBundling(undefined, { metafile: true }),
      }),
    ]),
  );
  const assembly = app.synth();
  const baselineAssembly = baselineApp.synth();
  const baselineTemplate = baselineAssembly.getStackArtifact(baselineStack.artifactId).template;
  const baselines = Object.fromEntries(
    Object.entries(baselineFns).map(([clients, fn]) => [clients, { ...bundleOf(assetDir(join(outdir, 'sdk-only'), baselineStack, fn, baselineTemplate)), entry: `bench/sdk-only/${BASELINES[clients]}` }]),
  );

  const stack = service.stateless;
  const template = assembly.getStackArtifact(stack.artifactId).template;
  const functions = (Object.keys(stack.functions) as FunctionName[]).map((name): FunctionBundle => {
    const fn = stack.functions[name].function;
    const bundle = bundleOf(assetDir(outdir, stack, fn, template));
    const clients = [...new Set(bundle.inputs.flatMap((input) => /node_modules\/@aws-sdk\/client-([a-z0-9-]+)\//.exec(input.path)?.[1] ?? []))].sort();
    const baseline = baselines[clients.join('+')];
    if (!baseline) throw new Error(`${name} bundles the SDK clients ${clients.join(', ')}: add an SDK-only baseline for them to bench/sdk-only/ and BASELINES`);
    const variables = (template.Resources[stack.getLogicalId(fn.node.defaultChild as CfnElement)].Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    return { name, ...bundle, clients, env: loadEnv(name, variables), baseline };
  });
  return { outdir, functions };
}

/** What a function bundles beyond its SDK-only baseline, largest first: where its bytes go. */
export function addedInputs(fn: FunctionBundle, top = 12): { path: string; bytes: number }[] {
  const inBaseline = new Set(fn.baseline.inputs.map((input) => input.path));
  return fn.inputs.filter((input) => !inBaseline.has(input.path)).slice(0, top);
}

/** Time to import a bundle in a fresh Node process (module evaluation, top-level await included), in ms. */
export function coldImportMs(file: string, env: NodeJS.ProcessEnv): number {
  const script = `const t = process.hrtime.bigint(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(Number(process.hrtime.bigint() - t) / 1e6);`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env }).trim());
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

/**
 * The rows of `npm run bench`: per function, its bundle against its SDK-only baseline, and its cold
 * import against the baseline's: the median of the ratios of BENCH_COLD_PAIRS (21) pairs, each
 * pair run back to back in alternating order so drift hits both alike.
 */
export async function benchBundles(log: (line: string) => void = (line) => process.stderr.write(`bench: ${line}\n`)) {
  log('bundling every function as the CDK construct does, and the SDK-only baselines');
  const { functions } = bundleFunctions();
  const pairs = Number(process.env.BENCH_COLD_PAIRS ?? 21);
  const rows: Record<string, { figure: number; budget: number; unit: string; [detail: string]: unknown }> = {};
  for (const fn of functions) {
    rows[`bundle.${fn.name}`] = {
      description: `bundle of ${fn.name} (${fn.clients.join(', ')})`,
      figure: Math.round((fn.bytes / fn.baseline.bytes) * 100) / 100,
      budget: BUNDLE_BUDGET,
      unit: 'x SDK-only bundle',
      kb: kb(fn.bytes),
      baselineKb: kb(fn.baseline.bytes),
      baseline: fn.baseline.entry,
      largestAdded: addedInputs(fn, 8).map((input) => `${input.path} ${kb(input.bytes)} KB`),
    };
  }
  for (const fn of functions) {
    log(`cold imports of ${fn.name}: ${pairs} pairs`);
    const own: number[] = [];
    const base: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < pairs; i++) {
      const [a, b] = i % 2 === 0 ? [fn.file, fn.baseline.file] : [fn.baseline.file, fn.file];
      const first = coldImportMs(a, fn.env);
      const second = coldImportMs(b, fn.env);
      const [ownMs, baseMs] = i % 2 === 0 ? [first, second] : [second, first];
      own.push(ownMs);
      base.push(baseMs);
      ratios.push(ownMs / baseMs);
    }
    rows[`coldImport.${fn.name}`] = {
      description: `cold import of ${fn.name}, median of ${pairs} alternating pairs`,
      figure: Math.round(median(ratios) * 100) / 100,
      budget: COLD_IMPORT_BUDGET,
      unit: 'x SDK-only import',
      medianMs: Math.round(median(own) * 10) / 10,
      baselineMedianMs: Math.round(median(base) * 10) / 10,
      pairs,
    };
  }
  return rows;
}
