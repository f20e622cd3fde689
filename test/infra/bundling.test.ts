import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FunctionName } from '../../infra/constructs/project-function.ts';
import { LOCAL_SECRET_VARIABLES } from '../../shared/config/secrets.ts';
import { functionLogicalId, resourcesOfType, synthService } from './synth.ts';

/**
 * A static import statement (`;import{a as b}from"pkg"`, `import x from 'pkg'`, `import "pkg"`, at
 * the start of a line or after `;` or `}`) of anything but a `node:` module.
 */
const BARE_IMPORT = /(?:^|[;}])\s*import\s*(?:[\w$]+\s*,?\s*)?(?:\{[^{}]*\}|\*\s*as\s+[\w$]+)?\s*(?:from\s*)?["'](?!node:)[@a-z]/m;

/** Stand-ins for the values only a deployment knows (tokens in the template). */
const DEPLOYED_VALUES: Record<string, string> = {
  TABLE_NAME: 'DeviceConsentStateful-Table-BUNDLINGTEST',
  OPS_TOKEN_SHA256_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:OPS_TOKEN_SHA256-AbCdEf',
  CURSOR_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:CURSOR_KEY-AbCdEf',
  SESSION_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:SESSION_KEY-AbCdEf',
  WEBHOOK_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:WEBHOOK_KEY-AbCdEf',
  PUBLIC_URL: 'https://abcdef1234.execute-api.us-east-1.amazonaws.com',
  SES_CONFIGURATION_SET: 'MailConfigurationSet-BUNDLINGTEST',
};

/**
 * The environment a function's bundle is loaded with: its own variables from the template, and
 * what local mode needs instead of AWS (endpoints that are never contacted at load, secrets).
 */
function loadEnv(name: string, variables: Record<string, unknown>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1', DEPLOYMENT: 'local' };
  for (const [key, value] of Object.entries(variables)) {
    const resolved = typeof value === 'string' ? value : DEPLOYED_VALUES[key];
    if (resolved === undefined) throw new Error(`${name}: no stand-in for the deployed value of ${key}`);
    env[key] = resolved;
  }
  if (env.TABLE_NAME) env.DYNAMODB_ENDPOINT = 'http://127.0.0.1:9';
  if (env.MAIL_FROM) env.SES_ENDPOINT = 'http://127.0.0.1:9';
  for (const variable of Object.values(LOCAL_SECRET_VARIABLES)) env[variable] = `bundling-test-${variable}-`.padEnd(64, 'x');
  // The operator token is given as its SHA-256 (64 hex digits).
  env[LOCAL_SECRET_VARIABLES.opsTokenHash] = 'b'.repeat(64);
  return env;
}

/**
 * The one test that runs esbuild for real (offline, from node_modules), for the whole stateless
 * stack: the bundles must be ES modules that load on Node 24 with the AWS SDK inside.
 */
describe('bundling', () => {
  it('bundles every function into an ESM file with a source map that loads on Node 24', () => {
    const synth = synthService({ bundle: true });
    const fns = resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Function');
    const names = Object.keys(synth.stateless.functions) as FunctionName[];
    expect(names.length).toBeGreaterThan(0);

    for (const name of names) {
      const s3Key = (fns[functionLogicalId(synth, name)].Properties?.Code as { S3Key: string }).S3Key;
      const dir = join(synth.outdir, `asset.${s3Key.replace(/\.zip$/, '')}`);
      const bundle = join(dir, 'index.mjs');
      expect(existsSync(bundle), name).toBe(true);
      expect(existsSync(`${bundle}.map`), name).toBe(true);
      const code = readFileSync(bundle, 'utf8');
      expect(code.startsWith("import { createRequire as __projectCreateRequire } from 'node:module';"), name).toBe(true);
      // Nothing left to resolve at run time: no bare import of a package, the SDK included.
      // (An import statement, not any text: bundled libraries hold strings like `obtained from "x()"`.)
      expect(code, name).not.toMatch(BARE_IMPORT);
    }

    // Load each bundle in a fresh Node 24 process (the one running this test), so its cold start
    // (top-level configuration check included) runs: with the environment the stack gives that
    // function, deployment values stood in for, in local mode so the secrets come from variables
    // and nothing reaches AWS. A handler that needs a variable its function is not given fails here.
    expect(process.versions.node.split('.')[0]).toBe('24');
    for (const name of names) {
      const fn = fns[functionLogicalId(synth, name)].Properties ?? {};
      const bundle = join(synth.outdir, `asset.${(fn.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '')}`, 'index.mjs');
      const out = execFileSync(
        process.execPath,
        ['--input-type=module', '-e', `const m = await import(${JSON.stringify(bundle)}); console.log(typeof m.handler);`],
        { encoding: 'utf8', env: loadEnv(name, (fn.Environment as { Variables: Record<string, unknown> }).Variables) },
      );
      expect(out.trim(), name).toBe('function');
    }
  });
});
