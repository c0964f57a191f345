/**
 * The report's only stylesheet, inlined in the page. System fonts only (nothing to load); sizes in
 * points so print and screen agree; colours are kept when printed because the banner and the
 * badges carry meaning (their words do too, for black-and-white copies).
 */
export const REPORT_CSS = `
:root {
  --ink: #1a1a1a; --muted: #5b6470; --rule: #c9ced6; --rule-light: #e4e7eb; --panel: #f4f6f8;
  --pass: #1b7a3a; --pass-bg: #e3f3e8; --fail: #b3261e; --fail-bg: #fbe5e3;
  --marginal: #8a5a00; --marginal-bg: #fff1cc; --error: #a84300; --error-bg: #fde8d7;
  --aborted: #4a4f57; --aborted-bg: #e6e8eb; --skipped: #6b7280; --skipped-bg: #f0f1f3;
}
* { box-sizing: border-box; }
html { color: var(--ink); background: #e9ecef; }
body {
  font: 10pt/1.4 "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif;
  max-width: 210mm; margin: 12px auto; padding: 14mm 14mm 10mm; background: white;
  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.18);
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
h1, h2, h3 { margin: 0; font-weight: 600; line-height: 1.2; }
h2 { font-size: 12pt; margin: 18px 0 6px; padding-bottom: 3px; border-bottom: 1.5px solid var(--ink); }
h3 { font-size: 11pt; margin: 14px 0 6px; display: flex; align-items: center; gap: 8px; }
code { font: 9pt/1.2 "DejaVu Sans Mono", Menlo, Consolas, monospace; }
a { color: inherit; }
a.ref { color: var(--muted); font-size: 7.5pt; vertical-align: super; text-decoration: none; margin-left: 2px; }

.masthead { display: flex; justify-content: space-between; align-items: flex-end; gap: 16px; border-bottom: 3px solid var(--ink); padding-bottom: 8px; }
.masthead .kicker { margin: 0 0 2px; font-size: 8.5pt; letter-spacing: 0.12em; text-transform: uppercase; color: var(--muted); }
.masthead h1 { font-size: 20pt; }
.masthead h1 .serial { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-weight: 700; }
.masthead .subtitle { margin: 3px 0 0; color: var(--muted); }
.masthead .tested { text-align: right; font-size: 8.5pt; color: var(--muted); }

.banner { display: flex; align-items: center; gap: 18px; margin: 12px 0; padding: 10px 16px; border: 2px solid; border-radius: 4px; }
.banner-word { font-size: 30pt; font-weight: 800; letter-spacing: 0.04em; line-height: 1; white-space: nowrap; }
.banner-text p { margin: 0; }
.banner-text p + p { margin-top: 4px; }
.banner-cause .label, .label { font-size: 8pt; text-transform: uppercase; letter-spacing: 0.08em; font-weight: 700; margin-right: 4px; }
.banner-pass { color: var(--pass); background: var(--pass-bg); }
.banner-fail { color: var(--fail); background: var(--fail-bg); }
.banner-error { color: var(--error); background: var(--error-bg); }
.banner-aborted, .banner-unknown { color: var(--aborted); background: var(--aborted-bg); }
.banner-skipped { color: var(--skipped); background: var(--skipped-bg); }
.banner-incomplete { color: #6b4600; border-style: dashed;
  background: repeating-linear-gradient(135deg, #fff1cc 0 12px, #ffe7a3 12px 24px); }
.banner-incomplete .banner-word { font-size: 20pt; }
.banner .banner-text { color: var(--ink); }
.banner-not-for-release { color: #fff; background: repeating-linear-gradient(135deg, #9b1c1c 0 14px, #7a1414 14px 28px); border-color: #5c0e0e; }
.banner-not-for-release .banner-text { color: #fff; }
.banner-marginal { color: var(--marginal); font-weight: 600; }

.identity { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 18px; }
.identity h2 { font-size: 9pt; text-transform: uppercase; letter-spacing: 0.1em; color: var(--muted); border-bottom: 1px solid var(--rule); margin: 8px 0 4px; }
.identity dl { display: grid; grid-template-columns: 26mm 1fr; gap: 1px 8px; margin: 0; }
.identity dt { color: var(--muted); }
.identity dd { margin: 0; overflow-wrap: anywhere; }
.missing { color: var(--muted); font-style: italic; }
.flag { color: var(--fail); font-weight: 600; }
.step-id { color: var(--muted); font-weight: normal; font-size: 8.5pt; margin-left: 4px; font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }

table { width: 100%; border-collapse: collapse; margin: 4px 0 8px; font-size: 9pt; }
caption { text-align: left; font-weight: 600; padding: 2px 0 4px; }
th, td { padding: 3px 6px; text-align: left; vertical-align: top; border-bottom: 1px solid var(--rule-light); }
thead th { font-size: 8pt; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); font-weight: 600; border-bottom: 1.5px solid var(--ink); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.value { font-weight: 600; }
td.cause { color: var(--muted); overflow-wrap: anywhere; }
td.cause-flagged { color: var(--fail); font-weight: 600; }
tr.measurement td.cause-flagged { font-weight: normal; }
.uncertainty { color: var(--muted); font-weight: normal; white-space: nowrap; }
.statement { display: block; font-size: 8pt; color: var(--muted); }
td.verdict { white-space: nowrap; }
.overview thead th.step-col { text-transform: none; letter-spacing: 0; font-size: 8.5pt; color: var(--ink); }
.overview th .step-id { display: block; margin: 0; }
.overview td, .overview th { vertical-align: middle; }

table.steps { table-layout: fixed; }
table.steps col.c-name { width: 21%; } table.steps col.c-value { width: 10%; } table.steps col.c-unit { width: 6%; }
table.steps col.c-low, table.steps col.c-high { width: 7%; } table.steps col.c-verdict { width: 12%; }
table.steps tr.step-head td.verdict { white-space: normal; }
tbody.step tr.step-head th, tbody.step tr.step-head td { background: var(--panel); border-top: 1px solid var(--rule); font-size: 9.5pt; vertical-align: middle; }
tbody.step tr.step-head th { font-weight: 600; }
tbody.step .timing { display: block; color: var(--muted); font-weight: normal; font-size: 8pt; }
tr.measurement td { vertical-align: baseline; }
tr.measurement td.name { padding-left: 14px; font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 8.5pt; }
tr.verdict-row-fail td { background: var(--fail-bg); }
tr.verdict-row-marginal td { background: var(--marginal-bg); }
tr.attempt td { font-size: 8.5pt; font-style: italic; padding-left: 10px; border-top: 1px dashed var(--rule); }
tr.superseded td { color: var(--muted); }
tr.evidence td { font-size: 8.5pt; color: var(--muted); padding-left: 14px; }
table.wiring-map { width: auto; min-width: 70%; }
.map-cell .expected { display: block; font-size: 7.5pt; color: var(--muted); font-weight: normal; }
.verdict-cell-fail { background: var(--fail-bg); color: var(--fail); font-weight: 700; }
.verdict-cell-marginal { background: var(--marginal-bg); }

.badge { font-style: normal; display: inline-block; min-width: 44px; padding: 1px 6px; border-radius: 3px; border: 1px solid; font-size: 7.5pt; font-weight: 700; letter-spacing: 0.04em; text-align: center; line-height: 1.5; }
.badge-pass { color: var(--pass); background: var(--pass-bg); border-color: #9fd0ae; }
.badge-fail { color: white; background: var(--fail); border-color: var(--fail); }
.badge-marginal { color: var(--marginal); background: var(--marginal-bg); border-color: #e0b44a; border-style: dashed; }
.badge-error { color: white; background: var(--error); border-color: var(--error); }
.badge-aborted, .badge-unknown { color: white; background: var(--aborted); border-color: var(--aborted); }
.badge-skipped { color: var(--skipped); background: var(--skipped-bg); border-color: var(--rule); }

section.pole { margin-top: 6px; }
section.pole h3 .pole-cause { font-weight: normal; font-size: 9pt; color: var(--fail); }
.pole-context { margin: 0 0 4px; font-size: 9pt; color: var(--muted); }
.plots { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; margin: 6px 0 10px; }
figure.plot { margin: 0; border: 1px solid var(--rule-light); padding: 4px; }
figure.plot svg { display: block; width: 100%; height: auto; }
figure.plot figcaption { font-size: 8pt; color: var(--muted); padding: 2px 2px 0; }

.incidents ul { margin: 4px 0; padding-left: 18px; }
.incidents li { margin: 2px 0; }
.incidents .where { color: var(--muted); margin-right: 4px; }
.incident-alarm strong, .incident-error strong, .incident-teardown strong { color: var(--fail); }
.incident-data strong { color: var(--marginal); }
.none { color: var(--muted); font-style: italic; margin: 4px 0; }
.basis ol { margin: 4px 0; padding-left: 24px; font-size: 8.5pt; color: var(--muted); }
.basis li { margin: 1px 0; }
footer { margin-top: 18px; padding-top: 6px; border-top: 1px solid var(--rule); font-size: 8pt; color: var(--muted); }
footer p { margin: 1px 0; overflow-wrap: anywhere; }

@page { size: A4; margin: 13mm 12mm 15mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt Helvetica, Arial, sans-serif; color: #5b6470; } }
@media print {
  html { background: none; }
  body { max-width: none; margin: 0; padding: 0; box-shadow: none; font-size: 9pt; }
  h2, h3, caption { break-after: avoid; }
  tr, figure.plot, .plots, .banner, .identity .facts { break-inside: avoid; }
  thead { display: table-header-group; }
  a.ref { text-decoration: none; }
}
`;
