import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type { PortInfo } from '@serialport/bindings-interface' with { 'resolution-mode': 'require' };
import { SerialPort } from 'serialport';
import { rigBoardByIdName, rigBoardFor } from './rig-usb-ids.js';

export interface PortCandidate {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
  likelyRig: boolean;
  /** Why it is (not) taken for a rig, for `clampbench ports` and the auto-detect message. */
  why: string;
}

export interface PortListing {
  ports: PortCandidate[];
  /** What limited the listing (udevadm missing, ports left out). */
  notes: string[];
}

export interface ListPortsOptions {
  /** The system's port list; default serialport's SerialPort.list() (udevadm on Linux). */
  list?: () => Promise<PortInfo[]>;
  /** Where device files live; default /dev (tests pass a temp dir). */
  devRoot?: string;
}

/** Serial ports on this machine, each marked as a likely rig or not. PTYs never appear (no udev entry, no ttyACM/ttyUSB name). */
export async function listPorts(options: ListPortsOptions = {}): Promise<PortListing> {
  const list = options.list ?? (() => SerialPort.list());
  const devRoot = options.devRoot ?? '/dev';
  let infos: PortInfo[];
  try {
    infos = await list();
  } catch (error) {
    const missingUdevadm = (error as { code?: unknown } | null)?.code === 'ENOENT';
    const note = missingUdevadm
      ? 'udevadm not found: USB IDs unknown; listing device files instead'
      : `listing ports failed (${error instanceof Error ? error.message : String(error)}): USB IDs unknown; listing device files instead`;
    return { ports: await scanDeviceFiles(devRoot), notes: [note] };
  }
  const notes: string[] = [];
  // udev lists every legacy 16550 slot (ttyS0..31) on a PC whether or not a UART sits there.
  const legacy = infos.filter((info) => !info.vendorId && /\/ttyS\d+$/.test(info.path));
  if (legacy.length > 0) notes.push(`${legacy.length} built-in ttyS port(s) without USB IDs left out`);
  const ports = infos.filter((info) => !legacy.includes(info)).map(fromPortInfo);
  return { ports, notes };
}

function fromPortInfo(info: PortInfo): PortCandidate {
  const board = rigBoardFor(info.vendorId, info.productId);
  const usbId = info.vendorId && info.productId ? `USB ID ${info.vendorId}:${info.productId}` : undefined;
  const why = board ? `${usbId}: ${board}` : usbId ? `${usbId} is not a rig board` : 'no USB IDs (not a USB serial device)';
  return {
    path: info.path,
    ...(info.manufacturer ? { manufacturer: info.manufacturer } : {}),
    ...(info.serialNumber ? { serialNumber: info.serialNumber } : {}),
    ...(info.vendorId ? { vendorId: info.vendorId } : {}),
    ...(info.productId ? { productId: info.productId } : {}),
    likelyRig: board !== undefined,
    why,
  };
}

/** Without udev: /dev/serial/by-id links (named after the USB strings), then ttyACM* and ttyUSB* not reached that way. */
async function scanDeviceFiles(devRootGiven: string): Promise<PortCandidate[]> {
  const devRoot = await realpath(devRootGiven).catch(() => devRootGiven);
  const ports: PortCandidate[] = [];
  const seen = new Set<string>();
  const byIdDir = join(devRoot, 'serial', 'by-id');
  for (const name of (await namesIn(byIdDir)).sort()) {
    let target: string;
    try {
      target = await realpath(join(byIdDir, name));
    } catch {
      continue; // a dangling link: the device went away while we looked
    }
    if (seen.has(target)) continue;
    seen.add(target);
    const board = rigBoardByIdName(name);
    ports.push({ path: target, likelyRig: board !== undefined, why: board ? `by-id link ${name} (${board})` : `by-id link ${name} names no rig board` });
  }
  for (const name of (await namesIn(devRoot)).filter((n) => /^tty(ACM|USB)\d+$/.test(n)).sort(byNumber)) {
    const path = join(devRoot, name);
    if (seen.has(path)) continue;
    seen.add(path);
    ports.push({ path, likelyRig: false, why: 'USB serial device file; USB IDs unknown (no by-id link)' });
  }
  return ports;
}

async function namesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

function byNumber(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
