import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clampbenchSync } from '../support/clampbench-cli.js';
import { postJson, startPanel, type PanelProcess } from './support/panel-process.js';

// Who may use the panel, and what it lets an operator do, on the real `clampbench panel` process
// with the simulated rig. Bound off loopback (0.0.0.0), every request needs the token the panel
// printed; the test reaches it on 127.0.0.1 like any other client would on the machine's address.

describe('panel bound off localhost (0.0.0.0): the token rule', () => {
  let panel: PanelProcess;
  beforeAll(async () => {
    panel = await startPanel(['--listen', '0.0.0.0:0']);
  });
  afterAll(async () => {
    await panel?.stop();
  });

  it('prints the URL with a token once, saying it is needed', () => {
    expect(panel.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(panel.stdout()).toContain('the token in this URL is needed for every request and is shown only now');
    expect(panel.stdout().split(panel.token!).length - 1).toBe(1);
  });

  it('refuses the page, the event stream, the state, the buttons and the run files without the token (403, saying why)', async () => {
    for (const path of ['', 'panel.js', 'events', 'api/state', 'runs/1/report.html']) {
      const response = await fetch(new URL(path, panel.base));
      expect(response.status, path).toBe(403);
      expect(((await response.json()) as { error: string }).error).toContain('token missing');
    }
    const start = await postJson(panel.base, 'api/start', { serial: 'U-NOTOKEN' });
    expect(start.status).toBe(403);
    // Nothing was queued by the refused request.
    const state = (await (await fetch(new URL(`api/state?token=${panel.token}`, panel.base))).json()) as { queued: number; lanes: Array<{ unit: unknown }> };
    expect(state.queued).toBe(0);
    expect(state.lanes[0]!.unit).toBeNull();
  });

  it('refuses a wrong token of the same length', async () => {
    const wrong = panel.token!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const response = await fetch(new URL(`api/state?token=${wrong}`, panel.base));
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toContain('token wrong');
  });

  it('serves the page with the token, and sets the cookie that lets its own requests through', async () => {
    const page = await fetch(new URL(`?token=${panel.token}`, panel.base));
    expect(page.status).toBe(200);
    const cookie = page.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^clampbench-panel=[A-Za-z0-9_-]+; HttpOnly; SameSite=Strict; Path=\/$/);
    const script = await fetch(new URL('panel.js', panel.base), { headers: { cookie: cookie.split(';')[0]! } });
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });
});

describe('panel on localhost: what the page may ask', () => {
  let panel: PanelProcess;
  beforeAll(async () => {
    panel = await startPanel(['--listen', '127.0.0.1:0']);
  });
  afterAll(async () => {
    await panel?.stop();
  });

  it('needs no token on localhost, but answers only to a localhost Host name (no DNS rebinding)', async () => {
    expect(panel.token).toBeNull();
    expect((await fetch(new URL('api/state', panel.base))).status).toBe(200);
    // fetch sets Host from the URL; a page reached through a rebound DNS name sends that name.
    const rebound = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(new URL('api/state', panel.base), { headers: { host: 'rebind.example.com' } }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (text: string) => (body += text));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toEqual({ error: 'Host "rebind.example.com" refused: this panel is bound to 127.0.0.1 and answers only to localhost' });
  });

  it('has no request that changes the plan, limits, calibration or rig settings', async () => {
    const start = await postJson(panel.base, 'api/start', { serial: 'U-1', plan: 'type-test', maxDropMv: 99 });
    expect(start.status).toBe(400);
    expect(start.body.error).toContain('plan: value "type-test": unknown key; allowed here: serial');
    for (const path of ['api/plan', 'api/limits', 'api/calibration', 'api/settings', 'api/rig']) {
      expect((await postJson(panel.base, path, { maxDropMv: 99 })).status, path).toBe(404);
    }
  });

  it('refuses bad serial numbers naming the field, the value and what is allowed', async () => {
    const cases: Array<[unknown, string]> = [
      ['', 'serial: value "": a serial number is required (scan the unit or type it)'],
      ['!reset rig', 'serial: value "!reset rig": a serial number cannot start with "!"'],
      ['X'.repeat(65), 'serial number of 65 characters: at most 64 allowed'],
      ['U\u00071', 'serial: value "U\\u00071": serial number with a control character, \\x07 at position 2: only printable characters are allowed (no line breaks, tabs, escape sequences or invisible formatting characters)'],
      ['U-1\u009b2', 'serial: value "U-1\\x9B2": serial number with a control character, \\x9B at position 4: only printable characters are allowed (no line breaks, tabs, escape sequences or invisible formatting characters)'],
      [42, 'serial: value 42'],
    ];
    for (const [serial, message] of cases) {
      const answer = await postJson(panel.base, 'api/start', { serial });
      expect(answer.status, String(serial)).toBe(400);
      expect(answer.body.error).toContain(message);
    }
  });

  it('refuses a form post (only JSON, which a cross-site page cannot send unasked) and a wrong method', async () => {
    const form = await fetch(new URL('api/start', panel.base), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'serial=U-1' });
    expect(form.status).toBe(415);
    const put = await fetch(new URL('api/start', panel.base), { method: 'PUT' });
    expect(put.status).toBe(405);
  });

  it('answers an unknown prompt, an unknown rig and an abort with nothing running with 409 and the reason', async () => {
    expect(await postJson(panel.base, 'api/answer', { promptId: 'nope', answer: 'ok' })).toEqual({ status: 409, body: { error: 'promptId: value "nope" is not an open prompt (answered already, or its unit ended)' } });
    expect(await postJson(panel.base, 'api/abort', { rig: 'B' })).toEqual({ status: 409, body: { error: 'rig: value "B" is not a rig of this panel (rig)' } });
    expect(await postJson(panel.base, 'api/abort', { rig: 'rig' })).toEqual({ status: 409, body: { error: 'rig: value "rig" has no unit running' } });
    expect((await fetch(new URL('runs/1/report.html', panel.base))).status).toBe(404);
  });

  it('refuses a second start of a unit already queued or under test; Ctrl-C ends its run ABORTED and exits 0', async () => {
    expect((await postJson(panel.base, 'api/start', { serial: 'U-TWICE' })).status).toBe(200);
    expect(await postJson(panel.base, 'api/start', { serial: 'U-TWICE' })).toEqual({ status: 409, body: { error: 'serial: value "U-TWICE" is queued or under test already' } });
    // The unit waits at its load prompt (nobody answers here); SIGINT stops it.
    expect(await panel.stop()).toBe(0);
    expect(panel.stderr()).toMatch(/rig U-TWICE attempt 1: ABORTED/);
  });
});

describe('panel command line', () => {
  it('refuses a bad --listen, naming the option, the value and what is allowed (exit 2)', () => {
    const run = clampbenchSync(['panel', '--listen', 'everywhere']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--listen: value "everywhere" is not allowed; expected <address>:<port> with an IP address or localhost and a port from 0 to 65535');
  });

  it('refuses --config together with --port (a station file names its own rigs)', () => {
    const run = clampbenchSync(['panel', '--config', 'station.yaml', '--port', '/dev/ttyACM0', '--plan', 'type-test']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--config: a station file names its own rigs, plan, DUT, conductor and results; leave out --port, --plan');
  });

  it('has help with examples', () => {
    const run = clampbenchSync(['panel', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('clampbench panel --listen 0.0.0.0:8420');
  });
});
