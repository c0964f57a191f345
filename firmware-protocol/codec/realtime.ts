/**
 * The realtime bytes (PROTOCOL.md 4), as a client sends them. `?` acts wherever it arrives; abort and
 * reboot act only as a line of their own (the byte, then the newline), so that a bit flipped on the
 * wire inside an ordinary line can never stop or reboot the rig.
 */
export const REALTIME = {
  /** Ask for a status report. */
  status: '?',
  /** Stop motion, switch the current off, open the relays; no alarm latched. */
  abort: '!\n',
  /** Reboot the firmware (Ctrl-X). */
  reboot: '\x18\n',
} as const;
