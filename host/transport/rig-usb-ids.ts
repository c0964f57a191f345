/** USB boards the uno-pull rig is built on, by VID:PID (lower-case hex, as udev reports them). */
const RIG_USB_IDS: ReadonlyArray<{ vendorId: string; productId: string; board: string }> = [
  { vendorId: '2341', productId: '0043', board: 'Arduino Uno R3' },
  { vendorId: '2341', productId: '0001', board: 'Arduino Uno' },
  { vendorId: '2a03', productId: '0043', board: 'Arduino Uno R3, arduino.org' },
  { vendorId: '1a86', productId: '7523', board: 'CH340 USB-serial, Uno clone' },
];

/** The rig board with this VID:PID, if it is one. */
export function rigBoardFor(vendorId: string | undefined, productId: string | undefined): string | undefined {
  if (!vendorId || !productId) return undefined;
  const vid = vendorId.toLowerCase();
  const pid = productId.toLowerCase();
  return RIG_USB_IDS.find((id) => id.vendorId === vid && id.productId === pid)?.board;
}

/** A /dev/serial/by-id name that looks like a rig board (udev builds it from the USB vendor and model strings). */
export function rigBoardByIdName(name: string): string | undefined {
  if (/arduino|2341|2a03/i.test(name)) return 'Arduino';
  if (/1a86|ch340|ch341/i.test(name)) return 'CH340 USB-serial';
  return undefined;
}
