import { TransportError } from './transport-error.js';

/**
 * Turn an open failure of a real port (serialport's SerialPort, bindings-cpp underneath) into a TransportError that says what to do.
 * The binding reports errno only as strerror text inside its message
 * ("Error: No such file or directory, cannot open /dev/ttyFOO", "Error Resource temporarily
 * unavailable Cannot lock port"), so the text is what we match on.
 */
export function classifyOpenError(path: string, error: unknown): TransportError {
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || /No such file or directory/i.test(text)) {
    return new TransportError('not-found', path, `${path}: no such serial port; \`clampbench ports\` lists the candidates`, { cause: error });
  }
  if (code === 'EBUSY' || code === 'EAGAIN' || /Cannot lock port|EBUSY|Device or resource busy|Resource temporarily unavailable/i.test(text)) {
    return new TransportError(
      'busy',
      path,
      `${path} is in use by another program (a serial monitor, another clampbench, ModemManager?): close it and try again; \`fuser ${path}\` names the process`,
      { cause: error },
    );
  }
  if (code === 'EACCES' || code === 'EPERM' || /Permission denied|EACCES/i.test(text)) {
    return new TransportError(
      'permission',
      path,
      `${path}: permission denied: add your user to the dialout group (\`sudo usermod -aG dialout $USER\`, then log in again)`,
      { cause: error },
    );
  }
  return new TransportError('other', path, `${path}: cannot open: ${text}`, { cause: error });
}
