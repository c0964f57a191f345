import type { Command } from 'commander';
import { openUnoPullDriver } from '../rig/open-uno-pull-driver.js';
import { createUnoPullSimulator } from '../../rigs/uno-pull/sim/create-simulator.js';
import { alarmWords, RigResetRefusedError } from '../rig/rig-errors.js';
import { baudOption, portOption } from './port-option.js';

interface ResetOptions {
  port: string;
  baud?: number;
}

export function registerResetCommand(program: Command): void {
  program
    .command('reset')
    .description("Clear a rig's latched alarms (E-stop, guard, force cap …) once their cause is dealt with; no run starts while one is latched.")
    .addOption(portOption())
    .addOption(baudOption())
    .addHelpText(
      'after',
      `
An alarm stops the rig and stays latched until it is cleared on purpose. Deal with the cause first:
release the E-stop, close the guard, find out why the force cap or the load cell's range was reached.
The rig refuses the reset while the E-stop is still pressed.

Examples:
  clampbench reset --port /dev/ttyACM0
  clampbench reset --port auto
Exit code: 0 cleared (or nothing was latched), 2 refused (E-stop still pressed), still latched, or no rig.`,
    )
    .action(async (options: ResetOptions) => {
      process.exitCode = await resetCommand(options);
    });
}

async function resetCommand(options: ResetOptions): Promise<number> {
  const { driver } = await openUnoPullDriver(options.port, { baudRate: options.baud, createSimulator: createUnoPullSimulator });
  const rig = `rig ${driver.identity.rigId} on ${driver.identity.where}`;
  try {
    const before = await driver.readSafetyState();
    if (before.latchedAlarms.length === 0) {
      process.stdout.write(`${rig}: no alarm latched, nothing to reset\n`);
      return 0;
    }
    try {
      await driver.resetAlarms();
    } catch (error) {
      if (!(error instanceof RigResetRefusedError)) throw error;
      process.stderr.write(`clampbench: ${rig}: ${error.message}\n`);
      return 2;
    }
    // The rig said ok; its STATUS is the proof, and shows a cause that latched again at once.
    const after = await driver.readSafetyState();
    if (after.latchedAlarms.length > 0) {
      process.stderr.write(`clampbench: ${rig}: still latched after the reset: ${after.latchedAlarms.map(alarmWords).join(', ')}\n`);
      return 2;
    }
    process.stdout.write(`${rig}: cleared ${before.latchedAlarms.map(alarmWords).join(', ')}\n`);
    return 0;
  } finally {
    await driver.close();
  }
}
