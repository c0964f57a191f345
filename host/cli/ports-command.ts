import type { Command } from 'commander';
import { listPorts } from '../transport/list-ports.js';

export function registerPortsCommand(program: Command): void {
  program
    .command('ports')
    .description('List serial ports that could be a rig; the likely ones are marked with *.')
    .option('--json', 'print JSON instead of a table', false)
    .addHelpText(
      'after',
      `
Examples:
  clampbench ports
  clampbench ports --json
PTYs (e.g. from "clampbench sim --pty") are never listed; name them with --port.`,
    )
    .action(async (options: { json: boolean }) => {
      const listing = await listPorts();
      if (options.json) {
        process.stdout.write(`${JSON.stringify(listing, null, 2)}\n`);
        return;
      }
      for (const note of listing.notes) process.stdout.write(`note: ${note}\n`);
      if (listing.ports.length === 0) {
        process.stdout.write('no serial ports found (is the rig plugged in? PTYs are not listed)\n');
        return;
      }
      for (const port of listing.ports) {
        const ids = port.vendorId ? ` ${port.vendorId}:${port.productId ?? '????'}` : '';
        const maker = port.manufacturer ? ` ${port.manufacturer}` : '';
        const serial = port.serialNumber ? ` serial ${port.serialNumber}` : '';
        process.stdout.write(`${port.likelyRig ? '*' : ' '} ${port.path}${ids}${maker}${serial}  (${port.why})\n`);
      }
    });
}
