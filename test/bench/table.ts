/** One figure of the benchmark table. */
export interface Figure {
  figure: string;
  value: string;
  unit: string;
  target: string;
  how: string;
}

export function figure(name: string, value: number | string, unit: string, how: string, target = ''): Figure {
  // Ratios are judged against targets like ≤ 1.02: two decimals would round 1.024 into the target.
  const decimals = unit === '×' ? 3 : Math.abs(Number(value)) >= 100 ? 0 : 2;
  const text = typeof value === 'number' ? value.toFixed(decimals) : value;
  return { figure: name, value: text, unit, target, how };
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** A markdown table, so the figures can go into an issue note as they are. */
export function formatTable(rows: readonly Figure[]): string {
  const keys = ['figure', 'value', 'unit', 'target', 'how'] as const;
  const widths = keys.map((key) => Math.max(key.length, ...rows.map((r) => r[key].length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(keys), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(keys.map((k) => r[k])))].join('\n');
}
