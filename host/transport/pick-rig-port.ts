import type { PortCandidate, PortListing } from './list-ports.js';
import { TransportError } from './transport-error.js';

/** The one likely rig in a listing; none or several is a TransportError listing what was found. */
export function pickRigPort(listing: PortListing): PortCandidate {
  const rigs = listing.ports.filter((port) => port.likelyRig);
  if (rigs.length === 1) return rigs[0] as PortCandidate;
  const found = listing.ports.length === 0 ? 'no serial ports found' : `found: ${listing.ports.map((port) => `${port.path} (${port.why})`).join('; ')}`;
  const notes = listing.notes.length > 0 ? `; ${listing.notes.join('; ')}` : '';
  if (rigs.length === 0) {
    return fail('no-rig', `auto: no rig board (Arduino Uno or CH340) attached — ${found}${notes}; plug it in, or name the port with --port <path>`);
  }
  return fail('several-rigs', `auto: ${rigs.length} rig boards attached — ${found}${notes}; name one with --port <path>`);
}

function fail(reason: 'no-rig' | 'several-rigs', message: string): never {
  throw new TransportError(reason, 'auto', message);
}
