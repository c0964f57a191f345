import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { calibrationCheck } from '../../firmware-protocol/codec/calibration-check.js';
import { calibrateWalk } from '../../host/calibration/calibrate-walk.js';
import { scriptedTechnician } from '../../host/calibration/technician.js';
import { openRig } from '../../host/rig/open-rig.js';
import { resolvePlan } from '../../host/plans/resolve-plan.js';
import { calibrationRecordFinder, readCalibrationRecord } from '../../host/results/calibration/calibration-records.js';
import { UnoPullCalibrationPort } from '../../host/rig/uno-pull-calibration.js';
import { UnoPullDriver } from '../../host/rig/uno-pull-driver.js';
import { localIsoDate } from '../../host/runner/calibration-status.js';
import { autoConfirmOperator } from '../../host/runner/operator.js';
import { runPlan } from '../../host/runner/run-plan.js';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import { CONDUCTOR, DUT } from '../runner/fixtures/builtin-plan-runs.js';
import { createUnoPullSimulator } from '../../rigs/uno-pull/sim/create-simulator.js';

// Issue 19 item 5: the calibration walk on the simulator with scripted answers. Truth (the scenario):
// the cell's zero is 5000 counts and its sensitivity 8556.380 counts/N, while the rig stores 0 and 8388.608.
const scenario = fileURLToPath(new URL('../fixtures/scenarios/load-cell-drifted.yaml', import.meta.url));
const TRUE_TARE_COUNTS = 5000;
const TRUE_COUNTS_PER_N = 8556.38;
const STORED_COUNTS_PER_N = 8388.608;
const WEIGHT_N = 100;

const answers = {
  technician: 'J. Doe',
  weight: { id: 'W-100N-01', certificate: 'DKD-K-12345', value: `${WEIGHT_N} N`, uncertaintyN: 0.02 },
  resistor: { id: 'R-1m-02', certificate: 'C-2026-118', milliohm: 1.0, pole: 7 },
  // The simulated source has no gain error: the ammeter holds the 5 A that flowed.
  ammeter: { id: 'AM-04', certificate: 'C-2026-119', asFoundA: 5.0, asLeftA: 5.0 },
  confirm: 'yes',
};

describe('clampbench calibrate on the simulator (scripted answers)', () => {
  it('finds the drifted cell as the truth says, brings it back within tolerance, writes date, checksum and record, and then a run passes', async () => {
    const out = mkdtempSync(join(tmpdir(), 'clampbench-calibrate-'));
    const rig = await openRig(`sim:${scenario}`, { createSimulator: createUnoPullSimulator });
    try {
      const sim = rig.transport.sim!;
      const lines: string[] = [];
      const result = await calibrateWalk({
        port: new UnoPullCalibrationPort(rig.client, rig.transport.clock),
        technician: scriptedTechnician(answers, 'answers', (text) => lines.push(text)),
        fixture: { hangWeight: (forceN) => sim.setDeadWeight(forceN), wireResistor: (pole, milliohm) => sim.setReferenceResistor(pole, milliohm) },
        rig: { id: 'CB-UNO-0001', firmwareVersion: '0.2.0', protocol: '2.2', where: 'sim', capacityN: 500, poles: 8 },
        figures: loadRigDefinition().calibration,
        resultsDir: out,
      });
      const record = result.record!;
      // As found, with the stored calibration: zero 5000 / 8388.608 = 0.596 N; the weight (5000 + 100 × 8556.38) / 8388.608 = 102.596 N.
      expect(record.zero.asFound).toBeCloseTo(TRUE_TARE_COUNTS / STORED_COUNTS_PER_N, 1);
      expect(record.span.asFound).toBeCloseTo((TRUE_TARE_COUNTS + WEIGHT_N * TRUE_COUNTS_PER_N) / STORED_COUNTS_PER_N, 1);
      expect([record.zero.asFoundPass, record.span.asFoundPass]).toEqual([false, false]);
      // As left: within the rig's tolerances (0.1 N, 0.5 %), and the new values near the cell's truth (0.1 %).
      expect(Math.abs(record.zero.asLeft)).toBeLessThan(0.1);
      expect(Math.abs(record.span.asLeft - WEIGHT_N)).toBeLessThan(0.5);
      expect(Math.abs(record.written.after.tareCounts - TRUE_TARE_COUNTS)).toBeLessThan(0.05 * TRUE_COUNTS_PER_N);
      expect(Math.abs(record.written.after.countsPerN - TRUE_COUNTS_PER_N) / TRUE_COUNTS_PER_N).toBeLessThan(0.001);
      // Current and resistance against the references: 5 A flowed, 1.000 mΩ on pole 7, within 1 %.
      expect(Math.abs(record.current.asFound - 5) / 5).toBeLessThan(0.01);
      expect(Math.abs(record.resistance.asFound - 1) / 1).toBeLessThan(0.01);
      expect(record.result).toBe('pass');
      // Written to the rig: today's date, and the checksum of what the rig now holds.
      const settings = (await rig.client.request('SETTINGS')).fields;
      expect(Number(settings.calDate)).toBe(Number(localIsoDate(new Date()).replaceAll('-', '')));
      expect(Number(settings.calCheck)).toBe(calibrationCheck({ countsPerN: settings.countsPerN!, calDate: settings.calDate! }));
      expect(record.checksum).toBe(Number(settings.calCheck));
      // The record on disk is intact (its hash matches) and names the references.
      const read = readCalibrationRecord(result.file!);
      expect('record' in read && read.record.span.weight).toMatchObject({ id: 'W-100N-01', certificate: 'DKD-K-12345', forceN: 100 });
      expect(JSON.parse(readFileSync(result.file!, 'utf8')).recordHash).toMatch(/^sha256:[0-9a-f]{64}$/);

      // A run on the freshly calibrated rig gives verdicts, releasable, naming this calibration record.
      const driver = await UnoPullDriver.create(rig.client, rig.identity, rig.transport.where);
      const plan = resolvePlan({ plan: 'production-qc', dut: DUT, conductor: CONDUCTOR, rig: driver });
      const run = await runPlan(plan, driver, autoConfirmOperator, { serial: 'SIM-CAL', clock: rig.transport.clock, calibrationRecordOf: calibrationRecordFinder(out) });
      expect(run.outcome).toBe('PASS');
      expect(run.release).toEqual({ forRelease: true });
      expect(run.calibration).toMatchObject({ status: 'valid', checksum: record.checksum, recordFile: `calibrations/${record.id}.json` });
    } finally {
      await rig.close();
    }
  });

  it('not confirmed: nothing is written to the rig and no record is made', async () => {
    const out = mkdtempSync(join(tmpdir(), 'clampbench-calibrate-'));
    const rig = await openRig(`sim:${scenario}`, { createSimulator: createUnoPullSimulator });
    try {
      const before = (await rig.client.request('SETTINGS')).fields;
      const result = await calibrateWalk({
        port: new UnoPullCalibrationPort(rig.client, rig.transport.clock),
        technician: scriptedTechnician({ ...answers, confirm: 'no' }, 'answers', () => undefined),
        fixture: { hangWeight: (forceN) => rig.transport.sim!.setDeadWeight(forceN), wireResistor: (pole, milliohm) => rig.transport.sim!.setReferenceResistor(pole, milliohm) },
        rig: { id: 'CB-UNO-0001', firmwareVersion: '0.2.0', protocol: '2.2', where: 'sim', capacityN: 500, poles: 8 },
        figures: loadRigDefinition().calibration,
        resultsDir: out,
      });
      expect(result).toEqual({ file: null, record: null });
      expect(existsSync(join(out, 'calibrations'))).toBe(false);
      expect((await rig.client.request('SETTINGS')).fields).toEqual(before);
    } finally {
      await rig.close();
    }
  });
});
