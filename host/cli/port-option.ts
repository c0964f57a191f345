import { Option } from 'commander';
import { PROTOCOL } from '../../firmware-protocol/generated/codes.js';
import { numberOption } from '../shared/usage-error.js';

/** `--port`, the same for every command that talks to a rig. */
export function portOption(): Option {
  return new Option(
    '--port <port>',
    'rig to use: "sim" (the real firmware in the built-in simulator), "sim:<scenario.yaml>", a device or PTY path such as /dev/ttyACM0, or "auto" (the one board with an Arduino/CH340 USB id)',
  ).default('sim');
}

/** `--baud`: each rig kind talks at its own rate (absent: that one); other rates exist for diagnosis. */
export function baudOption(): Option {
  return new Option('--baud <rate>', `serial line speed in baud (default the rig's: clampbench firmware ${PROTOCOL.baud}, StandardFirmata 57600)`).argParser(
    numberOption('--baud', 300, 2_000_000),
  );
}

/** `--rig`: which kind of rig is on the port, so the right driver (and simulator) talks to it. */
export function rigOption(): Option {
  return new Option(
    '--rig <kind|file>',
    'rig kind on the port: "uno-pull" (clampbench firmware: pull, continuity, isolation, temperature), "firmata" (a stock Arduino with StandardFirmata: continuity and isolation; rigs/firmata-continuity/rig.yaml), or a Firmata rig file',
  ).default('uno-pull');
}

/** The longest `--reconnect-wait` accepted, in s: a day; a longer wait is a run to resume later. */
export const RECONNECT_WAIT_MAX_S = 86_400;

/** `--reconnect-wait`: how long a run waits for its rig after a pulled cable or a reboot, then resumes. */
export function reconnectWaitOption(): Option {
  return new Option('--reconnect-wait <s>', 'when the rig\'s port closes (a pulled cable) or the rig reboots mid-run, wait this many seconds for it to come back, check it is the same rig and calibration, then resume from the interrupted step (0: stop, the run stays resumable)')
    .default(60)
    .argParser(numberOption('--reconnect-wait', 0, RECONNECT_WAIT_MAX_S));
}
