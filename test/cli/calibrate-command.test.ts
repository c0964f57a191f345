import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clampbenchSync } from '../support/clampbench-cli.js';

const ANSWERS = `technician: J. Doe
weight: { id: W-10kg-01, certificate: DKD-K-12345, value: 10 kg, uncertaintyN: 0.02 }
resistor: { id: R-1m-02, certificate: C-2026-118, milliohm: 1.0, pole: 7 }
ammeter: { id: AM-04, certificate: C-2026-119, asFoundA: 5.0, asLeftA: 5.0 }
confirm: yes
`;

function answersFile(text: string): { file: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'clampbench-calibrate-cli-'));
  const file = join(dir, 'answers.yaml');
  writeFileSync(file, text);
  return { file, out: join(dir, 'results') };
}

describe('clampbench calibrate --answers (scripted)', () => {
  it('calibrates the simulated rig with a 10 kg weight (98.0665 N) and exits 0 with the record written', () => {
    const { file, out } = answersFile(ANSWERS);
    const result = clampbenchSync(['calibrate', '--port', 'sim', '--answers', file, '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/weight 98\.\d{3} N for 98\.06[67] N/);
    expect(result.stdout).toMatch(/Calibration of rig CB-UNO-0001 written: \d{4}-\d\d-\d\d, due \d{4}-\d\d-\d\d, checksum [0-9A-F]{4}/);
    expect(result.stdout).toMatch(/record .*calibrations\/CB-UNO-0001-\d{8}-\d{6}\.json/);
  });

  it.each([
    ['a negative mass', ANSWERS.replace('value: 10 kg', 'value: -10 kg'), 'weight.value: value "-10 kg" is not allowed; expected a positive force with its unit ("100 N") or mass ("10 kg"), at most the load cell\'s 500 N'],
    ['an empty certificate number', ANSWERS.replace('certificate: DKD-K-12345', 'certificate: ""'), 'weight.certificate: value "" is not allowed; certificate number is empty'],
    ['no confirmation answer', ANSWERS.replace('confirm: yes\n', ''), 'confirm: missing; Write this calibration to the rig? (yes / no)'],
  ])('%s: exit 2, the answer named, nothing written', (_name, text, message) => {
    const { file, out } = answersFile(text);
    const result = clampbenchSync(['calibrate', '--port', 'sim', '--answers', file, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('nothing was written to the rig');
    expect(result.stdout).not.toContain('written:');
    expect(existsSync(join(out, 'calibrations'))).toBe(false);
  });
});
