import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { describeIssues } from '../shared/validation-error.js';
import { HOST_LIMITS } from '../shared/limits.js';
import type { OperatorAnswer } from '../runner/operator.js';
import type { PanelAccess } from './panel-access.js';
import { openPanelEventStream, type PanelEventStream } from './panel-event-stream.js';
import { PanelRequests, type PanelRequestName } from './panel-messages.js';
import type { PanelView } from './panel-view.js';
import { isRunFileName, RUN_FILES, runFile } from './run-files.js';

/** What the page's buttons do: the station (or the one rig) behind the panel. */
export interface PanelActions {
  /** Queue a unit; an error text when it cannot be taken. */
  start(serial: string): string | null;
  abort(rig: string): string | null;
  answer(promptId: string, answer: OperatorAnswer): string | null;
  reset(rig: string): string | null;
}

export interface PanelServer {
  /** The address it listens on (the port is the real one when 0 was asked for). */
  address: AddressInfo;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
const pageDir = fileURLToPath(new URL('./page/', import.meta.url));
const modulesDir = `${pageDir}modules/`;
// A browser runs a module script only when it comes with a JavaScript type (and nosniff, set below, holds classic scripts to that too).
const JAVASCRIPT = 'text/javascript; charset=utf-8';

/**
 * The page and what it loads, all served from here: the panel works with no network beyond this
 * machine. Only these paths are served, each looked up exactly: the page's own modules are the
 * `.js` files in page/modules/ as listed when this file loads, so no URL reaches another file.
 */
const ASSETS: Record<string, { file: string; contentType: string }> = {
  '/': { file: `${pageDir}index.html`, contentType: 'text/html; charset=utf-8' },
  '/panel.js': { file: `${pageDir}panel.js`, contentType: JAVASCRIPT },
  ...Object.fromEntries(
    readdirSync(modulesDir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
      .map((entry) => [`/modules/${entry.name}`, { file: `${modulesDir}${entry.name}`, contentType: JAVASCRIPT }]),
  ),
  '/panel.css': { file: `${pageDir}panel.css`, contentType: 'text/css; charset=utf-8' },
  '/vendor/uPlot.iife.min.js': { file: require.resolve('uplot/dist/uPlot.iife.min.js'), contentType: JAVASCRIPT },
  '/vendor/uPlot.min.css': { file: require.resolve('uplot/dist/uPlot.min.css'), contentType: 'text/css; charset=utf-8' },
};

class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** What a request is served from. */
interface PanelContext {
  access: PanelAccess;
  view: PanelView;
  actions: PanelActions;
  assets: Map<string, { body: Buffer; contentType: string }>;
  events: PanelEventStream;
}

/**
 * The panel's HTTP server: the page, a server-sent event stream of the view's changes (a snapshot
 * first), and the operator's requests as JSON POSTs. Every request passes the access rule first.
 */
export async function startPanelServer(options: { access: PanelAccess; view: PanelView; actions: PanelActions; log: (line: string) => void }): Promise<PanelServer> {
  const { access, view, actions } = options;
  const assets = new Map(Object.entries(ASSETS).map(([path, a]) => [path, { body: readFileSync(a.file), contentType: a.contentType }]));
  const events = openPanelEventStream(view);
  const context: PanelContext = { access, view, actions, assets, events };

  const server: Server = createServer((req, res) => {
    handleRequest(req, res, context).catch((error: unknown) => {
      const status = error instanceof HttpRefusal ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (status >= 500 || status === 403) options.log(`panel: ${req.method} ${req.url?.split('?')[0]}: ${status} ${message}`);
      if (res.headersSent) res.end();
      else json(res, status, { error: message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(access.listen.port, access.listen.host, () => resolve());
  });
  return {
    address: server.address() as AddressInfo,
    close: async () => {
      events.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, context: PanelContext): Promise<void> {
  const { access, view, actions, assets, events } = context;
  const url = new URL(req.url ?? '/', 'http://panel');
  const refused = access.refusal(url, req.headers);
  if (refused) throw new HttpRefusal(403, refused);
  const cookie = access.cookie();
  if (cookie) res.setHeader('set-cookie', cookie);
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  const asset = assets.get(url.pathname);
  if (asset) {
    expectMethod(req, 'GET');
    res.writeHead(200, { 'content-type': asset.contentType });
    res.end(asset.body);
    return;
  }
  if (url.pathname === '/favicon.ico') {
    res.writeHead(204);
    res.end();
    return;
  }
  if (url.pathname === '/events') {
    expectMethod(req, 'GET');
    if (events.pageCount >= HOST_LIMITS.panel.pagesMax) throw new HttpRefusal(503, `${events.pageCount} pages are connected already, the most this panel serves`);
    events.connect(req, res);
    return;
  }
  if (url.pathname === '/api/state') {
    expectMethod(req, 'GET');
    return json(res, 200, view.snapshot());
  }
  const api = /^\/api\/(start|abort|answer|reset)$/.exec(url.pathname);
  if (api) {
    expectMethod(req, 'POST');
    const name = api[1] as PanelRequestName;
    const body = await readRequest(req, name);
    const problem = act(actions, name, body);
    if (problem) throw new HttpRefusal(409, problem);
    return json(res, 200, { ok: true });
  }
  const run = /^\/runs\/(\d+)\/([\w.-]+)$/.exec(url.pathname);
  if (run) {
    expectMethod(req, 'GET');
    return serveRunFile(res, view, run[1]!, run[2]!);
  }
  throw new HttpRefusal(404, `no such page: ${url.pathname}`);
}

/** A file of a result listed on the panel: `/runs/<index>/<name>`. */
async function serveRunFile(res: ServerResponse, view: PanelView, runIndex: string, name: string): Promise<void> {
  const dir = view.runDirOf(Number(runIndex));
  if (!dir || !isRunFileName(name)) throw new HttpRefusal(404, `no file ${name} of a result listed on the panel (run ${runIndex})`);
  let file: string;
  try {
    file = await runFile(dir, name);
  } catch (error) {
    throw new HttpRefusal(404, error instanceof Error ? error.message : String(error));
  }
  const kind = RUN_FILES[name];
  res.writeHead(200, {
    'content-type': kind.contentType,
    ...(kind.download ? { 'content-disposition': `attachment; filename="${basename(dir)}-${name}"` } : {}),
  });
  createReadStream(file).pipe(res);
}

function act(actions: PanelActions, name: PanelRequestName, body: unknown): string | null {
  switch (name) {
    case 'start':
      return actions.start((body as z.infer<typeof PanelRequests.start>).serial);
    case 'abort':
      return actions.abort((body as z.infer<typeof PanelRequests.abort>).rig);
    case 'answer': {
      const { promptId, answer } = body as z.infer<typeof PanelRequests.answer>;
      return actions.answer(promptId, answer);
    }
    case 'reset':
      return actions.reset((body as z.infer<typeof PanelRequests.reset>).rig);
  }
}

function expectMethod(req: IncomingMessage, method: 'GET' | 'POST'): void {
  if (req.method !== method && !(method === 'GET' && req.method === 'HEAD')) throw new HttpRefusal(405, `${req.method} is not allowed on ${req.url?.split('?')[0]}: use ${method}`);
}

/**
 * The body of a POST, validated against its request schema. JSON only: a cross-site form cannot
 * send that without the browser asking first (CORS), and this server never says yes.
 */
async function readRequest(req: IncomingMessage, name: PanelRequestName): Promise<unknown> {
  if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) throw new HttpRefusal(415, `content-type: value "${req.headers['content-type'] ?? ''}" is not allowed; send application/json`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > HOST_LIMITS.panel.requestBodyMaxBytes) throw new HttpRefusal(413, `request body over ${HOST_LIMITS.panel.requestBodyMaxBytes} bytes`);
    chunks.push(chunk);
  }
  let data: unknown;
  try {
    data = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpRefusal(400, 'request body: not valid JSON');
  }
  const schema = PanelRequests[name];
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new HttpRefusal(400, describeIssues(data, parsed.error.issues, schema).join('; '));
  return parsed.data;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
