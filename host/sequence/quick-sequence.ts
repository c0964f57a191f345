import { infoReplyFromFields, isoReplyFromFields, vdropReplyFromFields, type InfoReply, type IsoReply, type VdropReply } from '../../firmware-protocol/codec/known-replies.js';
import type { PullDoneMessage } from '../../firmware-protocol/codec/messages/done.js';
import type { SampleMessage } from '../../firmware-protocol/codec/messages/sample.js';
import { ErrorCode } from '../../firmware-protocol/generated/codes.js';
import { DeviceError, type LineClient } from '../link/line-client.js';

/**
 * The fixed sequence the main job runs until test plans exist: isolation and wiring map, a
 * 4-wire voltage drop per pole, a pull per pole. Figures are options (defaults in the CLI).
 */
export interface QuickSequenceOptions {
  poles: number;
  testCurrentA: number;
  maxDropMv: number;
  pullForceN: number;
  pullRateNps: number;
  holdMs: number;
}

export type Verdict = 'PASS' | 'FAIL';

export interface PoleResult {
  pole: number;
  /** `open: true` when the rig could not drive the test current through the pole (miswired or open). */
  vdrop: (VdropReply | { pole: number; open: true }) & { limitMv: number; verdict: Verdict };
  pull: { done: PullDoneMessage; samples: SampleMessage[]; verdict: Verdict };
}

export interface QuickSequenceResult {
  info: InfoReply;
  isolation: IsoReply & { verdict: Verdict };
  poles: PoleResult[];
  verdict: Verdict;
}

/** Progress lines for a person watching. */
export type Progress = (text: string) => void;

const KEEP_ALIVE_MS = 100;

function required<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`malformed ${what} reply`);
  return value;
}

async function pullPole(client: LineClient, options: QuickSequenceOptions): Promise<PoleResult['pull']> {
  const samples: SampleMessage[] = [];
  const onSample = (sample: SampleMessage): void => {
    samples.push(sample);
  };
  client.on('sample', onSample);
  const stopKeepAlive = client.startKeepAlive(KEEP_ALIVE_MS);
  try {
    const rampMs = (options.pullForceN / options.pullRateNps) * 1000;
    const done = client.waitFor('done', (m) => m.operation === 'PULL', rampMs + options.holdMs + 60_000);
    await client.request('PULL', [options.pullForceN, options.pullRateNps, options.holdMs]);
    const end = (await done) as PullDoneMessage;
    return { done: end, samples, verdict: end.result === 'held' ? 'PASS' : 'FAIL' };
  } finally {
    stopKeepAlive();
    client.off('sample', onSample);
  }
}

async function measureDrop(client: LineClient, pole: number, options: QuickSequenceOptions): Promise<PoleResult['vdrop']> {
  const limits = { limitMv: options.maxDropMv };
  try {
    const reply = required(vdropReplyFromFields((await client.request('VDROP', [pole, options.testCurrentA])).fields), 'VDROP');
    return { ...reply, ...limits, verdict: reply.dropMv <= options.maxDropMv ? 'PASS' : 'FAIL' };
  } catch (error) {
    if (error instanceof DeviceError && error.code === ErrorCode.OPEN_CIRCUIT) return { pole, open: true, ...limits, verdict: 'FAIL' };
    throw error;
  }
}

export async function runQuickSequence(client: LineClient, options: QuickSequenceOptions, progress: Progress): Promise<QuickSequenceResult> {
  const info = required(infoReplyFromFields((await client.request('INFO')).fields), 'INFO');
  progress(`rig ${info.rigId}, firmware ${info.firmwareVersion}, protocol ${info.protocolMajor}.${info.protocolMinor}`);

  const iso = required(isoReplyFromFields((await client.request('ISO', [options.poles])).fields), 'ISO');
  const wiredStraight = iso.farEndByPole.every((far, index) => far === index + 1);
  const isolation = { ...iso, verdict: (wiredStraight && iso.shortedPairs.length === 0 ? 'PASS' : 'FAIL') as Verdict };
  const shorts = iso.shortedPairs.map(([a, b]) => `${a}-${b}`).join(', ') || 'none';
  progress(`isolation: wiring map ${iso.farEndByPole.join(',')}, shorts ${shorts}: ${isolation.verdict}`);

  const poles: PoleResult[] = [];
  for (let pole = 1; pole <= options.poles; pole++) {
    const vdrop = await measureDrop(client, pole, options);
    if ('open' in vdrop) progress(`pole ${pole}: voltage drop: open circuit, test current not reached: FAIL`);
    else progress(`pole ${pole}: voltage drop ${vdrop.dropMv.toFixed(4)} mV at ${vdrop.currentA.toFixed(3)} A (${vdrop.resistanceMilliohm.toFixed(4)} mΩ), limit ${options.maxDropMv} mV: ${vdrop.verdict}`);

    await client.request('POLE', [pole]);
    progress(`pole ${pole}: pulling to ${options.pullForceN} N at ${options.pullRateNps} N/s, holding ${options.holdMs / 1000} s ...`);
    const pull = await pullPole(client, options);
    progress(`pole ${pole}: pull ${pull.done.result}, peak ${pull.done.peakN.toFixed(2)} N, hold ${pull.done.holdMinN.toFixed(2)}..${pull.done.holdMaxN.toFixed(2)} N, slip ${pull.done.slipMm.toFixed(4)} mm, ${pull.samples.length} samples: ${pull.verdict}`);
    poles.push({ pole, vdrop, pull });
  }
  await client.request('POLE', [0]);

  const allPass = isolation.verdict === 'PASS' && poles.every((p) => p.vdrop.verdict === 'PASS' && p.pull.verdict === 'PASS');
  return { info, isolation, poles, verdict: allPass ? 'PASS' : 'FAIL' };
}
