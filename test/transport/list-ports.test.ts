import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PortInfo } from '@serialport/bindings-interface' with { 'resolution-mode': 'require' };
import { listPorts } from '../../host/transport/list-ports.js';

function portInfo(path: string, vendorId?: string, productId?: string, manufacturer?: string): PortInfo {
  return { path, manufacturer, serialNumber: undefined, pnpId: undefined, locationId: undefined, vendorId, productId };
}

const udevadmMissing = async (): Promise<PortInfo[]> => {
  throw Object.assign(new Error('spawn udevadm ENOENT'), { code: 'ENOENT' });
};

describe('listPorts with udev', () => {
  it('marks Arduino Uno and CH340 VID:PIDs as likely rigs, in any letter case', async () => {
    const listing = await listPorts({
      list: async () => [
        portInfo('/dev/ttyACM0', '2341', '0043', 'Arduino (www.arduino.cc)'),
        portInfo('/dev/ttyACM1', '2A03', '0043'),
        portInfo('/dev/ttyUSB0', '1a86', '7523'),
        portInfo('/dev/ttyUSB1', '0403', '6001', 'FTDI'),
      ],
    });
    expect(listing.notes).toEqual([]);
    expect(listing.ports).toEqual([
      { path: '/dev/ttyACM0', manufacturer: 'Arduino (www.arduino.cc)', vendorId: '2341', productId: '0043', likelyRig: true, why: 'USB ID 2341:0043: Arduino Uno R3' },
      { path: '/dev/ttyACM1', vendorId: '2A03', productId: '0043', likelyRig: true, why: 'USB ID 2A03:0043: Arduino Uno R3, arduino.org' },
      { path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523', likelyRig: true, why: 'USB ID 1a86:7523: CH340 USB-serial, Uno clone' },
      { path: '/dev/ttyUSB1', manufacturer: 'FTDI', vendorId: '0403', productId: '6001', likelyRig: false, why: 'USB ID 0403:6001 is not a rig board' },
    ]);
  });

  it('leaves out built-in ttyS slots without USB IDs, with a note', async () => {
    const listing = await listPorts({ list: async () => [portInfo('/dev/ttyS0'), portInfo('/dev/ttyS1'), portInfo('/dev/ttyACM0', '2341', '0001')] });
    expect(listing.ports.map((port) => port.path)).toEqual(['/dev/ttyACM0']);
    expect(listing.notes).toEqual(['2 built-in ttyS port(s) without USB IDs left out']);
  });
});

describe('listPorts without udev (fallback scan of the device files)', () => {
  let devRoot: string;
  beforeEach(() => {
    devRoot = mkdtempSync(join(tmpdir(), 'clampbench-dev-'));
    const byId = join(devRoot, 'serial', 'by-id');
    mkdirSync(byId, { recursive: true });
    for (const name of ['ttyACM0', 'ttyACM1', 'ttyACM10', 'ttyUSB0', 'ttyUSB1', 'ttyS0', 'null']) writeFileSync(join(devRoot, name), '');
    symlinkSync('../../ttyACM0', join(byId, 'usb-Arduino__www.arduino.cc__0043_85734323430351D0B1E1-if00'));
    symlinkSync('../../ttyUSB0', join(byId, 'usb-1a86_USB2.0-Serial-if00-port0'));
    symlinkSync('../../ttyUSB1', join(byId, 'usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0'));
    symlinkSync('../../ttyACM9', join(byId, 'usb-Arduino_gone-if00')); // dangling: unplugged while listing
  });
  afterEach(() => rmSync(devRoot, { recursive: true, force: true }));

  it('says udevadm is missing and lists by-id links first, then the other ttyACM/ttyUSB files', async () => {
    const listing = await listPorts({ list: udevadmMissing, devRoot });
    expect(listing.notes).toEqual(['udevadm not found: USB IDs unknown; listing device files instead']);
    expect(listing.ports).toEqual([
      { path: join(devRoot, 'ttyUSB0'), likelyRig: true, why: 'by-id link usb-1a86_USB2.0-Serial-if00-port0 (CH340 USB-serial)' },
      { path: join(devRoot, 'ttyACM0'), likelyRig: true, why: 'by-id link usb-Arduino__www.arduino.cc__0043_85734323430351D0B1E1-if00 (Arduino)' },
      { path: join(devRoot, 'ttyUSB1'), likelyRig: false, why: 'by-id link usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0 names no rig board' },
      { path: join(devRoot, 'ttyACM1'), likelyRig: false, why: 'USB serial device file; USB IDs unknown (no by-id link)' },
      { path: join(devRoot, 'ttyACM10'), likelyRig: false, why: 'USB serial device file; USB IDs unknown (no by-id link)' },
    ]);
  });

  it('falls back on any other listing failure too, quoting it', async () => {
    const listing = await listPorts({ list: async () => Promise.reject(new Error('Error listing ports udevadm exited with error code: 1')), devRoot: join(devRoot, 'empty') });
    expect(listing.notes).toEqual(['listing ports failed (Error listing ports udevadm exited with error code: 1): USB IDs unknown; listing device files instead']);
    expect(listing.ports).toEqual([]);
  });
});
