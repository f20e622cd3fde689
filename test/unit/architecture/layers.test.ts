import { describe, expect, it } from 'vitest';
import { importEdges, layerViolations } from '../../../dev/import-graph.ts';

describe('layers: no folder imports from a folder above it (ARCHITECTURE.md)', () => {
  const edges = importEdges(process.cwd());

  it('reads the imports of the whole tree, aliases and relative paths alike', () => {
    expect(edges.length).toBeGreaterThan(900);
    expect(edges).toContainEqual({ from: 'functions/partner-api/handler.ts', to: 'shared/http/chain.ts', specifier: '#shared/http/chain.ts' });
    expect(edges.some((edge) => edge.specifier.startsWith('./'))).toBe(true);
  });

  it('finds no import that climbs or goes sideways, so the folders form no loop', () => {
    expect(layerViolations(edges)).toEqual([]);
  });

  it('would catch a climbing import, a sideways one and an unlisted folder', () => {
    expect(
      layerViolations([
        { from: 'shared/outbox/deliver.ts', to: 'shared/devices/batches.ts', specifier: '#shared/devices/batches.ts' },
        { from: 'shared/devices/batches.ts', to: 'shared/consent/request-consent.ts', specifier: '#shared/consent/request-consent.ts' },
        { from: 'shared/table/keys.ts', to: 'shared/somewhere/new.ts', specifier: '#shared/somewhere/new.ts' },
        { from: 'shared/table/keys.ts', to: 'shared/domain/ids.ts', specifier: '#shared/domain/ids.ts' },
      ]),
    ).toEqual([
      'shared/outbox/deliver.ts imports #shared/devices/batches.ts: shared/devices is above shared/outbox',
      'shared/devices/batches.ts imports #shared/consent/request-consent.ts: shared/devices and shared/consent are on the same layer',
      'shared/table/keys.ts: shared/somewhere is in no layer (dev/import-graph.ts LAYERS)',
    ]);
  });
});
