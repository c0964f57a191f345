import type { IncomingMessage, ServerResponse } from 'node:http';
import { HOST_LIMITS } from '../shared/limits.js';
import type { PanelMessage } from './panel-messages.js';
import type { PanelView, ViewChanges } from './panel-view.js';

/** The pages on `/events`: each gets a snapshot of the view first, then its changes, as server-sent events. */
export interface PanelEventStream {
  /** How many pages are connected now. */
  readonly pageCount: number;
  /** Start a page's stream on `res` with a snapshot; the page leaves when `req` closes. */
  connect(req: IncomingMessage, res: ServerResponse): void;
  /** Stop sending and end every page's stream. */
  close(): void;
}

export function openPanelEventStream(view: PanelView): PanelEventStream {
  const pages = new Set<ServerResponse>();
  const send = (message: PanelMessage, to: Iterable<ServerResponse> = pages): void => {
    const text = `data: ${JSON.stringify(message)}\n\n`;
    for (const page of to) page.write(text);
  };
  const flush = setInterval(() => {
    const changes = view.takeChanges();
    if (changes && pages.size > 0) for (const message of messagesOf(changes)) send(message);
  }, HOST_LIMITS.panel.flushEveryMs);
  // A comment line now and then keeps proxies and the browser from dropping an idle stream.
  const keepAlive = setInterval(() => {
    for (const page of pages) page.write(': still here\n\n');
  }, 15_000);
  return {
    get pageCount() {
      return pages.size;
    },
    connect(req, res) {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
      send({ type: 'snapshot', snapshot: view.snapshot() }, [res]);
      pages.add(res);
      req.on('close', () => pages.delete(res));
    },
    close() {
      clearInterval(flush);
      clearInterval(keepAlive);
      for (const page of pages) page.end();
    },
  };
}

function messagesOf(changes: ViewChanges): PanelMessage[] {
  return [
    ...changes.lanes.map((lane): PanelMessage => ({ type: 'lane', lane })),
    ...changes.curves.map((c): PanelMessage => ({ type: 'curve', ...c })),
    ...(changes.queued === null ? [] : [{ type: 'queued', queued: changes.queued } as const]),
    ...(changes.results ? [{ type: 'results', results: changes.results } as const] : []),
    ...changes.notices.map((text): PanelMessage => ({ type: 'notice', text })),
  ];
}
