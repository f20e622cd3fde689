import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addedInputs, BUNDLE_BUDGET, bundleFunctions, type FunctionBundle } from '../../bench/bundles.ts';
import type { FunctionName } from '../../infra/constructs/project-function.ts';

/**
 * A static import statement (`;import{a as b}from"pkg"`, `import x from 'pkg'`, `import "pkg"`, at
 * the start of a line or after `;` or `}`) of anything but a `node:` module.
 */
const BARE_IMPORT = /(?:^|[;}])\s*import\s*(?:[\w$]+\s*,?\s*)?(?:\{[^{}]*\}|\*\s*as\s+[\w$]+)?\s*(?:from\s*)?["'](?!node:)[@a-z]/m;

/**
 * Functions known to weigh more than BUNDLE_BUDGET times their SDK-only baseline (issue 14: what
 * dominates each is in the README's Performance section), held to their size now: anything that
 * makes them heavier fails here as any other function over its budget does.
 */
const OVER_BUDGET: Partial<Record<FunctionName, number>> = { 'ops-api': 1.42, 'partner-api': 1.55, pages: 1.56 };

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * The one test that runs esbuild for real (offline, from node_modules), for the whole stateless
 * stack, bundled exactly as the CDK construct does, with the SDK-only baselines beside
 * (bench/bundles.ts): the bundles must be ES modules that load on Node 24 with the AWS SDK inside,
 * and no heavier than their budget.
 */
describe('bundling', () => {
  let outdir: string;
  let functions: FunctionBundle[];
  beforeAll(() => {
    ({ outdir, functions } = bundleFunctions());
  }, 180_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('bundles every function into an ESM file with a source map that loads on Node 24', () => {
    expect(functions.length).toBeGreaterThan(0);
    for (const { name, file: bundle } of functions) {
      expect(existsSync(bundle), name).toBe(true);
      expect(existsSync(`${bundle}.map`), name).toBe(true);
      const code = readFileSync(bundle, 'utf8');
      expect(code.startsWith("import { createRequire as __projectCreateRequire } from 'node:module';"), name).toBe(true);
      // Nothing left to resolve at run time: no bare import of a package, the SDK included.
      // (An import statement, not any text: bundled libraries hold strings like `obtained from "x()"`.)
      expect(code, name).not.toMatch(BARE_IMPORT);
      // The source map is for reading a stack trace offline: never loaded at a cold start.
      expect(code, name).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    }

    // Load each bundle in a fresh Node 24 process (the one running this test), so its cold start
    // (top-level configuration check included) runs: with the environment the stack gives that
    // function, deployment values stood in for, in local mode so the secrets come from variables
    // and nothing reaches AWS. A handler that needs a variable its function is not given fails here.
    expect(process.versions.node.split('.')[0]).toBe('24');
    for (const { name, file, env } of functions) {
      expect(env.NODE_OPTIONS, name).toBeUndefined();
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(file)}); console.log(typeof m.handler);`], {
        encoding: 'utf8',
        env,
      });
      expect(out.trim(), name).toBe('function');
    }
  });

  it(`issue 14: every bundle weighs at most ${BUNDLE_BUDGET}x the SDK-only bundle of its clients, and says what it added when not`, () => {
    const over = functions.flatMap((fn) => {
      const limit = OVER_BUDGET[fn.name] ?? BUNDLE_BUDGET;
      const ratio = fn.bytes / fn.baseline.bytes;
      if (ratio <= limit) return [];
      const added = addedInputs(fn).map((input) => `    ${kb(input.bytes).padStart(9)}  ${input.path}`);
      return [`${fn.name}: ${kb(fn.bytes)} is ${ratio.toFixed(2)}x ${fn.baseline.entry} (${kb(fn.baseline.bytes)}), over ${limit}x; its largest inputs beyond the SDK:\n${added.join('\n')}`];
    });
    expect(over.join('\n\n')).toBe('');
  });

  it('the partner API\'s asset carries the OpenAPI document written at build time', () => {
    const partnerApi = functions.find((fn) => fn.name === 'partner-api')!;
    const document = JSON.parse(readFileSync(partnerApi.file.replace(/index\.mjs$/, 'openapi.json'), 'utf8')) as { openapi: string };
    expect(document.openapi).toBe('3.1.0');
    // Neither the OpenAPI builder nor a response schema is bundled.
    expect(partnerApi.inputs.filter((input) => /zod-openapi|response-schemas|node_modules\/zod\/v4\/classic/.test(input.path))).toEqual([]);
  });
});
