// The operator panel's page: renders what the server pushes (host/panel/panel-messages.ts) and sends
// the operator's requests. It holds no test logic: verdicts, limits and prompts all come from the
// runner through the server. Text from the server is set with textContent only, never as HTML.
// An ES module loaded by index.html, its parts in modules/ (served as they are, no build step).
import { byId } from './modules/dom.js';
import { connectEventStream } from './modules/event-stream.js';
import { resizeChartsWithWindow } from './modules/force-chart.js';
import { setUpPromptDialog } from './modules/prompt-dialog.js';
import { onServerMessage } from './modules/server-messages.js';
import { setUpStartForm } from './modules/start-form.js';

resizeChartsWithWindow();
setUpPromptDialog();
setUpStartForm();
connectEventStream(onServerMessage);
byId('serial').focus();
