import { decisionRuleText } from '../../runner/decision-rule.js';
import type { TestRecord } from '../../runner/test-record.js';
import { formatCalDate, formatDurationMs, formatTimestamp } from './format-times.js';
import { shortHash } from './format-values.js';
import { html, type HtmlValue, type Markup } from './html.js';

/** What was tested, against which plan, on which rig, by whom and when: the facts an audit asks for first. */

const field = (label: string, value: HtmlValue): Markup => html`<dt>${label}</dt><dd>${value}</dd>`;
const missing = (text: string): Markup => html`<span class="missing">${text}</span>`;

export function renderIdentity(record: TestRecord, runId: string): Markup {
  const calibrated = formatCalDate(record.rig.calDate);
  const conductor = record.conductor.awg === undefined ? record.conductor.text : `${record.conductor.text} (${record.conductor.awg} AWG)`;
  return html`<section class="identity">
<div class="facts"><h2>Unit</h2><dl>
${field('Serial', html`<strong>${record.serial}</strong>`)}
${field('Part number', record.dut.partNumber)}
${field('Description', record.dut.description)}
${field('Poles', record.dut.poles)}
${field('Conductor', html`${conductor} <span class="step-id">${record.conductor.id}</span>`)}
</dl></div>
<div class="facts"><h2>Plan</h2><dl>
${field('Plan', html`<strong>${record.plan.name}</strong> <code title="${record.plan.hash}">${shortHash(record.plan.hash)}</code>`)}
${field('Purpose', record.plan.description)}
${field('Decision rule', record.decisionRule ? `${decisionRuleText(record.decisionRule.rule)}; values are shown ± U (k = 2)` : 'simple acceptance (not stated by this record)')}
${field('Options', `${record.plan.stopOnFirstFail ? 'stops on the first FAIL' : 'runs every step'}; ${record.plan.retest === 0 ? 'no retests' : `up to ${record.plan.retest} retests`}${record.skipOptional ? '; optional steps skipped' : ''}`)}
</dl></div>
<div class="facts"><h2>Rig</h2><dl>
${field('Rig', html`<strong>${record.rig.id}</strong>`)}
${field('Where', record.rig.where)}
${field('Firmware', record.rig.firmwareVersion)}
${field('Protocol', record.rig.protocol)}
${field('Calibrated', calibrated ?? html`<span class="flag">never calibrated</span>`)}
${record.calibration && field('Calibration due', record.calibration.dueDate ?? missing('none'))}
${record.calibration && field('Calibration status', record.calibration.status === 'valid' ? 'valid' : html`<span class="flag">${record.calibration.status}</span>`)}
${record.calibration?.checksum != null && field('Calibration checksum', html`<code>${record.calibration.checksum.toString(16).toUpperCase().padStart(4, '0')}</code>`)}
${record.calibration?.recordFile && field('Calibration record', html`<code>${record.calibration.recordFile}</code>`)}
</dl></div>
<div class="facts"><h2>Run</h2><dl>
${field('Run ID', html`<code>${runId}</code>`)}
${field('Operator', record.operator ?? missing('not recorded'))}
${field('Station', record.station ?? missing('not recorded'))}
${field('Started', formatTimestamp(record.startedAt))}
${field('Ended', formatTimestamp(record.endedAt))}
${field('Duration', formatDurationMs(record.durationMs))}
${record.simDurationMs !== undefined && field('Simulated time', formatDurationMs(record.simDurationMs))}
</dl></div>
</section>`;
}
