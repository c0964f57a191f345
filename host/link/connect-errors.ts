import { PROTOCOL } from '../../firmware-protocol/generated/codes.js';
import type { LineCensus } from './line-census.js';
import { printableQuote } from './printable.js';

/** The device on the port is not a clampbench rig this host can use; the CLI maps every subclass to exit code 2. */
export class RigConnectError extends Error {
  /** What the device sent last, undecodable bytes included, for a diagnosis log. */
  readonly receivedText: string;
  constructor(message: string, receivedText = '') {
    super(message);
    this.name = 'RigConnectError';
    this.receivedText = receivedText;
  }
}

/** Lines arrived, but none is a clampbench line: another sketch, a modem, a GPS … */
export class NotClampbenchError extends RigConnectError {
  readonly linesReceived: readonly string[];
  constructor(where: string, linesReceived: readonly string[], receivedText: string) {
    const quoted = linesReceived.slice(0, 3).map((line) => printableQuote(line)).join(', ');
    super(`${where} is not clampbench firmware: it sent ${quoted}`, receivedText);
    this.name = 'NotClampbenchError';
    this.linesReceived = linesReceived;
  }
}

const WRONG_BAUD_HINT = `wrong baud rate? clampbench talks at ${PROTOCOL.baud} 8N1`;

/** Bytes arrived but as damage: CRC failures and non-text bytes are what a UART at the wrong rate produces. */
export class WrongBaudError extends RigConnectError {
  readonly hint = WRONG_BAUD_HINT;
  constructor(where: string, damagedLines: number, sample: string, receivedText: string) {
    const lines = damagedLines === 1 ? '1 damaged line' : `${damagedLines} damaged lines`;
    const what = damagedLines > 0 ? lines : 'bytes that are not text';
    super(`nothing from ${where} decodes: it sent ${what} (e.g. ${printableQuote(sample)}) and not one valid line: ${WRONG_BAUD_HINT}`, receivedText);
    this.name = 'WrongBaudError';
  }
}

/**
 * The rig is there at the right rate (lines with a valid CRC arrived) but too many lines arrive damaged for
 * the handshake to finish within its tries: a cable or grounding problem, not a configuration one.
 */
export class LineNoiseError extends RigConnectError {
  readonly damagedLines: number;
  readonly totalLines: number;
  constructor(where: string, census: LineCensus, command: string, tries: number) {
    const { damagedLines, totalLines, refusedAsDamaged } = census;
    const refused = refusedAsDamaged > 0 ? `, ${refusedAsDamaged} of ours reached it damaged` : '';
    super(
      `line noise on ${where}: ${damagedLines} of ${totalLines} lines from the rig arrived damaged (CRC)${refused}, and ${command} got no whole answer in ${tries} tries. ` +
        'The rig answers at the right baud rate; check the cable (shielded, short, away from motor drives and their leads), its grounding and the USB connector',
    );
    this.name = 'LineNoiseError';
    this.damagedLines = damagedLines;
    this.totalLines = totalLines;
  }
}

/** Not one byte within the whole handshake. */
export class SilentDeviceError extends RigConnectError {
  readonly waitedMs: number;
  constructor(where: string, waitedMs: number) {
    super(`no answer from ${where} within ${Math.round(waitedMs)} ms: is a clampbench rig connected, powered and at ${PROTOCOL.baud} baud?`);
    this.name = 'SilentDeviceError';
    this.waitedMs = waitedMs;
  }
}

/** The rig speaks another protocol major (PROTOCOL.md 7): lines may mean something else, so nothing is sent. */
export class ProtocolMismatchError extends RigConnectError {
  readonly rigMajor: number;
  readonly rigMinor: number;
  constructor(rigMajor: number, rigMinor: number) {
    super(`rig speaks protocol ${rigMajor}.${rigMinor}, this host speaks ${PROTOCOL.major}.x; update the host or reflash the firmware`);
    this.name = 'ProtocolMismatchError';
    this.rigMajor = rigMajor;
    this.rigMinor = rigMinor;
  }
}
