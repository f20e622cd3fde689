import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FunctionName } from '../../infra/constructs/project-function.ts';
import { functionLogicalId, resourcesOfType, synthService } from './synth.ts';

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
      expect(code, name).not.toMatch(/\bfrom\s*["'](?!node:)[@a-z]/);
    }

    // Load the authorizer's bundle in a fresh Node 24 process (the one running this test).
    const authorizer = (fns[functionLogicalId(synth, 'authorizer')].Properties?.Code as { S3Key: string }).S3Key;
    const bundle = join(synth.outdir, `asset.${authorizer.replace(/\.zip$/, '')}`, 'index.mjs');
    const out = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', `const m = await import(${JSON.stringify(bundle)}); console.log(typeof m.handler);`],
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1' } },
    );
    expect(process.versions.node.split('.')[0]).toBe('24');
    expect(out.trim()).toBe('function');
  });
});
