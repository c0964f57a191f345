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
