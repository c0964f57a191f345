import { z } from 'zod';
import type { Fields } from './fields.js';
import { parseDecimal, parseInteger } from './numbers.js';
export { statusFromFields as statusReplyFromFields } from './messages/status-fields.js';

// Typed views of the `ok` fields of replies whose keys PROTOCOL.md 2.3 fixes. Each returns null when a
// required key is missing or malformed; unknown keys are ignored (minor versions add keys).

/** `ok pole=1 mv=1.7100 mohm=0.3000 currentA=5.700` */
export const VdropReply = z.object({
  pole: z.number().int().min(1),
  dropMv: z.number(),
  resistanceMilliohm: z.number(),
  currentA: z.number(),
});
export type VdropReply = z.infer<typeof VdropReply>;

export function vdropReplyFromFields(f: Fields): VdropReply | null {
  const r = VdropReply.safeParse({
    pole: parseInteger(f.pole ?? ''),
    dropMv: parseDecimal(f.mv ?? ''),
    resistanceMilliohm: parseDecimal(f.mohm ?? ''),
    currentA: parseDecimal(f.currentA ?? ''),
  });
  return r.success ? r.data : null;
}

/** `ok map=2,1,3,4 shorts=-` or `ok map=1,0,3,4 shorts=1-3,2-4`: far-end terminal per pole (0 = open), shorted pole pairs. */
export const IsoReply = z.object({
  farEndByPole: z.array(z.number().int().min(0)).min(1),
  shortedPairs: z.array(z.tuple([z.number().int().min(1), z.number().int().min(1)])),
});
export type IsoReply = z.infer<typeof IsoReply>;

export function isoReplyFromFields(f: Fields): IsoReply | null {
  const map = f.map ?? '';
  const shorts = f.shorts ?? '';
  if (!/^[0-9]+(,[0-9]+)*$/.test(map)) return null;
  if (shorts !== '-' && !/^[0-9]+-[0-9]+(,[0-9]+-[0-9]+)*$/.test(shorts)) return null;
  const pairs = shorts === '-' ? [] : shorts.split(',').map((pair) => pair.split('-').map(Number));
  if (pairs.some(([a = 0, b = 0]) => a >= b)) return null;
  const r = IsoReply.safeParse({ farEndByPole: map.split(',').map(Number), shortedPairs: pairs });
  return r.success ? r.data : null;
}

/** `ok fw=1.0.0 proto=1.0 rig=CB-UNO-0001 board=uno poles=8 caps=vdrop,iso,pull,heat forceCapN=250.0 …` */
export const InfoReply = z.object({
  firmwareVersion: z.string().min(1),
  protocolMajor: z.number().int().min(0),
  protocolMinor: z.number().int().min(0),
  rigId: z.string().min(1),
  board: z.string().min(1),
  poles: z.number().int().min(1),
  capabilities: z.array(z.string().min(1)),
  forceCapN: z.number(),
  capacityN: z.number(),
  maxCurrentA: z.number(),
  maxSpeedMmps: z.number(),
  travelMm: z.number(),
  // YYYYMMDD of the last calibration, 0 = never.
  calDate: z.number().int().min(0),
  settingsVersion: z.number().int().min(0),
});
export type InfoReply = z.infer<typeof InfoReply>;

export function infoReplyFromFields(f: Fields): InfoReply | null {
  const proto = /^([0-9]+)\.([0-9]+)$/.exec(f.proto ?? '');
  if (!proto) return null;
  const r = InfoReply.safeParse({
    firmwareVersion: f.fw,
    protocolMajor: Number(proto[1]),
    protocolMinor: Number(proto[2]),
    rigId: f.rig,
    board: f.board,
    poles: parseInteger(f.poles ?? ''),
    capabilities: f.caps === undefined ? undefined : f.caps.split(','),
    forceCapN: parseDecimal(f.forceCapN ?? ''),
    capacityN: parseDecimal(f.capacityN ?? ''),
    maxCurrentA: parseDecimal(f.maxCurrentA ?? ''),
    maxSpeedMmps: parseDecimal(f.maxSpeedMmps ?? ''),
    travelMm: parseDecimal(f.travelMm ?? ''),
    calDate: parseInteger(f.calDate ?? ''),
    settingsVersion: parseInteger(f.settings ?? ''),
  });
  return r.success ? r.data : null;
}

/** `dup=1`: the firmware recognised a retried id and answered from memory without executing again. */
export function isDuplicateReply(fields: Fields): boolean {
  return fields.dup === '1';
}
