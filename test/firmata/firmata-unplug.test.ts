import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LinkClosedError } from '../../host/link/request-errors.js';
import { openFirmataDriver } from '../../host/rig/open-firmata-driver.js';
import { readJournal } from '../../host/results/journal/read-journal.js';
import { clampbench } from '../support/clampbench-cli.js';
import { scenarioFile, standardFirmataAvailable } from './support/firmata-sim-board.js';
import { firmataSimulatorFor } from '../../rigs/firmata-continuity/sim/create-simulator.js';

// A pulled USB cable on the Firmata rig: the run records the cut step as "link lost", waits for the
// board, and resumes from that step, as on the Uno pull rig. What StandardFirmata cannot do is stop on
// its own: it has no host-silence watchdog, so whatever the host last switched on stays on until the
// board resets (a replug does: opening the port pulses DTR) or the E-stop breaks the source's supply.

const available = await standardFirmataAvailable();
const scenario = fileURLToPath(new URL('../fixtures/scenarios/unplug-firmata-mid-run.yaml', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'clampbench-firmata-unplug-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe.runIf(available)('the Firmata rig when its USB cable is pulled', () => {
  it('clampbench run waits for the board, resumes from the cut step and ends PASS (exit 0), the journal complete', async () => {
    const run = await clampbench(['run', '--rig', 'firmata', '--plan', 'production-qc-electrical', '--scenario', scenario, '--yes', '--out', out]);
    expect(run.stdout).toMatch(/the link to the rig was lost during voltage drop on pole \d: the port closed: .*USB cable pulled/);
    expect(run.stdout).toMatch(/rig CB-FMT-0001 is back \(firmware StandardFirmata [\d.]+, calibration \d{8}\): resume SIM-0001 from pole \d/);
    expect(run.stdout).toContain('unit SIM-0001: PASS');
    expect(run.code).toBe(0);
    const [dir] = readdirSync(out, { withFileTypes: true }).filter((e) => e.isDirectory());
    const journal = readJournal(join(out, dir!.name));
    expect(journal).toMatchObject({ complete: true, resumes: 1 });
  });

  it('the cut measurement fails as link lost; the test current flows on until the replugged board resets', async () => {
    const opened = await openFirmataDriver(`sim:${scenarioFile('good-831-1104-10mm2')}`, { simulator: firmataSimulatorFor });
    const sim = opened.transport.sim!;
    try {
      const measuring = opened.driver.measureDrop(2, 5.7, 64);
      const unplugged = new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (sim.currentA < 1) return;
          clearInterval(poll);
          sim.setUsbPlugged(false);
          resolve();
        }, 1);
      });
      await unplugged;
      await expect(measuring).rejects.toBeInstanceOf(LinkClosedError);
      await new Promise<void>((resolve) => sim.after(500, resolve));
      // The documented limitation: nothing on the board switches the source off (README, "The Firmata rig").
      expect(sim.currentA).toBeGreaterThan(5.5);
      expect(sim.relays.kelvin[1]).toBe(true);
      sim.setUsbPlugged(true);
      const back = await opened.reopen();
      expect(sim.currentA).toBe(0);
      expect([...sim.relays.kelvin, ...sim.relays.iso]).toEqual(Array(8).fill(false));
      const reading = await back.driver.measureDrop(2, 5.7, 16);
      expect(reading.open).toBe(false);
      await back.driver.close();
    } finally {
      await opened.driver.close();
    }
  });
});
