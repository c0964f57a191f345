import type { PortCandidate, PortListing } from './list-ports.js';

/** What identifies a USB serial rig when its device file comes back under another name. */
export interface PortIdentity {
  path: string;
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
}

/** The listing's entry for `path`, as the identity to look for after an unplug (null: not listed). */
export function identityOf(path: string, listing: PortListing): PortIdentity | null {
  const entry = listing.ports.find((port) => port.path === path);
  return entry ? pick(entry) : null;
}

/**
 * Where a rig that was unplugged is now: its old path when that is listed again, otherwise the one
 * port with the same VID:PID and USB serial number (a replugged board may come back as ttyACM1).
 * Null while it is not back. Without a serial number only the old path counts: another board of the
 * same model must not be taken for it.
 */
export function findSamePort(was: PortIdentity, listing: PortListing): string | null {
  if (listing.ports.some((port) => port.path === was.path)) return was.path;
  if (!was.vendorId || !was.productId || !was.serialNumber) return null;
  const same = listing.ports.filter(
    (port) => port.vendorId?.toLowerCase() === was.vendorId?.toLowerCase() && port.productId?.toLowerCase() === was.productId?.toLowerCase() && port.serialNumber === was.serialNumber,
  );
  return same.length === 1 ? (same[0] as PortCandidate).path : null;
}

function pick(port: PortCandidate): PortIdentity {
  return {
    path: port.path,
    ...(port.vendorId ? { vendorId: port.vendorId } : {}),
    ...(port.productId ? { productId: port.productId } : {}),
    ...(port.serialNumber ? { serialNumber: port.serialNumber } : {}),
  };
}
