// The HTML report's public surface: one self-contained page per unit run.
export { renderReport, type ReportMeta } from './render-report.js';
export { writeReport } from './write-report.js';
