import { Option } from 'commander';

/** `--port`, the same for every command that talks to a rig. */
export function portOption(): Option {
  return new Option(
    '--port <port>',
    'rig to use: "sim" (the real firmware in the built-in simulator), "sim:<scenario.yaml>", a device or PTY path such as /dev/ttyACM0, or "auto" (the one board with an Arduino/CH340 USB id)',
  ).default('sim');
}
