/**
 * `npm run bench`: the benchmarks of the issues, on DynamoDB Local in memory. Figures are ratios
 * and counts measured in one run; absolute times vary with the machine.
 */
import { startBenchEngine } from './support.ts';

const engine = await startBenchEngine();
try {
  const { benchDevices } = await import('./devices.ts');
  await benchDevices();
  const { benchConsentCheck } = await import('./consent-check.ts');
  await benchConsentCheck();
  const { benchBatches } = await import('./batches.ts');
  await benchBatches();
} finally {
  await engine.stop();
}
