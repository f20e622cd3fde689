import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * `npm run lint:openapi`: lints the OpenAPI document as it is served and committed
 * (functions/partner-api/openapi.json, written by `npm run generate`; a unit test fails while it
 * is stale) with Redocly (rules and acknowledged warnings in redocly.yaml). Any error or
 * unacknowledged warning fails.
 */
const root = join(import.meta.dirname, '..');
const run = spawnSync('redocly', ['lint', join(root, 'functions', 'partner-api', 'openapi.json'), '--config', join(root, 'redocly.yaml'), '--max-problems', '500'], { stdio: 'inherit' });
process.exitCode = run.status ?? 1;
