import { describe, expect, it } from 'vitest';
import { findStaleFiles, readCodegenInputs, renderOutputs, OUTPUT_PATHS } from '../../firmware-protocol/codegen/codegen.js';
import { screamingSnake } from '../../firmware-protocol/codegen/case-names.js';
import { cFloat, cInteger } from '../../firmware-protocol/codegen/c-literals.js';
import { FileValidationError } from '../../host/config/validation-error.js';

const inputs = readCodegenInputs();

describe('codegen', () => {
  it('has written every generated file from the current codes.yaml and rig.yaml', () => {
    expect(findStaleFiles(renderOutputs(inputs))).toEqual([]);
  });

  it('reports files as stale when codes.yaml changes, so the check can fail', () => {
    const edited = { ...inputs, codesYamlText: inputs.codesYamlText.replace('lineMaxChars: 64', 'lineMaxChars: 96') };
    expect(findStaleFiles(renderOutputs(edited))).toEqual([OUTPUT_PATHS.codesTs, OUTPUT_PATHS.codesH, OUTPUT_PATHS.protocolMd]);
  });

  it('reports rig_config.h as stale when the rig changes', () => {
    const edited = { ...inputs, rig: { ...inputs.rig, forceCapN: 200 } };
    expect(findStaleFiles(renderOutputs(edited))).toEqual([OUTPUT_PATHS.rigConfigH]);
  });

  it('is deterministic and writes LF only', () => {
    const first = renderOutputs(inputs);
    expect(renderOutputs(inputs)).toEqual(first);
    for (const file of first) expect(file.content).not.toContain('\r');
  });

  it('refuses duplicate codes and names, naming the field', () => {
    const duplicateCode = inputs.codesYamlText.replace('{ code: 2,  name: BAD_NUMBER', '{ code: 1,  name: BAD_NUMBER');
    expect(() => renderOutputs({ ...inputs, codesYamlText: duplicateCode })).toThrow(/errors\[1\]\.code: .*duplicate code; already used by errors\[0\]/);
    const duplicateName = inputs.codesYamlText.replace('name: PULLOUT,', 'name: ESTOP,');
    expect(() => renderOutputs({ ...inputs, codesYamlText: duplicateName })).toThrow(/alarms\[6\]\.name: .*duplicate name/);
  });

  it('refuses codes outside 1..255 and names that are not UPPER_SNAKE', () => {
    const zero = inputs.codesYamlText.replace('{ code: 1,  name: UNKNOWN_COMMAND', '{ code: 0,  name: UNKNOWN_COMMAND');
    expect(() => renderOutputs({ ...inputs, codesYamlText: zero })).toThrow(FileValidationError);
    const lower = inputs.codesYamlText.replace('name: BUSY,', 'name: Busy,');
    expect(() => renderOutputs({ ...inputs, codesYamlText: lower })).toThrow(/errors\[8\]\.name: value "Busy": UPPER_SNAKE_CASE/);
  });

  it('emits the macro names the firmware uses', () => {
    const files = Object.fromEntries(renderOutputs(inputs).map((f) => [f.path, f.content]));
    const codesH = files[OUTPUT_PATHS.codesH] ?? '';
    const rigH = files[OUTPUT_PATHS.rigConfigH] ?? '';
    for (const line of [
      '#define PROTOCOL_BAUD 115200UL',
      '#define LIMIT_LINE_MAX_CHARS 64',
      '#define LIMIT_WATCHDOG_MS_DEFAULT 250',
      '#define LIMIT_PULLOUT_COLLAPSE_RATIO 0.5f',
      '#define LIMIT_PULL_HOLD_MS_MAX 600000UL',
      '#define ERR_BAD_CHECKSUM 7',
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
