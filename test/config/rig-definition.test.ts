import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileValidationError } from '../../host/shared/validation-error.js';
import { defaultRigFile, loadRigDefinition, mmPerStep } from '../../rigs/uno-pull/rig-definition.js';

const dir = mkdtempSync(join(tmpdir(), 'clampbench-rig-'));
const goodText = readFileSync(defaultRigFile, 'utf8');

/** Write the default rig file with one text substitution and return the problems reported. */
function problemsWith(from: string, to: string): { file: string; problems: readonly string[] } {
  expect(goodText).toContain(from);
  const file = join(dir, `rig-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, goodText.replace(from, to));
  try {
    loadRigDefinition(file);
  } catch (error) {
    expect(error).toBeInstanceOf(FileValidationError);
    expect((error as Error).message.startsWith(`${file}: invalid`)).toBe(true);
    return { file, problems: (error as FileValidationError).problems };
  }
  throw new Error('expected the rig file to be refused');
}

describe('rig definition file', () => {
  it('loads the Uno pull rig: 800 steps per mm, force cap below the load-cell capacity', () => {
    const rig = loadRigDefinition();
    expect(mmPerStep(rig)).toBe(1 / 800);
    expect(rig.forceCapN).toBeLessThanOrEqual(rig.loadCell.capacityN);
    expect(rig.pins.estop).toBe(2);
  });

  it('names field, value and what is allowed for a number out of range', () => {
    expect(problemsWith('  estop: 2 ', '  estop: 42 ').problems).toEqual(['pins.estop: value 42: Too big: expected number to be <=19']);
  });

  it('names a wrong type', () => {
    expect(problemsWith('capacityN: 500', 'capacityN: "a lot"').problems).toEqual(['loadCell.capacityN: value "a lot": Invalid input: expected number, received string']);
  });

  it('names a missing field', () => {
    expect(problemsWith('  travelMm: 60\n', '').problems).toEqual(['motion.travelMm: value missing: Invalid input: expected number, received undefined']);
  });

  it('refuses unknown keys (a typo must not pass silently)', () => {
    expect(problemsWith('forceCapN: 250', 'forceCapN: 250\nforceCapn: 250').problems).toEqual([
      'forceCapn: value 250: unknown key (did you mean "forceCapN"?); allowed here: kind, rigId, board, pins, poles, relays, loadCell, motion, forceCapN, current, isolation, thermo, control, uncertainty, calibration',
    ]);
  });

  it('checks figures against each other: force cap within the load cell, one pin per function, slack within the travel', () => {
    expect(problemsWith('forceCapN: 250', 'forceCapN: 600').problems).toEqual(['forceCapN: value 600: must not exceed loadCell.capacityN (500 N)']);
    expect(problemsWith('  guard: 3 ', '  guard: 2 ').problems).toEqual(['pins.guard: value 2: pin 2 is already used by pins.estop']);
    expect(problemsWith('  maxSlackMm: 5\n', '  maxSlackMm: 60\n').problems).toEqual([
      'motion.maxSlackMm: value 60: must be less than motion.travelMm (60): an empty grip must end the approach before the travel limit',
    ]);
  });

  it('reports YAML syntax errors and unreadable files with the file name', () => {
    expect(problemsWith('poles: 8', 'poles: [8').problems[0]).toMatch(/^not valid YAML: /);
    expect(() => loadRigDefinition(join(dir, 'missing.yaml'))).toThrow(/missing\.yaml: invalid\n {2}- cannot read file: /);
  });
});
