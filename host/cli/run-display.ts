import type { LinkCounts } from '../link/link-counts.js';
import type { RunEvent } from '../runner/run-events.js';

/** How often a non-TTY display prints the live force: a log gets a line per second of pull, not one per sample. */
const PLAIN_FORCE_EVERY_MS = 1000;
const BAR_WIDTH = 20;
/**
 * A step whose link needed this much help gets a line under it: at 1e-3 bit errors per byte (a poor cable)
 * a step sees a retry now and then; this many in one step means the cable, the port or the rig's serial side
 * is worth a look before verdicts start to be lost. Any conflicting reply is shown: the rig contradicted itself.
 */
export const LINK_TROUBLE_PER_STEP = { retries: 3, damagedLines: 5, conflictingReplies: 1 } as const;

/** `link: 4 retries (timeout 3, damaged-reply 1), 6 damaged lines, 0 conflicting replies`, or null for a step whose link was fine. */
export function linkTroubleLine(link: LinkCounts | undefined): string | null {
  if (!link) return null;
  const limit = LINK_TROUBLE_PER_STEP;
  if (link.retries < limit.retries && link.damagedLines < limit.damagedLines && link.conflictingReplies < limit.conflictingReplies) return null;
  const reasons = Object.entries(link.retriesByReason).map(([reason, count]) => `${reason} ${count}`);
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return [
    `link: ${plural(link.retries, 'retry', 'retries')}${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}`,
    plural(link.damagedLines, 'damaged line', 'damaged lines'),
    plural(link.conflictingReplies, 'conflicting reply', 'conflicting replies'),
  ].join(', ');
}

function bar(done: number, total: number): string {
  const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${done}/${total}`;
}

/**
 * The live view of a run: a line per step with a progress bar, the force during pulls and the
 * temperature during a rise. On a TTY the live figure overwrites one line (\r); elsewhere (a log,
 * a pipe) it prints a plain line now and then.
 */
export function runDisplay(write: (text: string) => void, isTty: boolean): (event: RunEvent) => void {
  let liveLineOpen = false;
  let lastPlainForceMs = -Infinity;
  const endLive = (): void => {
    if (liveLineOpen) write('\n');
    liveLineOpen = false;
  };
  const live = (text: string): void => {
    if (isTty) {
      write(`\r\x1b[2K${text}`);
      liveLineOpen = true;
    } else write(`${text}\n`);
  };
  const warned = new Set<string>();
  return (event) => {
    switch (event.kind) {
      case 'run-started':
        write(`plan ${event.plan}, unit ${event.serial}: ${event.totalSteps} steps\n`);
        return;
      case 'step-started': {
        lastPlainForceMs = -Infinity;
        const where = event.pole === undefined ? 'unit  ' : `pole ${event.pole}`;
        const retest = event.attempt > 1 ? ` (retest ${event.attempt - 1})` : '';
        write(`${bar(event.index - 1, event.total)} ${where} ${event.title}${retest} ...\n`);
        return;
      }
      case 'pull-sample':
        if (!isTty && event.tMs - lastPlainForceMs < PLAIN_FORCE_EVERY_MS) return;
        lastPlainForceMs = event.tMs;
        live(`    force ${event.forceN.toFixed(1).padStart(6)} N  position ${event.posMm.toFixed(3)} mm  t ${(event.tMs / 1000).toFixed(1)} s`);
        return;
      case 'temperature':
        live(`    temperature ${event.tempC.toFixed(2)} °C after ${Math.round(event.elapsedS)} s`);
        return;
      case 'measurement': {
        endLive();
        const m = event.measurement;
        // Informational figures, and the passing per-pole lines of isolation, would bury what matters.
        if (m.limits.low === undefined && m.limits.high === undefined && m.value !== null) return;
        if (m.pole !== undefined && m.verdict === 'PASS') return;
        const plusMinus = m.uncertainty ? ` ± ${m.uncertainty.expanded.toPrecision(2)}` : '';
        const value = m.value === null ? 'not measured' : `${m.value}${plusMinus} ${m.unit}`.trim();
        // The ILAC-G8 statement when it is not a plain pass or fail: a value within U of a limit.
        const statement = m.decision === 'conditional-pass' || m.decision === 'conditional-fail' ? ` (${m.decision.replace('-', ' ')})` : '';
        write(`    ${m.name}${m.pole === undefined ? '' : ` (pole ${m.pole})`}: ${value} ${m.verdict}${statement}${m.cause ? ` — ${m.cause}` : ''}\n`);
        // Once per step and measurement: the same limit on every pole would repeat it.
        const warningKey = `${event.stepId}/${m.name}`;
        if (m.warning && !warned.has(warningKey)) {
          warned.add(warningKey);
          write(`    warning: ${m.warning}\n`);
        }
        return;
      }
      case 'step-finished': {
        endLive();
        const where = event.pole === undefined ? 'unit  ' : `pole ${event.pole}`;
        const verdict = event.marginal && event.outcome === 'PASS' ? 'PASS (marginal)' : event.outcome;
        write(`${bar(event.index, event.total)} ${where} ${event.title}: ${verdict}${event.cause ? ` — ${event.cause}` : ''}\n`);
        return;
      }
      case 'step-recorded': {
        if (!event.resumed) {
          const trouble = linkTroubleLine(event.record.link);
          if (trouble) write(`    ${trouble} — check the cable and the port\n`);
          return;
        }
        const where = event.pole === undefined ? 'unit  ' : `pole ${event.pole}`;
        write(`${' '.repeat(BAR_WIDTH + 2)} ${where} ${event.record.title}: ${event.record.outcome} (recorded before the interruption)\n`);
        return;
      }
      case 'run-finished':
        endLive();
        return;
    }
  };
}
