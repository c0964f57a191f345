import type { Command } from 'commander';
import { openRig } from './open-rig.js';
import { baudOption, portOption } from './port-option.js';

export function registerInfoCommand(program: Command): void {
  program
    .command('info')
    .description('Show what a rig is: firmware, protocol, rig id, capabilities, limits, calibration.')
    .addOption(portOption())
    .addOption(baudOption())
    .option('--json', 'print one JSON object instead of text', false)
    .addHelpText(
      'after',
      `
Examples:
  clampbench info --port sim
  clampbench info --port /dev/ttyACM0
  clampbench info --port auto --json
Exit code: 0 ok, 2 no rig / not a clampbench rig / protocol mismatch.`,
    )
    .action(async (options: { port: string; baud?: number; json: boolean }) => {
      const rig = await openRig(options.port, { baudRate: options.baud });
      try {
        const settings = (await rig.client.request('SETTINGS')).fields;
        const { info } = rig.identity;
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ port: rig.transport.where, ...info, settings }, null, 2)}\n`);
          return;
        }
        const calDate = info.calDate === 0 ? 'never calibrated' : String(info.calDate).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');
        const lines = [
          `port          ${rig.transport.where}`,
          `rig id        ${info.rigId} (${info.board}, ${info.poles} poles)`,
          `firmware      ${info.firmwareVersion}`,
          `protocol      ${info.protocolMajor}.${info.protocolMinor}`,
          `capabilities  ${info.capabilities.join(', ')}`,
          `limits        force cap ${info.forceCapN} N (load cell ${info.capacityN} N), test current ≤ ${info.maxCurrentA} A, ${info.maxSpeedMmps} mm/s, travel ${info.travelMm} mm`,
          `calibration   ${calDate}; tare ${settings.tareCounts} counts, span ${settings.countsPerN} counts/N`,
          `settings      watchdog ${settings.watchdogMs} ms, slip limit ${settings.slipLimitMm} mm, temperature limit ${settings.tempLimitC} °C (settings v${info.settingsVersion})`,
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      } finally {
        await rig.close();
      }
    });
}
