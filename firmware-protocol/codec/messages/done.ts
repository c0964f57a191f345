import { z } from 'zod';
import { parseFields, withFields, type Fields } from '../fields.js';
import { formatFixed, parseDecimal, parseInteger } from '../numbers.js';

/**
 * End of a long operation (PROTOCOL.md 3.5):
 *   DONE:PULL result=held peakN=50.02 holdMinN=49.81 holdMaxN=50.02 slipMm=0.0125 samples=412 durMs=5150
 *   DONE:PULL result=alarm peakN=250.31 holdMinN=0.00 holdMaxN=0.00 slipMm=0.0000 samples=97 durMs=1210 alarm=4
 *   DONE:PULL result=noload peakN=0.14 holdMinN=0.00 holdMaxN=0.00 slipMm=0.0000 samples=897 durMs=11210   (since 2.1)
 *   DONE:HOME result=ok posMm=0.0000
 * A result word this host does not know (a newer firmware's) is read as result=unknown with the word in
 * `unknownResult`, so the step can say "unknown result <word>" instead of the line being unreadable.
 * The spec does not fix decimals here; format() uses those of status and samples (forces 2, millimetres 4).
 */
const alarmCode = z.number().int().min(1).max(255).optional();
/** A result word from a firmware newer than this host: kept as written. */
const unknownResult = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/).optional();
const PULL_RESULTS = ['held', 'slip', 'pullout', 'noload', 'aborted', 'alarm'] as const;
const HOME_RESULTS = ['ok', 'aborted', 'alarm'] as const;

export const PullDoneMessage = z.object({
  kind: z.literal('done'),
  operation: z.literal('PULL'),
  // noload (2.1): the approach took up the rig's maxSlackMm without reaching the preload; nothing in the grip.
  result: z.enum([...PULL_RESULTS, 'unknown']),
  unknownResult,
  peakN: z.number(),
  holdMinN: z.number(),
  holdMaxN: z.number(),
  slipMm: z.number(),
  // Number of the last sample sent, so the host knows whether it saw them all.
  lastSampleNumber: z.number().int().min(0),
  durationMs: z.number().int().min(0),
  alarm: alarmCode,
});

export const HomeDoneMessage = z.object({
  kind: z.literal('done'),
  operation: z.literal('HOME'),
  result: z.enum([...HOME_RESULTS, 'unknown']),
  unknownResult,
  posMm: z.number(),
  alarm: alarmCode,
});

export const DoneMessage = z.discriminatedUnion('operation', [PullDoneMessage, HomeDoneMessage]);
export type DoneMessage = z.infer<typeof DoneMessage>;
export type PullDoneMessage = z.infer<typeof PullDoneMessage>;
export type HomeDoneMessage = z.infer<typeof HomeDoneMessage>;

const HEAD = /^DONE:([A-Z]+) (.*)$/;

// Absent stays undefined (optional); present but malformed becomes NaN so that the schema refuses it.
function optionalInteger(text: string | undefined): number | undefined {
  return text === undefined ? undefined : (parseInteger(text) ?? Number.NaN);
}

/** `result` as the schema takes it: a known word, or `unknown` with the word beside it (a missing result stays missing). */
function resultFields(known: readonly string[], word: string | undefined): { result: string | undefined; unknownResult?: string } {
  if (word === undefined || known.includes(word) || word === 'unknown') return { result: word };
  return { result: 'unknown', unknownResult: word };
}

function fromFields(operation: string, f: Fields): unknown {
  const decimal = (key: string) => parseDecimal(f[key] ?? '');
  const integer = (key: string) => parseInteger(f[key] ?? '');
  if (operation === 'PULL') {
    return {
      kind: 'done', operation, ...resultFields(PULL_RESULTS, f.result),
      peakN: decimal('peakN'), holdMinN: decimal('holdMinN'), holdMaxN: decimal('holdMaxN'), slipMm: decimal('slipMm'),
      lastSampleNumber: integer('samples'), durationMs: integer('durMs'), alarm: optionalInteger(f.alarm),
    };
  }
  return { kind: 'done', operation, ...resultFields(HOME_RESULTS, f.result), posMm: decimal('posMm'), alarm: optionalInteger(f.alarm) };
}

export function parse(body: string): DoneMessage | null {
  const match = HEAD.exec(body);
  const fields = match && parseFields(match[2] ?? '');
  if (!match || !fields) return null;
  return doneFromFields(match[1] ?? '', fields);
}

/** The DONE of `operation` from its key=value fields (a DONE line's, or RESULT's after its own keys); null when malformed. */
export function doneFromFields(operation: string, fields: Fields): DoneMessage | null {
  const result = DoneMessage.safeParse(fromFields(operation, fields));
  return result.success ? result.data : null;
}

export function format(message: DoneMessage): string {
  const alarm: Fields = message.alarm === undefined ? {} : { alarm: String(message.alarm) };
  if (message.operation === 'HOME') {
    return withFields('DONE:HOME', { result: message.unknownResult ?? message.result, posMm: formatFixed(message.posMm, 4), ...alarm });
  }
  return withFields('DONE:PULL', {
    result: message.unknownResult ?? message.result,
    peakN: formatFixed(message.peakN, 2),
    holdMinN: formatFixed(message.holdMinN, 2),
    holdMaxN: formatFixed(message.holdMaxN, 2),
    slipMm: formatFixed(message.slipMm, 4),
    samples: String(message.lastSampleNumber),
    durMs: String(message.durationMs),
    ...alarm,
  });
}
