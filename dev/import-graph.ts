import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/**
 * The layers of the tree, lowest first (ARCHITECTURE.md, "Layers"). A file may import from its
 * own folder and from folders of lower layers only: never from a folder above it, nor from another
 * folder of its own layer, so the folders form no loop. Every folder of the tree must be listed.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['shared/util'],
  ['shared/config'],
  ['shared/observability'],
  ['shared/domain'],
  ['shared/table'],
  ['shared/outbox', 'shared/mail', 'shared/files'],
  ['shared/consent', 'shared/customers', 'shared/devices', 'shared/directory', 'shared/identity', 'shared/partners', 'shared/relationships', 'shared/suppressions', 'shared/webhooks'],
  ['shared/http', 'shared/workers'],
  ['shared/pages'],
  ['functions'],
  ['infra', 'cli'],
  ['dev'],
  ['bench'],
  ['test'],
];

const ROOTS = ['shared', 'functions', 'infra', 'cli', 'dev', 'bench', 'test'];

/** The folder a file belongs to for layering: `shared/<name>`, or the top-level folder. */
export const folderOf = (file: string): string => {
  const parts = file.split('/');
  return parts[0] === 'shared' ? parts.slice(0, 2).join('/') : parts[0];
};

export interface ImportEdge {
  from: string;
  to: string;
  specifier: string;
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s(?:[^'"`;]*?\sfrom\s)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every import of a project file by a project file under `root`: static, re-exports and dynamic. */
export function importEdges(root: string): ImportEdge[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts')) files.push(path);
    }
  };
  ROOTS.filter((dir) => existsSync(join(root, dir))).forEach(walk);
  return files.flatMap((from) =>
    [...readFileSync(join(root, from), 'utf8').matchAll(IMPORT)].flatMap((match) => {
      const specifier = match[1] ?? match[2];
      const to = specifier.startsWith('#shared/') ? specifier.slice(1) : specifier.startsWith('.') ? relative(root, normalize(join(root, dirname(from), specifier))) : undefined;
      return to && to.endsWith('.ts') ? [{ from, to, specifier }] : [];
    }),
  );
}

/** The imports that climb (to a higher layer), go sideways (another folder of the same layer), or touch an unlisted folder. */
export function layerViolations(edges: ImportEdge[]): string[] {
  const layer = new Map(LAYERS.flatMap((folders, rank) => folders.map((folder) => [folder, rank] as const)));
  return edges.flatMap(({ from, to, specifier }) => {
    const [a, b] = [folderOf(from), folderOf(to)];
    if (a === b) return [];
    const [ra, rb] = [layer.get(a), layer.get(b)];
    if (ra === undefined || rb === undefined) return [`${from}: ${ra === undefined ? a : b} is in no layer (dev/import-graph.ts LAYERS)`];
    if (rb > ra) return [`${from} imports ${specifier}: ${b} is above ${a}`];
    if (rb === ra) return [`${from} imports ${specifier}: ${a} and ${b} are on the same layer`];
    return [];
  });
}

// `node dev/import-graph.ts` prints the violations, if any, and fails on them.
if (import.meta.main) {
  const violations = layerViolations(importEdges(process.cwd()));
  for (const line of violations) console.log(line);
  console.log(violations.length === 0 ? 'no import climbs' : `${violations.length} imports climb or go sideways`);
  process.exitCode = violations.length === 0 ? 0 : 1;
}
