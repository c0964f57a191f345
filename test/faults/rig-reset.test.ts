import { readFileSync } from 'node:fs';
import { PROTOCOL } from '../../firmware-protocol/generated/codes.js';
import { describe, expect, it } from 'vitest';
import { FACTORY_CAL_DATE } from '../../rigs/uno-pull/sim/factory-settings.js';
import { rigDifferences } from '../../host/session/same-rig.js';
import type { StepRecord } from '../../host/runner/test-record.js';
import { onNthPull, runThroughLinkFault, type LinkFaultRun } from './fixtures/link-fault-run.js';

interface Line {
  t: string;
  scope?: string;
  pole?: number;
  stepId?: string;
  s?: unknown[];
  record?: StepRecord;
}

function journalLines(run: LinkFaultRun): Line[] {
  return readFileSync(run.journal.file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Line);
}

/** Samples journaled for one pole's pull before and after the `resumed` line. */
function samplesAroundResume(lines: Line[], pole: number): { before: number; after: number } {
  const resumedAt = lines.findIndex((l) => l.t === 'resumed');
  const count = (part: Line[]) => part.filter((l) => l.t === 'samples' && l.pole === pole && l.stepId === 'pull-check').reduce((n, l) => n + (l.s?.length ?? 0), 0);
  return { before: count(lines.slice(0, resumedAt)), after: count(lines.slice(resumedAt)) };
}

describe('the rig reboots mid-run (an unexpected banner; real firmware in the simulator)', () => {
  it('mid-pull: the step is marked interrupted, the host handshakes again, checks the rig, homes the puller and reruns the step from its start', async () => {
    let resetAtMs = 0;
    const run = await runThroughLinkFault((sim) =>
      onNthPull(sim, 2, 20, () => {
        resetAtMs = sim.timeMs;
        sim.reset();
      }),
    );
    expect(resetAtMs).toBeGreaterThan(0);
    const lines = journalLines(run);
    const cut = lines.find((l) => l.t === 'step' && l.record?.interruptedBy);
    expect(cut?.pole).toBe(2);
    expect(cut?.record).toMatchObject({ stepId: 'pull-check', outcome: 'ERROR', interruptedBy: 'rig-reset' });
    expect(cut?.record?.cause).toMatch(new RegExp(`^the rig rebooted during .* \\(it sent "clampbench fw=0\\.2\\.0 proto=${PROTOCOL.major}\\.${PROTOCOL.minor} rig=CB-UNO-0001"\\)$`));
    expect(run.said.join('')).toMatch(/returning the puller home before going on/);
    expect(run.prompts.at(-1)).toMatch(new RegExp(`^rig CB-UNO-0001 is back \\(firmware 0\\.2\\.0, calibration ${FACTORY_CAL_DATE}\\): resume SIM-LINK from pole 2 Non-destructive pull`));

    // Never mixed: the pull recorded in the end is the rerun alone, with every one of its samples.
    const { before, after } = samplesAroundResume(lines, 2);
    expect(before).toBeGreaterThan(0);
    const pull2 = run.result.record.poles[1]?.steps[1];
    expect(pull2?.outcome).toBe('PASS');
    expect(pull2?.attempts).toHaveLength(1);
    expect(pull2?.attempts[0]?.samples).toHaveLength(after);
    expect(pull2?.attempts[0]?.samplesLost).toBe(0);
    const times = (pull2?.attempts[0]?.samples ?? []).map((s) => s.tMs);
    expect(times.every((t, i) => i === 0 || t > (times[i - 1] ?? 0))).toBe(true);

    expect(run.result.reconnects).toBe(1);
    expect(run.result.record.outcome).toBe('PASS');
    expect(run.journal.complete).toBe(true);
  });

  it('between two steps: the next request is not sent to the rebooted rig; that step is the interrupted one', async () => {
    let resetDone = false;
    const run = await runThroughLinkFault(
      () => undefined,
      20_000,
      (event, sim) => {
        if (!resetDone && event.kind === 'step-recorded' && event.pole === 1 && event.record.stepId === 'continuity') {
          resetDone = true;
          sim.reset();
        }
      },
    );
    expect(resetDone).toBe(true);
    const cut = journalLines(run).find((l) => l.t === 'step' && l.record?.interruptedBy);
    expect(cut?.pole).toBe(1);
    expect(cut?.record).toMatchObject({ stepId: 'pull-check', outcome: 'ERROR', interruptedBy: 'rig-reset' });
    expect(run.result.record.outcome).toBe('PASS');
    expect(run.result.record.poles[0]?.steps.map((s) => s.outcome)).toEqual(['PASS', 'PASS']);
  });
});

describe('the rig that comes back must be the one the run began on', () => {
  const was = { id: 'CB-UNO-0001', firmwareVersion: '0.1.0', protocol: '1.0', calDate: 20261101, where: '/dev/ttyACM0' };
  const now = { rigId: 'CB-UNO-0001', firmwareVersion: '0.1.0', protocol: '1.0', calDate: 20261101, where: '/dev/ttyACM1' };

  it('accepts the same rig on another port, and names every difference otherwise', () => {
    expect(rigDifferences(was, now)).toEqual([]);
    expect(rigDifferences(was, { ...now, rigId: 'CB-UNO-0002', firmwareVersion: '0.2.0', calDate: 20261124 })).toEqual([
      'rig id CB-UNO-0002 (the run began on CB-UNO-0001)',
      'firmware 0.2.0 (was 0.1.0)',
      'calibration date 20261124 (was 20261101)',
    ]);
  });
});
