// A lane's table of measured values. Rows: each step's measurement; columns: the poles. Unit-wide
// values get a row of their own, one cell across the poles.
import { el } from './dom.js';
import { formatValue, limitText } from './format.js';

/** Replace `table`'s content with the unit's values (empty without a unit or poles). */
export function renderValuesTable(table, unit) {
  if (!unit || unit.poles.length === 0) return table.replaceChildren();
  const head = el('tr', {}, [el('th', { text: 'measurement (limit)' }), ...unit.poles.map((p) => el('th', { text: `pole ${p.pole}` }))]);
  const poleRows = [...rowsByMeasurement(unit).values()].map(({ m, cells }) => poleRow(unit, m, cells));
  const unitRows = unit.unitMeasurements.map((m) => unitRow(unit, m));
  table.replaceChildren(el('thead', {}, [head]), el('tbody', {}, [...poleRows, ...unitRows]));
}

/** step + measurement name -> { m: its first measurement, cells: pole -> measurement } */
function rowsByMeasurement(unit) {
  const rows = new Map();
  for (const p of unit.poles) {
    for (const m of p.measurements) {
      const key = `${m.step}\u0000${m.name}`;
      if (!rows.has(key)) rows.set(key, { m, cells: new Map() });
      rows.get(key).cells.set(p.pole, m); // a retest's value replaces the first
    }
  }
  return rows;
}

function poleRow(unit, m, cells) {
  // One limit for the row where every pole has the same (the wiring map expects each pole's own).
  const limits = new Set([...cells.values()].map(limitText));
  const shared = limits.size === 1;
  return el('tr', { 'data-measurement': m.name }, [
    el('td', {}, [`${m.step}: ${m.name} `, el('span', { class: 'limit', text: shared ? limitText(m) : 'own limit per pole' })]),
    ...unit.poles.map((p) => {
      const c = cells.get(p.pole);
      const title = [shared ? '' : `limit ${limitText(c || m)}`, (c && c.cause) || ''].filter(Boolean).join(': ');
      return c ? el('td', { 'data-verdict': c.verdict, 'data-pole': String(p.pole), title, text: `${formatValue(c.value)} ${c.unit}`.trim() }) : el('td', { text: '' });
    }),
  ]);
}

function unitRow(unit, m) {
  return el('tr', {}, [
    el('td', { text: `${m.step}: ${m.name} ` }, [el('span', { class: 'limit', text: limitText(m) })]),
    el('td', { colSpan: unit.poles.length, 'data-verdict': m.verdict, title: m.cause || '', text: `${formatValue(m.value)} ${m.unit}`.trim() }),
  ]);
}
