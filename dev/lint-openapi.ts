import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApiDocument } from '../shared/http/openapi.ts';

/**
 * `npm run lint:openapi`: writes the OpenAPI document generated from the route table to a temporary
 * file and lints it with Redocly (rules and acknowledged warnings in redocly.yaml). Any error or
 * unacknowledged warning fails.
 */
const dir = mkdtempSync(join(tmpdir(), 'device-consent-openapi-'));
const file = join(dir, 'openapi.json');
try {
  writeFileSync(file, JSON.stringify(openApiDocument(), null, 2));
  const run = spawnSync('redocly', ['lint', file, '--config', join(import.meta.dirname, '..', 'redocly.yaml'), '--max-problems', '500'], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
