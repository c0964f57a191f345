import type { RunOutcome } from '../export-rows.js';

/** Which runs a history query, an export or the statistics cover. Every field narrows; none = all. */
export interface HistoryFilter {
  /** Runs started at or after this instant (ms since 1970 UTC). */
  fromMs?: number;
  /** Runs started before this instant. */
  toMs?: number;
  serial?: string;
  plan?: string;
  outcome?: RunOutcome;
  rig?: string;
}

/** The WHERE clause on `runs` (aliased `r`) and its parameters. */
export function whereRuns(filter: HistoryFilter): { sql: string; params: Record<string, string | number> } {
  const clauses: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.fromMs !== undefined) {
    clauses.push('r.started_ms >= @fromMs');
    params.fromMs = filter.fromMs;
  }
  if (filter.toMs !== undefined) {
    clauses.push('r.started_ms < @toMs');
    params.toMs = filter.toMs;
  }
  for (const [key, column] of [['serial', 'serial'], ['plan', 'plan'], ['outcome', 'outcome'], ['rig', 'rig_id']] as const) {
    const value = filter[key];
    if (value !== undefined) {
      clauses.push(`r.${column} = @${key}`);
      params[key] = value;
    }
  }
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
