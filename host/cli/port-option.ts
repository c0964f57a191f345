import { Option } from 'commander';
import { PROTOCOL } from '../../firmware-protocol/generated/codes.js';
import { numberOption } from './usage-error.js';

/** `--port`, the same for every command that talks to a rig. */
export function portOption(): Option {
  return new Option(
    '--port <port>',
    'rig to use: "sim" (the real firmware in the built-in simulator), "sim:<scenario.yaml>", a device or PTY path such as /dev/ttyACM0, or "auto" (the one board with an Arduino/CH340 USB id)',
  ).default('sim');
}

/** `--baud`: the firmware always talks at the protocol's rate; other rates exist for diagnosis. */
export function baudOption(): Option {
  return new Option('--baud <rate>', `serial line speed in baud (clampbench firmware: ${PROTOCOL.baud})`)
    .default(PROTOCOL.baud)
    .argParser(numberOption('--baud', 300, 2_000_000));
}

/** The longest `--reconnect-wait` accepted, in s: a day; a longer wait is a run to resume later. */
export const RECONNECT_WAIT_MAX_S = 86_400;

/** `--reconnect-wait`: how long a run waits for its rig after a pulled cable or a reboot, then resumes. */
export function reconnectWaitOption(): Option {
  return new Option('--reconnect-wait <s>', 'when the rig\'s port closes (a pulled cable) or the rig reboots mid-run, wait this many seconds for it to come back, check it is the same rig and calibration, then resume from the interrupted step (0: stop, the run stays resumable)')
    .default(60)
    .argParser(numberOption('--reconnect-wait', 0, RECONNECT_WAIT_MAX_S));
}
