import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_PATHS, findStaleFiles, readProtocolSources, renderFirmwareFiles, renderProtocolFiles, repoRoot } from '../../firmware-protocol/codegen/codegen.js';
import { screamingSnake } from '../../firmware-protocol/codegen/case-names.js';
import { cFloat, cInteger } from '../../firmware-protocol/codegen/c-literals.js';
import { ProtocolSourceError } from '../../firmware-protocol/codegen/read-source.js';
import { SKETCH_DIR, allGeneratedFiles } from '../../rigs/uno-pull/firmware/codegen.js';
import { RIG_SOURCE, renderRigConfigH } from '../../rigs/uno-pull/firmware/rig-config/render-rig-config-h.js';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';

const sources = readProtocolSources();
const render = (edited: Partial<typeof sources>) => {
  const all = { ...sources, ...edited };
  return [...renderProtocolFiles(all), ...renderFirmwareFiles(all).map((f) => ({ path: join(SKETCH_DIR, f.path), content: f.content }))];
};
const sketch = (name: string) => join(SKETCH_DIR, name);

describe('codegen', () => {
  it('has written every generated file from the current codes.yaml, commands.yaml and rig.yaml', () => {
    expect(findStaleFiles(allGeneratedFiles())).toEqual([]);
  });

  it('reports files as stale when codes.yaml changes, so the check can fail', () => {
    const edited = render({ codesYamlText: sources.codesYamlText.replace('lineMaxChars: 64', 'lineMaxChars: 96') });
    expect(findStaleFiles(edited)).toEqual([OUTPUT_PATHS.codesTs, OUTPUT_PATHS.protocolMd, sketch('codes.h')]);
  });

  it('reports the host module, the spec and the C table as stale when a range in commands.yaml changes', () => {
    const edited = render({ commandsYamlText: sources.commandsYamlText.replace('max: 600000', 'max: 900000') });
    expect(findStaleFiles(edited)).toEqual([OUTPUT_PATHS.commandsTs, OUTPUT_PATHS.protocolMd, sketch('commands_table.h'), sketch('commands_table.cpp')]);
  });

  it('reports rig_config.h as stale when the rig changes', () => {
    const rig = loadRigDefinition(join(repoRoot, RIG_SOURCE));
    const path = sketch('rig_config.h');
    expect(findStaleFiles([{ path, content: renderRigConfigH(rig) }])).toEqual([]);
    expect(findStaleFiles([{ path, content: renderRigConfigH({ ...rig, forceCapN: 200 }) }])).toEqual([path]);
  });

  it('is deterministic and writes LF only', () => {
    const first = render({});
    expect(render({})).toEqual(first);
    expect(first.map((file) => file.path).sort()).toEqual(
      [OUTPUT_PATHS.codesTs, OUTPUT_PATHS.commandsTs, OUTPUT_PATHS.protocolMd, sketch('codes.h'), sketch('commands_table.h'), sketch('commands_table.cpp')].sort(),
    );
    for (const file of first) expect(file.content).not.toContain('\r');
  });

  it('refuses duplicate codes and names, naming the field', () => {
    const duplicateCode = sources.codesYamlText.replace('{ code: 2,  name: BAD_NUMBER', '{ code: 1,  name: BAD_NUMBER');
    expect(() => render({ codesYamlText: duplicateCode })).toThrow(/errors\[1\]\.code: .*duplicate code; already used by errors\[0\]/);
    const duplicateName = sources.codesYamlText.replace('name: PULLOUT,', 'name: ESTOP,');
    expect(() => render({ codesYamlText: duplicateName })).toThrow(/alarms\[6\]\.name: .*duplicate name/);
  });

  it('refuses codes outside 1..255 and names that are not UPPER_SNAKE', () => {
    const zero = sources.codesYamlText.replace('{ code: 1,  name: UNKNOWN_COMMAND', '{ code: 0,  name: UNKNOWN_COMMAND');
    expect(() => render({ codesYamlText: zero })).toThrow(ProtocolSourceError);
    const lower = sources.codesYamlText.replace('name: BUSY,', 'name: Busy,');
    expect(() => render({ codesYamlText: lower })).toThrow(/errors\[8\]\.name: value "Busy": UPPER_SNAKE_CASE/);
  });

  it('refuses a bound naming an unknown rig figure or a later argument, naming the field', () => {
    const unknownRig = sources.commandsYamlText.replace('max: { rig: forceCapN },', 'max: { rig: forceCap },');
    expect(() => render({ commandsYamlText: unknownRig })).toThrow(/commands\[8\]\.args\[0\]\.max: unknown rig value forceCap/);
    const laterArg = sources.commandsYamlText.replace('min: 0.1,  max: { arg: targetN }', 'min: 0.1,  max: { arg: approachMmps }');
    expect(() => render({ commandsYamlText: laterArg })).toThrow(/approachMmps is not an earlier argument/);
  });

  it('emits the macro names the firmware uses', () => {
    const files = Object.fromEntries(allGeneratedFiles().map((f) => [f.path, f.content]));
    const codesH = files[sketch('codes.h')] ?? '';
    const rigH = files[sketch('rig_config.h')] ?? '';
    for (const line of [
      '#define PROTOCOL_BAUD 115200UL',
      '#define LIMIT_LINE_MAX_CHARS 64',
      '#define LIMIT_PULLOUT_COLLAPSE_RATIO 0.5f',
      '#define ERR_BAD_CHECKSUM 7',
      '#define ERR_FORBIDDEN_BYTE 23',
      '#define ALARM_LATCHING_MASK 0x00000FBFUL',
      '#define STATE_ALARM 7',
      '#define STATE_COUNT 8',
      'static const char STATE_NAME_IDLE[] PROGMEM = "IDLE";',
    ]) expect(codesH).toContain(`${line}\n`);
    for (const line of [
      '#define RIG_RIG_ID "CB-UNO-0001"',
      '#define RIG_BOARD_CLOCK_HZ 16000000UL',
      '#define RIG_PINS_LOAD_CELL_CLOCK 7',
      '#define RIG_PINS_SENSE_ADC 0',
      '#define RIG_POLES 8',
      '#define RIG_LOADCELL_CAPACITY_N 500.0f',
      '#define RIG_LOADCELL_DEFAULT_COUNTS_PER_N 8388.608f',
      '#define RIG_LOADCELL_DEFAULT_TARE_COUNTS 0L',
      '#define RIG_LOADCELL_GAIN 128',
      '#define RIG_MOTION_LEAD_SCREW_PITCH_MM 2.0f',
      '#define RIG_MOTION_STEPS_PER_REV 200',
      '#define RIG_FORCE_CAP_N 250.0f',
      '#define RIG_CURRENT_DAC_FULL_SCALE_A 60.0f',
      '#define RIG_CURRENT_SETTLE_MS 20',
      '#define RIG_CONTROL_PERIOD_MS 12.5f',
    ]) expect(rigH).toContain(`${line}\n`);
  });
});

describe('one source for every command range', () => {
  // Each constant range and default of commands.yaml, as it would be typed by hand.
  const typedByHand = ['600000', '19000101', '99991231', '8388607', '8388608'];
  const handWritten = [
    'rigs/uno-pull/firmware/clampbench/commands.cpp',
    'rigs/uno-pull/firmware/clampbench/protocol.cpp',
    'rigs/uno-pull/firmware/clampbench/settings.cpp',
    'rigs/uno-pull/firmware/clampbench/config.h',
    'firmware-protocol/commands/check-arguments.ts',
    'firmware-protocol/codec/request.ts',
    'host/plans/plan-schema.ts',
    'host/rig/uno-pull-driver.ts',
    'host/rig/uno-pull-pull.ts',
  ];

  it('appears in commands.yaml and in no hand-written protocol, firmware or driver file', () => {
    const yamlText = readFileSync(join(repoRoot, 'firmware-protocol/commands.yaml'), 'utf8');
    for (const figure of typedByHand) {
      expect(yamlText, figure).toContain(figure);
      for (const file of handWritten) expect(readFileSync(join(repoRoot, file), 'utf8'), `${figure} in ${file}`).not.toMatch(new RegExp(`\\b${figure}\\b`));
    }
  });

  it('puts every argument range of commands.yaml in the spec tables', () => {
    const spec = readFileSync(join(repoRoot, OUTPUT_PATHS.protocolMd), 'utf8');
    for (const row of ['| PULL | `holdMs` | integer | 0..600000 | required | ms |', '| VDROP | `samples` | integer | 1..1024 | 256 |', '| `watchdogMs` | integer | 50..5000 | 250 | ms |']) {
      expect(spec).toContain(row);
    }
  });
});

describe('codegen helpers', () => {
  it('splits camelCase at case changes, including single capitals', () => {
    expect(screamingSnake('loadCellClock')).toBe('LOAD_CELL_CLOCK');
    expect(screamingSnake('preloadNDefault')).toBe('PRELOAD_N_DEFAULT');
    expect(screamingSnake('adcRefV')).toBe('ADC_REF_V');
  });

  it('suffixes C literals so avr-gcc keeps their type', () => {
    expect(cInteger(32767)).toBe('32767');
    expect(cInteger(32768)).toBe('32768UL');
    expect(cFloat(2)).toBe('2.0f');
    expect(cFloat(0.1)).toBe('0.1f');
  });
});
