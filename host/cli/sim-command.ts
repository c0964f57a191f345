import type { Command } from 'commander';
import { startPtyBridge } from '../transport/pty-bridge.js';
import { UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';

export function registerSimCommand(program: Command): void {
  program
    .command('sim')
    .description('Run the simulated rig (the real firmware in avr8js) behind a PTY, so any program can drive it like a serial port.')
    .requiredOption('--pty <path>', 'where the PTY appears (a symlink socat makes, e.g. /tmp/clampbench-rig)')
    .option('--scenario <file>', 'DUT twin and faults; default: a good 831-1104/322-004 with 10 mm² conductors')
    .option('--realtime', 'run at real-time speed (always the case behind a PTY: the program on it keeps wall-clock time)', true)
    .addHelpText(
      'after',
      `
Needs socat (Debian package socat). Opening the PTY does not reboot the simulated board (a PTY
has no DTR line); send Ctrl-X and a newline (0x18 0x0A) to reboot it.

Examples:
  clampbench sim --pty /tmp/clampbench-rig
  clampbench sim --pty /tmp/clampbench-rig --scenario rigs/uno-pull/sim/scenarios/short-1-3.yaml
  then, in another terminal:
  clampbench console --port /tmp/clampbench-rig
  picocom -b 115200 --omap crlf /tmp/clampbench-rig`,
    )
    .action(async (options: { pty: string; scenario?: string }) => {
      const sim = new UnoPullSimulator({ mode: 'realtime', ...(options.scenario ? { scenario: options.scenario } : {}) });
      const bridge = await startPtyBridge({ ptyPath: options.pty, sim });
      process.stdout.write(`simulated rig "${sim.scenario.name}" on ${bridge.ptyPath} (real time); Ctrl-C stops it\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await bridge.stop();
      process.stdout.write('simulated rig stopped\n');
    });
}
