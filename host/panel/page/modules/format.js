// Numbers as a technician reads them.

/** A measured value with as many digits as its size warrants; '—' for none. */
export function formatValue(value) {
  if (value === null || value === undefined) return '—';
  const abs = Math.abs(value);
  if (Number.isInteger(value)) return String(value);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 10 ? 2 : 3;
  return value.toFixed(digits);
}

/** A measurement's limits. They are figures from a standard or a datasheet: shown as written, not rounded. */
export function limitText(m) {
  const unit = m.unit ? ` ${m.unit}` : '';
  if (m.low !== null && m.high !== null) return `${m.low}–${m.high}${unit}`;
  if (m.high !== null) return `≤ ${m.high}${unit}`;
  if (m.low !== null) return `≥ ${m.low}${unit}`;
  return '';
}
