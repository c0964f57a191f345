/**
 * Seeded pseudo-random numbers for the simulator's noise, so a scenario with a seed replays the
 * same readings bit for bit (tests can assert exact values, failures can be reproduced).
 */
export class SeededRandom {
  private state: number;
  /** Second Box-Muller output, kept so each pair of uniforms yields two normals. */
  private spareNormal: number | null = null;

  constructor(seed: number) {
    // mulberry32 needs a non-zero 32-bit state; mix the seed so small seeds differ well.
    this.state = (Math.imul(seed >>> 0, 0x9e3779b1) ^ 0x6d2b79f5) >>> 0;
  }

  /** Uniform in [0, 1). mulberry32: tiny, fast and good enough for measurement noise. */
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal (mean 0, sigma 1), Box-Muller. */
  normal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return spare;
    }
    // 1 - uniform() is in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** Normal with the given sigma; sigma 0 returns exactly 0 without consuming randomness. */
  gaussian(sigma: number): number {
    return sigma === 0 ? 0 : sigma * this.normal();
  }
}
