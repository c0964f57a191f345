import { describe, expect, it } from 'vitest';
import { FACTORY_CAL_DATE } from '../../rigs/uno-pull/sim/factory-settings.js';
import { SETTING_LIMITS } from '../../firmware-protocol/generated/commands.js';
import { resultTable } from '../../host/cli/result-table.js';
import { findSamePort } from '../../host/transport/find-same-port.js';
import type { StepRecord } from '../../host/runner/test-record.js';
import { onNthPull, runThroughLinkFault } from './fixtures/link-fault-run.js';

// rig.yaml control.periodMs: one load-cell reading, the firmware's control period.
const CONTROL_PERIOD_MS = 12.5;
const UNPLUGGED_FOR_MS = 3000;

interface Unplug {
  atMs: number;
  /** Sim time of the last step pulse, sampled once the watchdog has long acted. */
  lastStepPulseMs: number | null;
  motorEnabled: boolean;
  currentEnabled: boolean;
  kelvinMask: number;
}

describe('USB cable pulled mid-pull, plugged back 3 s later (real firmware in the simulator)', () => {
  it('the firmware stops the pull, the step is ERROR with its cause, the journal keeps everything, and the run resumes on the same rig to PASS', async () => {
    let unplug: Unplug | null = null;
    const run = await runThroughLinkFault((sim) => {
      onNthPull(sim, 2, 20, () => {
        const atMs = sim.timeMs;
        sim.setUsbPlugged(false);
        // Long after the watchdog must have acted, but before the cable is back.
        sim.after(SETTING_LIMITS.watchdogMs.default + 500, () => {
          const w = sim.world;
          unplug = { atMs, lastStepPulseMs: w.lastStepPulseMs, motorEnabled: w.motorEnabled, currentEnabled: w.currentEnabled, kelvinMask: w.kelvinMask };
        });
        sim.after(UNPLUGGED_FOR_MS, () => sim.setUsbPlugged(true));
      });
    });
    const seen = unplug as Unplug | null;
    if (!seen) throw new Error('the cable was never pulled');

    // Rig safe without its host: the last step pulse at most watchdogMs + one control period after
    // the host's last line (which came before the cable was pulled), motor and current off.
    expect(seen.lastStepPulseMs).not.toBeNull();
    expect((seen.lastStepPulseMs ?? 0) - seen.atMs).toBeLessThanOrEqual(SETTING_LIMITS.watchdogMs.default + CONTROL_PERIOD_MS);
    expect(seen.motorEnabled).toBe(false);
    expect(seen.currentEnabled).toBe(false);
    console.log(`unplug at ${seen.atMs.toFixed(1)} ms: last step pulse ${((seen.lastStepPulseMs ?? 0) - seen.atMs).toFixed(1)} ms later (watchdog ${SETTING_LIMITS.watchdogMs.default} ms)`);

    // The session waited, found the rig again, checked it and asked before going on.
    const { result, journal } = run;
    expect(result.reconnects).toBe(1);
    expect(result.interrupted).toBeNull();
    expect(run.said.join('')).toMatch(/the link to the rig was lost during .*USB cable pulled/);
    expect(run.said.join('')).toMatch(/not back yet: .*USB cable is unplugged/);
    expect(run.prompts.at(-1)).toMatch(new RegExp(`^rig CB-UNO-0001 is back \\(firmware 0\\.2\\.0, calibration ${FACTORY_CAL_DATE}\\): resume SIM-LINK from pole 2 Non-destructive pull`));
    // The watchdog's ALARM:3 stayed latched through the reopen's reset (PROTOCOL.md 6); the operator's
    // confirmation is the deliberate reset, and the run says it made one.
    expect(run.prompts.at(-1)).toMatch(/kept ALARM:3.* latched through its reboot: confirming resets it$/);
    expect(run.said.join('')).toMatch(/alarm reset\n/);

    // The journal: the cut step recorded as ERROR with its cause, then the resumed part; complete.
    const lines = journal.file ? (await import('node:fs')).readFileSync(journal.file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { t: string; record?: StepRecord; pole?: number }) : [];
    const cut = lines.find((l) => l.t === 'step' && l.record?.interruptedBy);
    expect(cut?.pole).toBe(2);
    expect(cut?.record).toMatchObject({ stepId: 'pull-check', outcome: 'ERROR', interruptedBy: 'link-lost' });
    expect(cut?.record?.cause).toMatch(/the port closed: .*the device was disconnected \(USB cable pulled\)/);
    expect(lines.map((l) => l.t).filter((t) => t === 'end' || t === 'resumed')).toEqual(['end', 'resumed', 'end']);
    expect(journal.complete).toBe(true);
    expect(journal.resumes).toBe(1);

    // The final record: every step PASS; pole 1 kept from before the cut, pole 2's pull from after it.
    const record = result.record;
    expect(record.cause).toBeUndefined();
    expect(record.outcome).toBe('PASS');
    expect(record.poles.map((p) => p.steps.map((s) => s.outcome).join(' '))).toEqual(Array(4).fill('PASS PASS'));
    const before = lines.filter((l) => l.t === 'step' && l.pole === 1 && l.record?.stepId === 'pull-check');
    expect(record.poles[0]?.steps[1]).toEqual(before[0]?.record);
    const pull2 = record.poles[1]?.steps[1]?.attempts[0];
    expect(pull2?.interruptedBy).toBeUndefined();
    expect(pull2?.samplesLost).toBe(0);
    const times = (pull2?.samples ?? []).map((s) => s.tMs);
    expect(times.length).toBeGreaterThan(100); // a 2 s hold at 80 Hz and its ramp
    expect(times.every((t, i) => i === 0 || t > (times[i - 1] ?? 0))).toBe(true);
  });

  it('without a reconnect wait the run ends at the cut, marked unfinished, and a resume finishes it', async () => {
    const run = await runThroughLinkFault((sim) => onNthPull(sim, 1, 20, () => sim.setUsbPlugged(false)), 0);
    expect(run.result.interrupted).toMatchObject({ stepId: 'pull-check', outcome: 'ERROR', interruptedBy: 'link-lost' });
    expect(run.result.record.outcome).toBe('ERROR');
    expect(run.result.record.poles.map((p) => p.steps.map((s) => s.outcome).join(' '))).toEqual(['PASS ERROR', 'SKIPPED SKIPPED', 'SKIPPED SKIPPED', 'SKIPPED SKIPPED']);
    expect(run.result.record.poles[1]?.steps[0]?.cause).toBe('not run yet: the link to the rig was lost');
    // The per-pole table does not show the poles that never ran as passed.
    const table = resultTable(run.result.record).split('\n');
    expect(table.filter((line) => /^[1-4] /.test(line)).map((line) => line.trim().split(/\s+/).at(-1))).toEqual(['ERROR', 'SKIPPED', 'SKIPPED', 'SKIPPED']);
    // Resumable: not complete, and the cut step and those after it are not among the finished ones.
    expect(run.journal.complete).toBe(false);
    expect([...run.journal.steps.keys()]).toEqual(['unit:load-unit', 'unit:isolation', 'pole:1:continuity']);
  });
});

describe('finding a replugged rig', () => {
  const was = { path: '/dev/ttyACM0', vendorId: '2341', productId: '0043', serialNumber: '75830333238351A0F0E1' };
  const listing = (...ports: Array<{ path: string; vendorId?: string; productId?: string; serialNumber?: string }>) => ({
    ports: ports.map((p) => ({ ...p, likelyRig: true, why: '' })),
    notes: [],
  });

  it('takes the old path when it is back, else the one port with the same VID:PID and serial number', () => {
    expect(findSamePort(was, listing({ path: '/dev/ttyACM0' }))).toBe('/dev/ttyACM0');
    expect(findSamePort(was, listing({ path: '/dev/ttyACM1', vendorId: '2341', productId: '0043', serialNumber: was.serialNumber }))).toBe('/dev/ttyACM1');
    expect(findSamePort(was, listing({ path: '/dev/ttyACM1', vendorId: '2341', productId: '0043', serialNumber: 'OTHER' }))).toBeNull();
    expect(findSamePort(was, listing())).toBeNull();
  });

  it('never takes another board of the same model for it when the serial number is unknown', () => {
    const { serialNumber: _unknown, ...noSerial } = was;
    expect(findSamePort(noSerial, listing({ path: '/dev/ttyACM1', vendorId: '2341', productId: '0043' }))).toBeNull();
  });
});
