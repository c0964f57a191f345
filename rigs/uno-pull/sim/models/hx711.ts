/** Limits of the HX711's 24-bit two's-complement output. */
export const HX711_MIN_COUNTS = -0x800000;
export const HX711_MAX_COUNTS = 0x7fffff;

/** Pulses per read at channel A, gain 128 (24 data bits + 1 that selects the next gain). */
const PULSES_PER_READ = 25;

/** Clamp a raw reading to what the converter can represent (a saturated cell reads the rail). */
export function clampHx711Counts(counts: number): number {
  return Math.min(HX711_MAX_COUNTS, Math.max(HX711_MIN_COUNTS, Math.round(counts)));
}

/**
 * HX711 load-cell converter, seen from its two pins.
 *
 * DOUT goes LOW when a conversion is ready; each PD_SCK rising edge shifts out the next bit, MSB
 * first; after the 25th pulse DOUT stays HIGH until the next conversion. A conversion that
 * completes during a read is dropped, because the real chip does not update its output register
 * while it is being clocked out.
 */
export class Hx711 {
  private word = 0;
  private pulses = 0;
  private reading = false;
  private doutLevel = true;
  /** Conversions completed / fully read; lets tests see missed readings. */
  conversions = 0;
  readsCompleted = 0;

  constructor(private readonly setDout: (high: boolean) => void) {
    this.setDout(true);
  }

  get dout(): boolean {
    return this.doutLevel;
  }

  /** A conversion finished with this (unclamped) value. */
  conversionReady(counts: number): void {
    if (this.reading) return;
    this.word = clampHx711Counts(counts) & 0xffffff;
    this.pulses = 0;
    this.conversions++;
    this.drive(false);
  }

  /** PD_SCK rising edge. */
  clockRising(): void {
    // Clocking while DOUT is high (no data ready) shifts nothing useful; the chip still counts
    // pulses, but a read only starts on a ready conversion.
    if (!this.reading && this.doutLevel) return;
    this.reading = true;
    this.pulses++;
    if (this.pulses <= 24) {
      this.drive(((this.word >> (24 - this.pulses)) & 1) === 1);
    } else if (this.pulses >= PULSES_PER_READ) {
      this.reading = false;
      this.pulses = 0;
      this.readsCompleted++;
      this.drive(true);
    }
  }

  private drive(high: boolean): void {
    this.doutLevel = high;
    this.setDout(high);
  }
}
