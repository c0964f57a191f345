import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ARCHITECTURE_DOC_COMMAND,
  ARCHITECTURE_DOC_FILE,
  foldersOf,
  layersSection,
  layersSectionOf,
  loadLayers,
  loadPlugIns,
  withLayersSection,
  type Layer,
} from '../support/architecture-doc.js';

const root = join(import.meta.dirname, '..', '..');
const doc = readFileSync(ARCHITECTURE_DOC_FILE, 'utf8');

/**
 * Text in backticks that reads as a repository path: a slash, no spaces, not a URL path
 * (`/api/start`) nor a placeholder (`<rig>`). `*` stands for any one name.
 */
function repoPathsIn(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '');
  const spans = [...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
  return [...new Set(spans.filter((s) => s.includes('/') && !s.startsWith('/') && /^[\w.*-]+(\/[\w.*-]+)*\/?$/.test(s)))];
}

/** Whether a repository path exists: a file, or a folder when it ends in `/`; `*` matches any one entry. */
function pathExists(path: string): boolean {
  const folder = path.endsWith('/');
  const parts = path.split('/').filter((p) => p !== '');
  const walk = (dir: string, rest: readonly string[]): boolean => {
    const [head, ...tail] = rest;
    if (head === undefined) return folder ? statSync(dir).isDirectory() : statSync(dir).isFile();
    const names = head === '*' ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name) : [head];
    return names.some((name) => existsSync(join(dir, name)) && walk(join(dir, name), tail));
  };
  return walk(root, parts);
}

describe('docs/ARCHITECTURE.md', () => {
  it('holds the layers section generated from .ci/layers.cjs as it is now', () => {
    expect(layersSectionOf(doc), `docs/ARCHITECTURE.md: the layers section is stale; run ${ARCHITECTURE_DOC_COMMAND}`).toBe(layersSection());
  });

  it('names only repository paths that exist', () => {
    const paths = repoPathsIn(doc);
    // The hand-written flow names the runner's entry point and the CSV folder; if these two are
    // not found, the scan itself is broken.
    expect(paths).toContain('host/runner/run-plan.ts');
    expect(paths).toContain('host/results/csv/');
    const missing = paths.filter((p) => !pathExists(p));
    expect(missing, 'docs/ARCHITECTURE.md names paths that do not exist (renamed or moved?): fix the page').toEqual([]);
  });
});

describe('the path check', () => {
  it('finds backticked paths outside code blocks and refuses ones that do not exist', () => {
    const text = 'See `host/runner/run-plan.ts`, `host/runner/gone.ts`, `host/results/csv/`, `host/results/csv/columns.ts/`, `rigs/*/sim/`, `/api/start`, `!reset <rig>`, `run.json`.\n```\n`host/nowhere.ts`\n```\n';
    const paths = repoPathsIn(text);
    expect(paths).toEqual(['host/runner/run-plan.ts', 'host/runner/gone.ts', 'host/results/csv/', 'host/results/csv/columns.ts/', 'rigs/*/sim/']);
    expect(paths.map((p) => [p, pathExists(p)])).toEqual([
      ['host/runner/run-plan.ts', true],
      ['host/runner/gone.ts', false],
      ['host/results/csv/', true],
      ['host/results/csv/columns.ts/', false],
      ['rigs/*/sim/', true],
    ]);
  });
});

describe('the layers section generator', () => {
  const layers = loadLayers();
  const plugIns = loadPlugIns();

  it('draws a layer added to a copy of LAYERS into the chain and the table', () => {
    const at = layers.findIndex(([name]) => name === 'results') + 1;
    const next = layers[at]![0].replaceAll('-', '_');
    const withExports: Layer[] = [...layers.slice(0, at), ['exports', '^host/exports/', 'every export file from the history'], ...layers.slice(at)];
    const section = layersSection(withExports, plugIns);
    expect(section).not.toBe(layersSection(layers, plugIns));
    expect(section).toContain('  exports["exports<br/>host/exports/"]');
    expect(section).toContain(`  ${next} --> exports\n  exports --> results\n`);
    expect(section).not.toContain(`${next} --> results`);
    expect(section).toContain('| exports | `host/exports/` | every export file from the history |');
  });

  it('follows a layer moved in a copy of LAYERS, and a plug-in then needs arrows to each layer it sees', () => {
    // Standards moved to the very bottom: the simulators' basics are no longer the chain's bottom three.
    const standards = layers.find(([name]) => name === 'standards')!;
    const moved: Layer[] = [standards, ...layers.filter((l) => l !== standards)];
    const section = layersSection(moved, plugIns);
    expect(section).toContain('  shared --> standards\n');
    expect(section).toContain('  specs --> rig_drivers\n');
    expect(section).toContain('  rig_simulators --> shared\n  rig_simulators --> protocol\n  rig_simulators --> rig_definitions\n');
    expect(section.trimEnd().split('\n').at(-3)).toBe('| standards | `host/standards/` | the tables of IEC 60999-1, IEC 60947-7-1, UL 486E, ISO 2859-1 and conductor sizes |');
  });

  it('refuses a plug-in that names a layer missing from LAYERS', () => {
    const withoutCli = layers.filter(([name]) => name !== 'cli');
    expect(() => layersSection(withoutCli, plugIns)).toThrow('rig simulators: "cli" is not a layer of LAYERS');
  });

  it('shows path patterns as folders', () => {
    expect(foldersOf('^host/(calibration|study)/')).toEqual(['host/calibration/', 'host/study/']);
    expect(foldersOf('^rigs/[^/]+/rig-definition\\.ts$')).toEqual(['rigs/*/rig-definition.ts']);
    expect(() => foldersOf('^host/(a|b)+/')).toThrow('only plain paths');
  });

  it('rewrites only what is between the markers', () => {
    const page = 'intro\n<!-- layers:begin -->\nold\n<!-- layers:end -->\nafter\n';
    expect(withLayersSection(page, 'new')).toBe('intro\n<!-- layers:begin -->\nnew\n<!-- layers:end -->\nafter\n');
    expect(layersSectionOf(withLayersSection(page, 'new'))).toBe('new');
    expect(() => layersSectionOf('no markers')).toThrow('exactly one <!-- layers:begin --> ... <!-- layers:end --> pair');
  });
});
