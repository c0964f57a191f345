// A lane's row of lamps, one per pole: its status, and the cause when it failed.
import { el } from './dom.js';

const STATUS_WORDS = { waiting: 'waiting', running: 'testing' };

/** Replace the lamps in `lamps` with one per pole of the unit (none without a unit). */
export function renderPoleLamps(lamps, unit) {
  lamps.replaceChildren(...(unit ? unit.poles : []).map(lampOf));
}

function lampOf(p) {
  return el('div', { class: 'lamp', 'data-pole': String(p.pole), 'data-status': p.status, 'data-active': String(Boolean(p.active)) }, [
    el('div', { class: 'lamp-light', text: String(p.pole) }),
    el('div', { class: 'lamp-status', text: p.active ? 'testing' : STATUS_WORDS[p.status] || p.status }),
    el('div', { class: 'lamp-cause', text: p.cause || '', title: p.cause || '' }),
  ]);
}
