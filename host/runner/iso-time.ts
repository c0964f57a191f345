/** `2025-03-01T09:12:44.120+01:00`: local time with its offset, so a record read elsewhere keeps the station's clock. */
export function isoWithOffset(date: Date): string {
  const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');
  const offsetMin = -date.getTimezoneOffset();
  const sign = offsetMin >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.trunc(offsetMin / 60))}:${pad(offsetMin % 60)}`
  );
}

/**
 * A calibration date as the firmware stores it (INFO's `calDate`, YYYYMMDD) as an ISO date: `20250301` →
 * `2025-03-01`. null for 0 (never calibrated) and for digits that are no calendar date.
 */
export function isoCalibrationDate(calDate: number): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(String(calDate));
  if (!match) return null;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${match[1]}-${match[2]}-${match[3]}`;
}
