// The layers section of docs/ARCHITECTURE.md, generated from .ci/layers.cjs (the list the import
// check follows) and the simulator and firmware-tool rules of .ci/dependency-cruiser.cjs.
//   node --import tsx test/support/architecture-doc.ts --write   rewrite the section (npm run docs:architecture)
//   node --import tsx test/support/architecture-doc.ts           print it
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../../host/shared/write-file-atomic.js';

const require = createRequire(import.meta.url);

export const ARCHITECTURE_DOC_FILE = fileURLToPath(new URL('../../docs/ARCHITECTURE.md', import.meta.url));
export const ARCHITECTURE_DOC_COMMAND = 'npm run docs:architecture';
export const LAYER_MARKERS = ['<!-- layers:begin -->', '<!-- layers:end -->'] as const;

/** One entry of LAYERS: name, path pattern (a regex over repo paths), what it holds. */
export type Layer = readonly [name: string, path: string, description: string];

/**
 * Code beside the chain of layers, under its own import rules: who may import it (layer names) and
 * which layers it may import (layer names; everything else is forbidden to it).
 */
export interface PlugIn {
  name: string;
  path: string;
  description: string;
  importedBy: readonly string[];
  imports: readonly string[];
}

interface ImportRule {
  name: string;
  from: { path?: string };
  to: { path?: string | string[] };
}

export function loadLayers(): Layer[] {
  const { LAYERS } = require('../../.ci/layers.cjs') as { LAYERS: unknown };
  if (!Array.isArray(LAYERS) || !LAYERS.every((l) => Array.isArray(l) && l.length === 3 && l.every((x) => typeof x === 'string'))) {
    throw new Error('.ci/layers.cjs: LAYERS must be a list of [name, path pattern, description] strings');
  }
  return LAYERS as Layer[];
}

/** The simulators and the rig tools (firmware build, wiring generator), their folders as the import rules name them. */
export function loadPlugIns(): PlugIn[] {
  const { forbidden } = require('../../.ci/dependency-cruiser.cjs') as { forbidden: ImportRule[] };
  const rulePath = (ruleName: string, side: 'from' | 'to'): string => {
    const path = forbidden.find((r) => r.name === ruleName)?.[side].path;
    if (typeof path !== 'string') throw new Error(`.ci/dependency-cruiser.cjs: no rule ${ruleName} with one ${side}.path`);
    return path;
  };
  const basics = ['shared', 'protocol', 'rig-definitions'];
  return [
    {
      name: 'rig simulators',
      path: rulePath('simulators-are-plug-ins', 'to'),
      description: "each rig kind's simulated hardware behind the simulated-board interface of host/shared: the real firmware image in avr8js, the rig's parts on its pins, the DUT twin and its scenarios",
      importedBy: ['simulator-wiring', 'cli'],
      imports: basics,
    },
    {
      name: 'rig tools',
      path: rulePath('rig-tools-see-only-basics', 'from'),
      description: "the firmware's build, code generation and host-fuzz scripts, and the generator of docs/RIG.md's wiring",
      importedBy: [],
      imports: basics,
    },
  ];
}

/**
 * The folders a path pattern covers, for people: `^host/(calibration|study)/` is `host/calibration/`
 * and `host/study/`; `[^/]+` (any one name) is written `*`.
 */
export function foldersOf(pattern: string): string[] {
  const text = pattern.replace(/^\^/, '').replace(/\$$/, '').replaceAll('[^/]+', '*').replaceAll('\\.', '.');
  const group = /\(([^()]*)\)/.exec(text);
  const expanded = group ? group[1]!.split('|').map((alt) => text.slice(0, group.index) + alt + text.slice(group.index + group[0].length)) : [text];
  for (const folder of expanded) {
    if (/[\\^$()[\]{}|+?]/.test(folder)) throw new Error(`path pattern ${pattern}: only plain paths, one (a|b) group and [^/]+ can be shown as folders`);
  }
  return expanded;
}

const nodeId = (name: string): string => name.replace(/[^A-Za-z0-9]/g, '_');
const cell = (text: string): string => text.replaceAll('|', '\\|');

/** The layers section (without its markers): a Mermaid picture and a table, highest layer first. */
export function layersSection(layers: readonly Layer[] = loadLayers(), plugIns: readonly PlugIn[] = loadPlugIns()): string {
  const names = layers.map(([name]) => name);
  if (new Set(names).size !== names.length) throw new Error(`LAYERS: a layer name appears twice (${names.join(', ')})`);
  for (const plugIn of plugIns) {
    for (const name of [...plugIn.importedBy, ...plugIn.imports]) {
      if (!names.includes(name)) throw new Error(`${plugIn.name}: "${name}" is not a layer of LAYERS (${names.join(', ')})`);
    }
  }
  const highestFirst = [...layers].reverse();
  const label = (name: string, path: string): string => `"${name}<br/>${foldersOf(path).join('<br/>')}"`;

  const diagram = ['```mermaid', 'flowchart TD'];
  for (const [name, path] of highestFirst) diagram.push(`  ${nodeId(name)}[${label(name, path)}]`);
  for (let i = 0; i + 1 < highestFirst.length; i++) diagram.push(`  ${nodeId(highestFirst[i]![0])} --> ${nodeId(highestFirst[i + 1]![0])}`);
  for (const plugIn of plugIns) {
    const id = nodeId(plugIn.name);
    diagram.push(`  ${id}[[${label(plugIn.name, plugIn.path)}]]`);
    for (const importer of plugIn.importedBy) diagram.push(`  ${nodeId(importer)} -. plugs in .-> ${id}`);
    // The chain already lets a layer import everything below it: when the plug-in may import exactly
    // the bottom of the chain, one arrow to the highest of those says it.
    const bottom = names.slice(0, plugIn.imports.length);
    const targets = bottom.every((name) => plugIn.imports.includes(name)) ? [bottom.at(-1)!] : plugIn.imports;
    for (const target of targets) diagram.push(`  ${id} --> ${nodeId(target)}`);
  }
  diagram.push('```');

  const table = ['| layer | folder(s) | what it holds |', '|---|---|---|'];
  const folders = (path: string): string => foldersOf(path).map((f) => `\`${f}\``).join(', ');
  for (const [name, path, description] of highestFirst) table.push(`| ${cell(name)} | ${folders(path)} | ${cell(description)} |`);
  for (const plugIn of plugIns) table.push(`| ${cell(plugIn.name)} (beside the chain) | ${folders(plugIn.path)} | ${cell(plugIn.description)} |`);

  const banner = `<!-- Generated from .ci/layers.cjs and .ci/dependency-cruiser.cjs by test/support/architecture-doc.ts (${ARCHITECTURE_DOC_COMMAND}). Do not edit. -->`;
  return [banner, '', ...diagram, '', ...table].join('\n');
}

function markerPositions(doc: string): { begin: number; end: number } {
  const [beginMarker, endMarker] = LAYER_MARKERS;
  const begin = doc.indexOf(beginMarker);
  const end = doc.indexOf(endMarker);
  if (begin < 0 || end < begin || doc.indexOf(beginMarker, begin + 1) >= 0 || doc.indexOf(endMarker, end + 1) >= 0) {
    throw new Error(`docs/ARCHITECTURE.md must contain exactly one ${beginMarker} ... ${endMarker} pair`);
  }
  return { begin: begin + beginMarker.length, end };
}

/** What the document holds between the layer markers now. */
export function layersSectionOf(doc: string): string {
  const { begin, end } = markerPositions(doc);
  return doc.slice(begin, end).replace(/^\n/, '').replace(/\n$/, '');
}

/** The document with its layers section replaced. */
export function withLayersSection(doc: string, section: string): string {
  const { begin, end } = markerPositions(doc);
  return `${doc.slice(0, begin)}\n${section}\n${doc.slice(end)}`;
}

function main(args: readonly string[]): number {
  if (args.length > 1 || (args.length === 1 && args[0] !== '--write')) {
    console.error('usage: node --import tsx test/support/architecture-doc.ts [--write]');
    return 2;
  }
  const section = layersSection();
  if (args.length === 0) {
    console.log(section);
    return 0;
  }
  const doc = readFileSync(ARCHITECTURE_DOC_FILE, 'utf8');
  const updated = withLayersSection(doc, section);
  if (updated !== doc) {
    writeFileAtomic(ARCHITECTURE_DOC_FILE, updated);
  }
  console.log(`docs/ARCHITECTURE.md: layers section ${updated === doc ? 'up to date' : 'written'}`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
