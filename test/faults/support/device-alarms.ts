import type { UnoPullSimulator } from '../../../rigs/uno-pull/sim/simulator.js';

/** One `ALARM:<code>` line as the firmware sent it, with the simulated time it left the UART buffer. */
export interface DeviceAlarm {
  code: number;
  line: string;
  atMs: number;
}

/**
 * Collect every ALARM line the firmware sends from now on, straight from the simulator's serial
 * output (beneath the host's parser, so the evidence does not depend on the code under test).
 */
export function recordDeviceAlarms(sim: UnoPullSimulator): DeviceAlarm[] {
  const alarms: DeviceAlarm[] = [];
  let partial = '';
  sim.on('data', (chunk) => {
    const lines = (partial + chunk.toString('latin1')).split('\n');
    partial = lines.pop() ?? '';
    for (const raw of lines) {
      const line = raw.replace(/\r$/, '');
      const match = /^ALARM:(\d+)/.exec(line);
      if (match) alarms.push({ code: Number(match[1]), line, atMs: sim.timeMs });
    }
  });
  return alarms;
}
