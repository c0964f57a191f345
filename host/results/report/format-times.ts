/**
 * Times as the station recorded them. Timestamps are shown in the offset they were written with
 * (the station's local time), never converted to the reader's time zone months later.
 */

const ISO_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** `2025-03-01T09:12:44.120+01:00` → `2025-03-01 09:12:44 UTC+01:00`; anything else as it is, empty as a dash. */
export function formatTimestamp(iso: string): string {
  if (!iso) return '—';
  const match = ISO_TIMESTAMP.exec(iso);
  if (!match) return iso;
  const [, date, time, , offset] = match;
  return `${date} ${time} UTC${offset === 'Z' ? '' : offset}`;
}

/** The date of a timestamp as the station wrote it (`2025-03-01`), whatever the reader's time zone. */
export function formatDate(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.exec(iso)?.[0] ?? '—';
}

/** The time of day of a timestamp (`09:12:44`), for attempts within a run whose date is in the header. */
export function formatTimeOfDay(iso: string): string {
  const match = ISO_TIMESTAMP.exec(iso);
  return match ? match[2]! : iso || '—';
}

/** `850` → `0.85 s`, `6992` → `7.0 s`, `754000` → `12 min 34 s`, `7384000` → `2 h 03 min 04 s`. */
export function formatDurationMs(durationMs: number): string {
  if (!Number.isFinite(durationMs) || durationMs < 0) return '—';
  if (durationMs < 1000) return `${(durationMs / 1000).toFixed(2)} s`;
  if (durationMs < 60_000) return `${(durationMs / 1000).toFixed(1)} s`;
  const totalS = Math.round(durationMs / 1000);
  const hours = Math.floor(totalS / 3600);
  const minutes = Math.floor((totalS % 3600) / 60);
  const seconds = totalS % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  return hours > 0 ? `${hours} h ${two(minutes)} min ${two(seconds)} s` : `${minutes} min ${two(seconds)} s`;
}

/** The rig's calibration date, YYYYMMDD as the firmware stores it: `20250301` → `2025-03-01`; 0 → null (never calibrated). */
export function formatCalDate(calDate: number): string | null {
  if (calDate === 0) return null;
  const digits = String(calDate);
  if (!/^\d{8}$/.test(digits)) return `${digits} (not a YYYYMMDD date)`;
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
}
