import type { Command } from 'commander';
import { statusReplyFromFields } from '../../firmware-protocol/codec/known-replies.js';
import { calibrationOfSettings } from '../rig/uno-pull-calibration.js';
import { calibrationOf, type CalibrationRecord } from '../runner/calibration-status.js';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import type { StatusFields } from '../../firmware-protocol/codec/messages/status-fields.js';
import { alarmName, alarmText } from '../../firmware-protocol/generated/codes.js';
import { requests } from '../../firmware-protocol/generated/commands.js';
import { openRig } from '../rig/open-rig.js';
import { createUnoPullSimulator } from '../../rigs/uno-pull/sim/create-simulator.js';
import { baudOption, portOption } from './port-option.js';

/** What clears a latched alarm (PROTOCOL.md 6): its cause must be gone first for E-stop and guard. */
function clearedBy(code: number, status: StatusFields): string {
  if (alarmName(code) === 'ESTOP') return status.estopPressed ? 'release the E-stop, then reset' : 'E-stop released: reset';
  if (alarmName(code) === 'GUARD_OPENED') return status.guardOpen ? 'close the guard, then reset' : 'guard closed: reset';
  return 'reset';
}

/** A 2.1 rig ends a pull that finds no load within this travel (`noload`); a 2.0 rig does not say. */
function slackText(maxSlackMm: number | undefined): string {
  return maxSlackMm === undefined ? '' : `; a pull without load ends after ${maxSlackMm} mm`;
}

function calibrationText(calibration: CalibrationRecord): string {
  if (calibration.status === 'never') return 'never calibrated: pulls and runs are refused';
  const checksum = calibration.checksum === null ? 'no checksum' : `checksum ${calibration.checksum.toString(16).toUpperCase().padStart(4, '0')}`;
  const verdict = calibration.status === 'valid' ? 'valid' : `${calibration.status.toUpperCase()}: runs are refused`;
  return `${calibration.date}, due ${calibration.dueDate} (${verdict}; ${checksum})`;
}

/** The rig's state now, in the words of a technician at the bench. */
function stateLines(status: StatusFields): string[] {
  const yesNo = (flag: boolean, yes: string, no: string): string => (flag ? yes : no);
  const lines = [
    `state         ${status.state}`,
    `E-stop        ${yesNo(status.estopPressed, 'PRESSED', 'released')}; guard ${yesNo(status.guardOpen, 'OPEN', 'closed')}`,
    `position      ${status.posMm} mm; ${yesNo(status.homed, 'homed', 'not homed (the first pull homes it)')}${yesNo(status.atHome, ', at the home switch', '')}`,
  ];
  if (status.alarms.length === 0) return [...lines, 'alarms        none latched'];
  const alarms = status.alarms.map((code) => `ALARM:${code} ${alarmName(code)} (${alarmText(code)}): ${clearedBy(code, status)}`);
  return [...lines, `alarms        ${alarms[0]}`, ...alarms.slice(1).map((text) => `              ${text}`), '              reset with: clampbench reset --port <port>'];
}

export function registerInfoCommand(program: Command): void {
  program
    .command('info')
    .description('Show what a rig is and how it stands: firmware, protocol, rig id, capabilities, limits, calibration, state, homing, E-stop and latched alarms.')
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
      const rig = await openRig(options.port, { baudRate: options.baud, createSimulator: createUnoPullSimulator });
      try {
        const settings = (await rig.client.request(...requests.settings())).fields;
        const status = statusReplyFromFields((await rig.client.request(...requests.status())).fields);
        if (!status) throw new Error('the rig answered STATUS without the fields this host needs');
        const { info } = rig.identity;
        const calibration = calibrationOf(calibrationOfSettings(settings, loadRigDefinition().calibration.intervalDays), new Date());
        if (options.json) {
          const alarms = status.alarms.map((code) => ({ code, name: alarmName(code), text: alarmText(code), clearedBy: clearedBy(code, status) }));
          process.stdout.write(`${JSON.stringify({ port: rig.transport.where, ...info, settings, calibration, status, latchedAlarms: alarms }, null, 2)}\n`);
          return;
        }
        const lines = [
          `port          ${rig.transport.where}`,
          `rig id        ${info.rigId} (${info.board}, ${info.poles} poles)`,
          `firmware      ${info.firmwareVersion}`,
          `protocol      ${info.protocolMajor}.${info.protocolMinor}`,
          `capabilities  ${info.capabilities.join(', ')}`,
          `limits        force cap ${info.forceCapN} N (load cell ${info.capacityN} N), test current ≤ ${info.maxCurrentA} A, ${info.maxSpeedMmps} mm/s, travel ${info.travelMm} mm${slackText(info.maxSlackMm)}`,
          `calibration   ${calibrationText(calibration)}; tare ${settings.tareCounts} counts, span ${settings.countsPerN} counts/N`,
          `settings      watchdog ${settings.watchdogMs} ms, slip limit ${settings.slipLimitMm} mm, temperature limit ${settings.tempLimitC} °C (settings v${info.settingsVersion})`,
          ...stateLines(status),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      } finally {
        await rig.close();
      }
    });
}
