/** One temperature reading, seconds since the current went on. */
export interface TemperaturePoint {
  tS: number;
  tempC: number;
}

/**
 * Least-squares slope in K per hour of the readings over the last `windowS` (from the latest reading
 * at least `windowS` before the last one), or null while the readings span less than the window (too
 * early to call equilibrium). A fit, not end points: the thermocouple converter reports in 0.25 °C
 * steps. Readings come at a polling period plus the time a read takes, so the window's start is
 * rarely a reading's time exactly.
 */
export function slopeKPerHour(points: readonly TemperaturePoint[], windowS: number): number | null {
  const last = points.at(-1);
  if (!last) return null;
  let start = points.length - 1;
  while (start >= 0 && (points[start]?.tS ?? 0) > last.tS - windowS) start--;
  if (start < 0) return null;
  const window = points.slice(start);
  if (window.length < 3) return null;
  const n = window.length;
  const meanT = window.reduce((sum, p) => sum + p.tS, 0) / n;
  const meanC = window.reduce((sum, p) => sum + p.tempC, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of window) {
    num += (p.tS - meanT) * (p.tempC - meanC);
    den += (p.tS - meanT) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 3600;
}
