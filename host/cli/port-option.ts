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
