// The Uno pull rig's parts list, wiring table and wiring diagram, generated from rig.yaml into docs/RIG.md.
//   node --import tsx rigs/uno-pull/docs/wiring.ts --write   rewrite the generated sections of docs/RIG.md
//   node --import tsx rigs/uno-pull/docs/wiring.ts --check   exit 1 when a section is stale
//   node --import tsx rigs/uno-pull/docs/wiring.ts           print the sections
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PROTOCOL } from '../../../firmware-protocol/generated/codes.js';
import { loadRigDefinition, type RigDefinition } from '../rig-definition.js';
import { partGroups } from './wiring-parts.js';
import { BOARD_PIN_NOTES, PARTS, SIGNALS, partLinks, type PartId, type PinName } from './wiring-signals.js';
import { writeFileAtomic } from '../../../host/shared/write-file-atomic.js';

export const RIG_DOC_FILE = fileURLToPath(new URL('../../../docs/RIG.md', import.meta.url));
export const WIRING_COMMAND = 'node --import tsx rigs/uno-pull/docs/wiring.ts --write';

/** The generated sections of docs/RIG.md, each between its own pair of markers. */
export const SECTIONS = ['parts', 'wiring'] as const;
export type SectionName = (typeof SECTIONS)[number];
const markers = (section: SectionName): [string, string] => [`<!-- GENERATED:${section} BEGIN -->`, `<!-- GENERATED:${section} END -->`];
const BANNER = `<!-- Generated from rigs/uno-pull/rig.yaml by rigs/uno-pull/docs/wiring.ts (${WIRING_COMMAND}). Do not edit. -->`;

/** Uno digital pins 14..19 are the analog pins A0..A5. */
const FIRST_ANALOG_PIN = 14;
const UNO_PIN_COUNT = 20;

interface PinRow {
  /** Uno digital pin number (an ADC channel c is pin 14 + c). */
  pin: number;
  name: PinName;
  analog: boolean;
}

function unoLabel(pin: number, analog: boolean): string {
  if (pin < FIRST_ANALOG_PIN) return `D${pin}`;
  return analog ? `A${pin - FIRST_ANALOG_PIN}` : `A${pin - FIRST_ANALOG_PIN} (D${pin})`;
}

function avrPin(pin: number, analog: boolean): string {
  if (pin < 8) return `PD${pin}`;
  if (pin < FIRST_ANALOG_PIN) return `PB${pin - 8}`;
  const bit = pin - FIRST_ANALOG_PIN;
  return analog ? `PC${bit} / ADC${bit}` : `PC${bit}`;
}

/**
 * Every pin of the rig in board order. Throws when two signals land on one physical pin: the schema
 * checks digital pins against each other but not the ADC channels (A0..A5) against digital 14..19.
 */
function pinRows(rig: RigDefinition): PinRow[] {
  const rows: PinRow[] = (Object.entries(rig.pins) as Array<[PinName, number]>).map(([name, value]) => {
    const analog = name.endsWith('Adc');
    return { pin: analog ? FIRST_ANALOG_PIN + value : value, name, analog };
  });
  const byPin = new Map<number, PinName>();
  for (const row of rows) {
    const other = byPin.get(row.pin);
    if (other !== undefined) throw new Error(`pins.${row.name} and pins.${other} are both Uno pin ${unoLabel(row.pin, false)}`);
    byPin.set(row.pin, row.name);
  }
  return rows.sort((a, b) => a.pin - b.pin);
}

function tableCell(text: string): string {
  return text.replaceAll('|', '\\|');
}

function renderTable(rig: RigDefinition, rows: readonly PinRow[]): string[] {
  const lines = [
    '| Uno pin | ATmega328P | rig.yaml | signal | part | electrical notes |',
    '|---|---|---|---|---|---|',
    `| D0, D1 | PD0, PD1 | – | USB serial | host | ${PROTOCOL.baud} baud through the Uno's USB chip; leave unconnected |`,
  ];
  for (const { pin, name, analog } of rows) {
    const wiring = SIGNALS[name];
    const board = analog ? undefined : BOARD_PIN_NOTES[pin];
    const notes = `${wiring.direction}; ${wiring.notes(rig)}${board ? `. ${board}` : ''}`;
    const parts = wiring.parts.map((part) => PARTS[part]).join(', ');
    lines.push(`| ${unoLabel(pin, analog)} | ${avrPin(pin, analog)} | \`pins.${name}\` | ${tableCell(wiring.signal)} | ${tableCell(parts)} | ${tableCell(notes)} |`);
  }
  const used = new Set([0, 1, ...rows.map((row) => row.pin)]);
  const free = Array.from({ length: UNO_PIN_COUNT }, (_, pin) => pin).filter((pin) => !used.has(pin));
  lines.push('', `Free Uno pins: ${free.length === 0 ? 'none' : free.map((pin) => unoLabel(pin, false)).join(', ')}.`);
  return lines;
}

function renderDiagram(rig: RigDefinition, rows: readonly PinRow[]): string[] {
  const edges: string[] = [];
  const nodes = new Set<PartId>();
  for (const { pin, name, analog } of rows) {
    const { signal, parts, direction } = SIGNALS[name];
    const label = `"${unoLabel(pin, analog)} ${signal}"`;
    for (const part of parts) {
      nodes.add(part);
      edges.push(direction === 'out' ? `  uno -->|${label}| ${part}` : `  ${part} -->|${label}| uno`);
    }
  }
  for (const { from, to, label } of partLinks(rig)) {
    nodes.add(from);
    nodes.add(to);
    edges.push(`  ${from} -->|"${label}"| ${to}`);
  }
  const declared = (Object.keys(PARTS) as PartId[]).filter((part) => nodes.has(part)).map((part) => `  ${part}["${PARTS[part]}"]`);
  return ['```mermaid', 'flowchart LR', '  uno["Arduino Uno"]', ...declared, ...edges, '```'];
}

function renderParts(rig: RigDefinition): string[] {
  const lines: string[] = [];
  for (const { group, rows } of partGroups(rig)) {
    lines.push(`**${group}**`, '', '| part | rating | typical |', '|---|---|---|');
    for (const row of rows) lines.push(`| ${tableCell(row.part)} | ${tableCell(row.rating)} | ${tableCell(row.typical)} |`);
    lines.push('');
  }
  return lines.slice(0, -1);
}

/** The wiring section: pin table and diagram (without its markers). */
function renderWiring(rig: RigDefinition): string {
  const rows = pinRows(rig);
  return [BANNER, '', `Rig \`${rig.kind}\`, default rig id \`${rig.rigId}\`, ${rig.poles} poles.`, '', ...renderTable(rig, rows), '', ...renderDiagram(rig, rows)].join('\n');
}

/** Every generated section of docs/RIG.md (without its markers). */
export function renderRigDoc(rig: RigDefinition): Record<SectionName, string> {
  return { parts: [BANNER, '', ...renderParts(rig)].join('\n'), wiring: renderWiring(rig) };
}

function markerPositions(doc: string, section: SectionName): { begin: number; end: number } {
  const [beginMarker, endMarker] = markers(section);
  const begin = doc.indexOf(beginMarker);
  const end = doc.indexOf(endMarker);
  if (begin < 0 || end < begin || doc.indexOf(beginMarker, begin + 1) >= 0 || doc.indexOf(endMarker, end + 1) >= 0) {
    throw new Error(`docs/RIG.md must contain exactly one ${beginMarker} ... ${endMarker} pair`);
  }
  return { begin: begin + beginMarker.length, end };
}

/** What the document holds between a section's markers now. */
export function sectionOf(doc: string, section: SectionName): string {
  const { begin, end } = markerPositions(doc, section);
  return doc.slice(begin, end).replace(/^\n/, '').replace(/\n$/, '');
}

/** The document with its generated sections replaced. */
export function withSections(doc: string, sections: Record<SectionName, string>): string {
  let out = doc;
  for (const section of SECTIONS) {
    const { begin, end } = markerPositions(out, section);
    out = `${out.slice(0, begin)}\n${sections[section]}\n${out.slice(end)}`;
  }
  return out;
}

function main(args: readonly string[]): number {
  const [mode, ...rest] = args;
  if (rest.length > 0 || (mode !== undefined && mode !== '--write' && mode !== '--check')) {
    console.error('usage: node --import tsx rigs/uno-pull/docs/wiring.ts [--write | --check]');
    return 2;
  }
  const sections = renderRigDoc(loadRigDefinition());
  if (mode === undefined) {
    console.log(SECTIONS.map((section) => sections[section]).join('\n\n'));
    return 0;
  }
  const doc = readFileSync(RIG_DOC_FILE, 'utf8');
  const updated = withSections(doc, sections);
  if (mode === '--check') {
    if (updated === doc) return 0;
    console.error(`docs/RIG.md: a generated section is stale; run ${WIRING_COMMAND}`);
    return 1;
  }
  if (updated !== doc) {
    writeFileAtomic(RIG_DOC_FILE, updated);
  }
  console.log(`docs/RIG.md: generated sections ${updated === doc ? 'up to date' : 'written'}`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
