import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { DeviceMessage } from '../../firmware-protocol/codec/device-message.js';
import { REALTIME } from '../../firmware-protocol/codec/realtime.js';
import { DeviceError } from '../link/line-client.js';
import { KEEP_ALIVE_MS } from '../rig/uno-pull-pull.js';
import { describeMessage } from './describe-message.js';
import { openRig } from '../rig/open-rig.js';
import { createUnoPullSimulator } from '../../rigs/uno-pull/sim/create-simulator.js';
import { baudOption, portOption } from './port-option.js';

const CONSOLE_REQUEST_TIMEOUT_MS = 5000;
const SETTLE_BEFORE_EXIT_MS = 300;

const REALTIME_WORDS: Record<string, string> = { '?': REALTIME.status, '!': REALTIME.abort, '^x': REALTIME.reboot, 'ctrl-x': REALTIME.reboot };

export function registerConsoleCommand(program: Command): void {
  program
    .command('console')
    .description('Interactive line console for technicians: type commands, see replies with error and alarm codes in words.')
    .addOption(portOption())
    .addOption(baudOption())
    .option('--all-samples', 'show every pull sample (default: every 10th)', false)
    .addHelpText(
      'after',
      `
Type protocol commands (firmware-protocol/PROTOCOL.md), one per line, e.g.:
  INFO              STATUS            POLE 1            VDROP 1 5.7
  ISO 4             PULL 90 30 60000  HEAT 0            SET watchdogMs 500
Single characters: ? status report, ! abort, ^X reboot the firmware. quit (or end of input) leaves.
Requests go out with an id and a CRC; a PING every ${KEEP_ALIVE_MS} ms keeps the rig's watchdog fed.

Examples:
  clampbench console --port sim
  clampbench console --port /dev/ttyACM0
  printf 'INFO\\nVDROP 1 5.7\\n' | clampbench console --port sim:rigs/uno-pull/sim/scenarios/swap-1-2.yaml`,
    )
    .action(async (options: { port: string; baud?: number; allSamples: boolean }) => {
      const rig = await openRig(options.port, { baudRate: options.baud, createSimulator: createUnoPullSimulator });
      const { client } = rig;
      const out = (text: string): void => void process.stdout.write(`${text}\n`);
      const { info } = rig.identity;
      out(`connected to ${rig.transport.where}: rig ${info.rigId}, firmware ${info.firmwareVersion}, protocol ${info.protocolMajor}.${info.protocolMinor}`);
      client.on('message', (message: DeviceMessage) => {
        if (message.kind === 'sample' && !options.allSamples && message.sampleNumber % 10 !== 1) return;
        out(describeMessage(message));
      });
      client.on('reset', () => out('the rig rebooted (requests in flight are lost)'));
      client.on('sample-gap', (gap: { expected: number; got: number }) => out(`samples lost: expected ${gap.expected}, got ${gap.got}`));
      const stopKeepAlive = client.startKeepAlive(KEEP_ALIVE_MS);
      const input = createInterface({ input: process.stdin, terminal: process.stdin.isTTY === true, prompt: 'clampbench> ' });
      if (process.stdin.isTTY) input.prompt();
      try {
        for await (const raw of input) {
          const line = raw.trim();
          if (line === 'quit' || line === 'exit') break;
          const realtime = REALTIME_WORDS[line.toLowerCase()];
          if (realtime !== undefined) {
            if (realtime === REALTIME.reboot) client.expectReset();
            client.sendRaw(realtime);
          } else if (line !== '') {
            const [command = '', ...args] = line.split(/\s+/);
            try {
              out(describeMessage(await client.request(command.toUpperCase(), args, { timeoutMs: CONSOLE_REQUEST_TIMEOUT_MS })));
            } catch (error) {
              out(error instanceof DeviceError ? describeMessage({ kind: 'error', code: error.code, fields: {} }) : (error as Error).message);
            }
          }
          if (process.stdin.isTTY) input.prompt();
        }
        // Let push messages that answer the last lines (a status report, an alarm) arrive before leaving.
        await new Promise<void>((resolve) => rig.transport.clock.schedule(SETTLE_BEFORE_EXIT_MS, resolve));
      } finally {
        stopKeepAlive();
        input.close();
        await rig.close();
      }
    });
}
