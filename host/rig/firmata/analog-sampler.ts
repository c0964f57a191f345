import type { Firmata } from 'firmata-io';

/** Mean ADC counts per channel over `samples` conversions each. */
export type ChannelMeans = Map<number, number>;

/** Gives up when the board sends no analog reading for this long (wall time): the link or the board is gone. */
const NO_READING_TIMEOUT_MS = 3000;

/**
 * Average `samples` conversions of each ADC channel in `channels`, as StandardFirmata reports them
 * (one per channel every sampling interval). Reporting is switched on here and off again at the end,
 * so only the channels a measurement needs take link time, and every value counted was converted
 * after this call began: the caller has already waited out its settle time. When `interrupt` aborts
 * (an E-stop, a lost port), sampling stops at once and `stopError()` is thrown.
 */
export function sampleChannels(io: Firmata, channels: readonly number[], samples: number, interrupt: AbortSignal, stopError: () => Error): Promise<ChannelMeans> {
  return new Promise((resolve, reject) => {
    const sums = new Map<number, number>(channels.map((c) => [c, 0]));
    const counts = new Map<number, number>(channels.map((c) => [c, 0]));
    const listeners = new Map<number, (value: number) => void>();
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const onInterrupt = (): void => finish(stopError());
    const finish = (error: Error | null): void => {
      clearTimeout(watchdog);
      interrupt.removeEventListener('abort', onInterrupt);
      for (const [channel, listener] of listeners) {
        io.removeListener(`analog-read-${channel}`, listener);
        io.reportAnalogPin(channel, 0);
      }
      if (error) reject(error);
      else resolve(new Map(channels.map((c) => [c, (sums.get(c) ?? 0) / samples])));
    };
    const armWatchdog = (): void => {
      clearTimeout(watchdog);
      watchdog = setTimeout(
        () => finish(new Error(`no analog reading from the Firmata board for ${NO_READING_TIMEOUT_MS} ms (channels ${channels.map((c) => `A${c}`).join(', ')}): is the board still connected?`)),
        NO_READING_TIMEOUT_MS,
      );
    };
    for (const channel of channels) {
      const listener = (value: number): void => {
        armWatchdog();
        const count = counts.get(channel) ?? 0;
        if (count >= samples) return;
        sums.set(channel, (sums.get(channel) ?? 0) + value);
        counts.set(channel, count + 1);
        if (channels.every((c) => (counts.get(c) ?? 0) >= samples)) finish(null);
      };
      listeners.set(channel, listener);
      io.on(`analog-read-${channel}`, listener);
      io.reportAnalogPin(channel, 1);
    }
    if (interrupt.aborted) return finish(stopError());
    interrupt.addEventListener('abort', onInterrupt, { once: true });
    armWatchdog();
  });
}
