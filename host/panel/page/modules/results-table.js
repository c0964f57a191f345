// The last results, each with links to its report and CSV files (served under runs/<id>/).
import { byId, el } from './dom.js';

/** Replace the results table's rows with these results. */
export function renderResults(results) {
  byId('results').replaceChildren(...results.map(resultRow));
}

function resultRow(r) {
  return el('tr', { 'data-result': String(r.id) }, [
    el('td', { text: new Date(r.at).toLocaleTimeString() }),
    el('td', { text: r.attempt > 1 ? `${r.serial} (attempt ${r.attempt})` : r.serial }),
    el('td', { text: r.rig }),
    el('td', {}, [el('span', { class: 'badge', 'data-outcome': r.outcome, text: r.outcome })]),
    el('td', { class: 'cause', text: [r.cause, r.failingPoles.length ? `poles ${r.failingPoles.join(', ')}` : '', r.retest ? 'retest queued' : ''].filter(Boolean).join(' · ') }),
    el('td', {}, r.files ? fileLinks(r.id) : []),
  ]);
}

function fileLinks(id) {
  return [
    el('a', { href: `runs/${id}/report.html`, target: '_blank', rel: 'noopener', text: 'report' }),
    el('a', { href: `runs/${id}/measurements.csv`, text: 'values CSV' }),
    el('a', { href: `runs/${id}/curves.csv`, text: 'curves CSV' }),
  ];
}
