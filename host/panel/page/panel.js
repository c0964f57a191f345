// The operator panel's page: renders what the server pushes (host/panel/panel-messages.ts) and sends
// the operator's requests. It holds no test logic: verdicts, limits and prompts all come from the
// runner through the server. Text from the server is set with textContent only, never as HTML.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const lanes = new Map(); // rig -> { card, view, curve: { id, meta, xs, ys }, plot }
  let snapshot = null;
  let openPromptId = null;

  function el(tag, props = {}, children = []) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === 'text') node.textContent = value;
      else if (key === 'class') node.className = value;
      else if (key.startsWith('data-')) node.setAttribute(key, value);
      else node[key] = value;
    }
    for (const child of children) node.append(child);
    return node;
  }

  async function post(name, body) {
    const response = await fetch(`api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.ok) return null;
    const answer = await response.json().catch(() => ({ error: `${response.status} ${response.statusText}` }));
    return answer.error || `${response.status}`;
  }

  function showNotice(text) {
    const notice = $('notice');
    notice.textContent = text;
    notice.hidden = false;
    clearTimeout(showNotice.timer);
    showNotice.timer = setTimeout(() => (notice.hidden = true), 12000);
  }

  // ---- numbers as a technician reads them
  function fmt(value) {
    if (value === null || value === undefined) return '—';
    const abs = Math.abs(value);
    if (Number.isInteger(value)) return String(value);
    const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 10 ? 2 : 3;
    return value.toFixed(digits);
  }
  // Limits are figures from a standard or a datasheet: shown as written, not rounded.
  function limitText(m) {
    const unit = m.unit ? ` ${m.unit}` : '';
    if (m.low !== null && m.high !== null) return `${m.low}–${m.high}${unit}`;
    if (m.high !== null) return `≤ ${m.high}${unit}`;
    if (m.low !== null) return `≥ ${m.low}${unit}`;
    return '';
  }

  // ---- one card per rig
  function laneFor(rig) {
    let lane = lanes.get(rig);
    if (lane) return lane;
    const card = $('lane-template').content.firstElementChild.cloneNode(true);
    card.dataset.rig = rig;
    card.querySelector('.abort').addEventListener('click', async () => {
      const problem = await post('abort', { rig });
      if (problem) showNotice(problem);
    });
    card.querySelector('.reset').addEventListener('click', async () => {
      const problem = await post('reset', { rig });
      if (problem) showNotice(problem);
    });
    $('lanes').append(card);
    lane = { card, view: null, curve: null, plot: null };
    lanes.set(rig, lane);
    return lane;
  }

  function renderLane(view) {
    const lane = laneFor(view.rig);
    lane.view = view;
    const { card } = lane;
    card.querySelector('.rig-name').textContent = view.rig;
    card.querySelector('.rig-id').textContent = view.rigId ? `${view.rigId}${view.where ? ` on ${view.where}` : ''}` : '';
    const state = card.querySelector('.rig-state');
    state.dataset.state = view.state;
    state.textContent = { free: 'ready', busy: 'testing', down: 'not available', 'given-up': 'given up' }[view.state] + (view.fault ? `: ${view.fault}` : '');
    card.querySelector('.abort').disabled = view.state !== 'busy';
    // A reset asked of a rig with nothing latched does nothing; one whose E-stop is still pressed is refused (and the fault says so).
    card.querySelector('.reset').hidden = view.state !== 'down';

    const unit = view.unit;
    // A new unit starts with an empty plot, not the last unit's curve.
    const unitKey = unit ? `${unit.serial}#${unit.attempt}:` : null;
    if (lane.curve && (!unitKey || !lane.curve.id.startsWith(unitKey))) clearPlot(lane);
    const banner = card.querySelector('.banner');
    const outcome = unit ? (unit.outcome ?? 'RUNNING') : '';
    banner.dataset.outcome = outcome;
    banner.querySelector('.banner-word').textContent = unit ? (unit.outcome ? `${unit.outcome}  ${unit.serial}` : `testing ${unit.serial}${unit.attempt > 1 ? ` (attempt ${unit.attempt})` : ''}`) : 'no unit';
    banner.querySelector('.banner-cause').textContent = unit ? (unit.cause ?? '') : 'scan a serial number and press Start';

    const done = unit ? (unit.outcome ? unit.totalSteps : Math.max(0, unit.stepIndex - 1)) : 0;
    card.querySelector('.progress-bar').style.width = unit && unit.totalSteps ? `${(100 * done) / unit.totalSteps}%` : '0';
    const step = unit && unit.step;
    card.querySelector('.progress-text').textContent = step
      ? `step ${unit.stepIndex}/${unit.totalSteps}: ${step.pole ? `pole ${step.pole} ` : ''}${step.title}${step.attempt > 1 ? ` (retest ${step.attempt - 1})` : ''}`
      : unit && unit.totalSteps ? `${unit.totalSteps} steps` : '';
    card.querySelector('.live').textContent = liveText(lane);

    const lamps = card.querySelector('.lamps');
    lamps.replaceChildren(...(unit ? unit.poles : []).map(lampOf));
    renderValues(card.querySelector('.values'), unit);
  }

  // During a pull the force of its last sample; during a temperature rise the server's figure.
  function liveText(lane) {
    const unit = lane.view && lane.view.unit;
    if (!unit || unit.outcome) return '';
    if (unit.live) return unit.live;
    const curve = lane.curve;
    if (!curve || !unit.step || unit.step.kind !== 'pull' || curve.xs.length === 0) return '';
    return `${curve.ys[curve.ys.length - 1].toFixed(1)} N at ${curve.xs[curve.xs.length - 1].toFixed(1)} s`;
  }

  function lampOf(p) {
    const words = { waiting: 'waiting', running: 'testing' };
    return el('div', { class: 'lamp', 'data-pole': String(p.pole), 'data-status': p.status, 'data-active': String(Boolean(p.active)) }, [
      el('div', { class: 'lamp-light', text: String(p.pole) }),
      el('div', { class: 'lamp-status', text: p.active ? 'testing' : words[p.status] || p.status }),
      el('div', { class: 'lamp-cause', text: p.cause || '', title: p.cause || '' }),
    ]);
  }

  // Rows: each step's measurement; columns: the poles. Unit-wide values get a row of their own.
  function renderValues(table, unit) {
    if (!unit || unit.poles.length === 0) return table.replaceChildren();
    const rows = new Map();
    for (const p of unit.poles) {
      for (const m of p.measurements) {
        const key = `${m.step}\u0000${m.name}`;
        if (!rows.has(key)) rows.set(key, { m, cells: new Map() });
        rows.get(key).cells.set(p.pole, m); // a retest's value replaces the first
      }
    }
    const head = el('tr', {}, [el('th', { text: 'measurement (limit)' }), ...unit.poles.map((p) => el('th', { text: `pole ${p.pole}` }))]);
    const body = [...rows.values()].map(({ m, cells }) => {
      // One limit for the row where every pole has the same (the wiring map expects each pole's own).
      const limits = new Set([...cells.values()].map(limitText));
      const shared = limits.size === 1;
      return el('tr', { 'data-measurement': m.name }, [
        el('td', {}, [`${m.step}: ${m.name} `, el('span', { class: 'limit', text: shared ? limitText(m) : 'own limit per pole' })]),
        ...unit.poles.map((p) => {
          const c = cells.get(p.pole);
          const title = [shared ? '' : `limit ${limitText(c || m)}`, (c && c.cause) || ''].filter(Boolean).join(': ');
          return c ? el('td', { 'data-verdict': c.verdict, 'data-pole': String(p.pole), title, text: `${fmt(c.value)} ${c.unit}`.trim() }) : el('td', { text: '' });
        }),
      ]);
    });
    const unitRows = unit.unitMeasurements.map((m) =>
      el('tr', {}, [el('td', { text: `${m.step}: ${m.name} ` }, [el('span', { class: 'limit', text: limitText(m) })]), el('td', { colSpan: unit.poles.length, 'data-verdict': m.verdict, title: m.cause || '', text: `${fmt(m.value)} ${m.unit}`.trim() })]),
    );
    table.replaceChildren(el('thead', {}, [head]), el('tbody', {}, [...body, ...unitRows]));
  }

  // ---- the force curve (uPlot): force against time since the pull started, with the target force
  function applyCurve(rig, meta, from, points) {
    const lane = laneFor(rig);
    if (!lane.curve || lane.curve.id !== meta.id) {
      lane.curve = { id: meta.id, meta, xs: [], ys: [] };
      makePlot(lane);
    }
    const curve = lane.curve;
    const skip = curve.xs.length - from; // points this page has already (a snapshot came with them)
    for (const [t, f] of points.slice(Math.max(0, skip))) {
      curve.xs.push(t);
      curve.ys.push(f);
    }
    const target = curve.xs.map(() => meta.targetN);
    lane.plot.setData(meta.targetN === null ? [curve.xs, curve.ys] : [curve.xs, curve.ys, target]);
    const plotEl = lane.card.querySelector('.plot');
    plotEl.dataset.points = String(curve.xs.length);
    lane.card.querySelector('.live').textContent = liveText(lane);
    plotEl.dataset.peakN = String(curve.ys.reduce((a, b) => Math.max(a, b), 0));
    plotEl.dataset.curve = meta.id;
  }

  function clearPlot(lane) {
    lane.plot?.destroy();
    lane.plot = null;
    lane.curve = null;
    const plotEl = lane.card.querySelector('.plot');
    plotEl.replaceChildren();
    plotEl.dataset.points = '0';
    delete plotEl.dataset.curve;
    delete plotEl.dataset.peakN;
    lane.card.querySelector('.plot-title').textContent = '';
  }

  function makePlot(lane) {
    const plotEl = lane.card.querySelector('.plot');
    const { meta } = lane.curve;
    lane.card.querySelector('.plot-title').textContent = `pole ${meta.pole}: ${meta.title}${meta.targetN === null ? '' : ` — target ${meta.targetN} N`}`;
    lane.plot?.destroy();
    plotEl.replaceChildren();
    const series = [{ label: 't (s)' }, { label: 'force (N)', stroke: '#1d4ed8', width: 2, points: { show: false } }];
    if (meta.targetN !== null) series.push({ label: 'target (N)', stroke: '#c62828', dash: [6, 4], width: 1, points: { show: false } });
    lane.plot = new uPlot(
      {
        width: Math.max(300, plotEl.clientWidth || lane.card.querySelector('.lane-right').clientWidth),
        height: 260,
        scales: { x: { time: false }, y: { range: (u, min, max) => [0, Math.max(max, (meta.targetN ?? 0) * 1.15, 1)] } },
        axes: [{ label: 'time since pull start (s)' }, { label: 'force (N)' }],
        series,
        legend: { show: false },
        cursor: { show: false },
      },
      series.map(() => []),
      plotEl,
    );
  }

  window.addEventListener('resize', () => {
    for (const lane of lanes.values()) {
      if (!lane.plot) continue;
      const width = lane.card.querySelector('.plot').clientWidth;
      if (width > 0) lane.plot.setSize({ width, height: 260 });
    }
  });

  // ---- the last results, with their report and CSV files
  function renderResults(results) {
    $('results').replaceChildren(
      ...results.map((r) =>
        el('tr', { 'data-result': String(r.id) }, [
          el('td', { text: new Date(r.at).toLocaleTimeString() }),
          el('td', { text: r.attempt > 1 ? `${r.serial} (attempt ${r.attempt})` : r.serial }),
          el('td', { text: r.rig }),
          el('td', {}, [el('span', { class: 'badge', 'data-outcome': r.outcome, text: r.outcome })]),
          el('td', { class: 'cause', text: [r.cause, r.failingPoles.length ? `poles ${r.failingPoles.join(', ')}` : '', r.retest ? 'retest queued' : ''].filter(Boolean).join(' · ') }),
          el(
            'td',
            {},
            r.files
              ? [
                  el('a', { href: `runs/${r.id}/report.html`, target: '_blank', rel: 'noopener', text: 'report' }),
                  el('a', { href: `runs/${r.id}/measurements.csv`, text: 'values CSV' }),
                  el('a', { href: `runs/${r.id}/curves.csv`, text: 'curves CSV' }),
                ]
              : [],
          ),
        ]),
      ),
    );
  }

  // ---- prompts as a dialog over the page: the oldest open prompt of any rig
  function renderPrompt() {
    const open = [...lanes.values()].map((l) => l.view && l.view.prompt && { rig: l.view.rig, prompt: l.view.prompt }).find(Boolean);
    const dialog = $('prompt');
    if (!open) return closePrompt();
    if (openPromptId === open.prompt.id || answeredPromptIds.has(open.prompt.id)) return;
    openPromptId = open.prompt.id;
    dialog.dataset.promptId = open.prompt.id;
    $('prompt-where').textContent = `${open.rig} · ${open.prompt.serial}${open.prompt.pole ? ` · pole ${open.prompt.pole}` : ''}`;
    $('prompt-text').textContent = open.prompt.text;
    $('prompt-skip').hidden = !open.prompt.optional;
    dialog.hidden = false;
    $('prompt-ok').focus();
  }

  function closePrompt() {
    const dialog = $('prompt');
    openPromptId = null;
    if (dialog.hidden) return;
    dialog.hidden = true;
    delete dialog.dataset.promptId;
    // Back to the serial field, ready for the next scan.
    $('serial').focus();
  }

  // Answered here, but the server's word on it may still be on its way: not shown again meanwhile.
  const answeredPromptIds = new Set();
  async function answer(kind) {
    if (!openPromptId) return;
    const id = openPromptId;
    answeredPromptIds.add(id);
    closePrompt();
    const problem = await post('answer', { promptId: id, answer: kind });
    if (problem) showNotice(problem);
  }
  $('prompt-ok').addEventListener('click', () => answer('ok'));
  $('prompt-skip').addEventListener('click', () => answer('skip'));
  $('prompt-abort').addEventListener('click', () => answer('abort'));
  // Keys typed while a prompt is open (a scanner) must not reach the serial field behind it.
  document.addEventListener('keydown', (event) => {
    if (!$('prompt').hidden && !event.target.closest('#prompt')) event.preventDefault();
  });

  // ---- the serial field: a scanner types the serial and Enter
  $('start-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = $('serial');
    const serial = input.value.trim();
    if (!serial) return showNotice('serial: scan the unit or type its serial number first');
    $('start').disabled = true;
    const problem = await post('start', { serial });
    $('start').disabled = false;
    if (problem) showNotice(problem);
    else input.value = '';
    input.focus();
  });

  // ---- the stream from the server
  function onMessage(message) {
    switch (message.type) {
      case 'snapshot': {
        snapshot = message.snapshot;
        $('station').textContent = snapshot.station;
        $('plan').textContent = `${snapshot.plan.name} · ${snapshot.dut} · ${snapshot.conductor}`;
        $('plan').title = snapshot.plan.description;
        $('queued').textContent = snapshot.queued ? `${snapshot.queued} queued` : '';
        for (const lane of snapshot.lanes) {
          renderLane(lane);
          if (lane.curve) {
            const { points, ...meta } = lane.curve;
            const mine = lanes.get(lane.rig);
            if (mine.curve && mine.curve.id === meta.id) mine.curve = null; // redraw whole from the snapshot
            applyCurve(lane.rig, meta, 0, points);
          }
        }
        renderResults(snapshot.results);
        renderPrompt();
        return;
      }
      case 'lane':
        renderLane(message.lane);
        renderPrompt();
        return;
      case 'curve':
        applyCurve(message.rig, message.curve, message.from, message.points);
        return;
      case 'queued':
        $('queued').textContent = message.queued ? `${message.queued} queued` : '';
        return;
      case 'results':
        renderResults(message.results);
        return;
      case 'notice':
        showNotice(message.text);
        return;
    }
  }

  function connect() {
    const source = new EventSource('events');
    const link = $('link');
    source.onopen = () => {
      link.dataset.state = 'live';
      link.textContent = 'live';
    };
    source.onmessage = (event) => onMessage(JSON.parse(event.data));
    source.onerror = () => {
      link.dataset.state = 'lost';
      link.textContent = 'connection lost: retrying';
    };
  }
  connect();
  $('serial').focus();
})();
