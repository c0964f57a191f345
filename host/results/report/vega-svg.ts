import type * as Vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';

/**
 * A vega-lite chart drawn headless to an SVG string for inlining in a page. Everything a chart
 * shows travels inline in its spec (`data.values`), so the loader refuses every URL and file:
 * rendering a report never touches the network or the disk. Text widths are estimated from the
 * font size (vega measures with node-canvas only when that package is installed; it is not a
 * dependency here), so no font is loaded either.
 */

const refuse = (what: string): Promise<never> => Promise.reject(new Error(`report charts load nothing (asked for ${what})`));

/**
 * vega and vega-lite load with the first chart drawn: about 0.4 s of start-up that a command drawing
 * nothing (a refused file, `--help`, `history`) does not pay.
 */
let engine: Promise<{ vega: typeof Vega; compile: typeof import('vega-lite').compile }> | undefined;
const loadEngine = () => (engine ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, lite]) => ({ vega, compile: lite.compile })));

const refusingLoader: Vega.Loader = {
  load: (uri) => refuse(uri),
  sanitize: (uri) => refuse(uri),
  http: (uri) => refuse(uri),
  file: (filename) => refuse(filename),
};

// In a page the HTML parser puts <svg> in the SVG namespace itself; the declarations are dropped so
// the report holds no URL at all (they name namespaces, not resources, but a reviewer greps for them).
const NAMESPACE_DECLARATIONS = / xmlns(?::xlink)?="[^"]*"/g;

/** Render a vega-lite spec to SVG markup (an `<svg>` element with a viewBox, scalable by CSS). */
export async function vegaLiteToSvg(spec: TopLevelSpec): Promise<string> {
  const { vega, compile } = await loadEngine();
  return renderToSvg(vega, vega.parse(compile(spec).spec), {});
}

/** What a chart template draws this time: values of its named data sources, values of its params. */
export interface ChartInputs {
  data?: Record<string, object[]>;
  signals?: Record<string, unknown>;
}

/** Parsed templates by their spec's JSON: a few shapes of chart each, drawn for every unit of a batch. */
const parsedTemplates = new Map<string, Vega.Runtime>();
const MAX_TEMPLATES = 64;

/**
 * Render a chart template: a vega-lite spec whose data come from named sources (`data: { name }`) and
 * whose other varying numbers are params (`{ expr: name }`), both given in `inputs`. The spec is
 * compiled and parsed once and reused (compiling was two thirds of a report's time); the SVG is the
 * same as for the spec with the values written inline.
 */
export async function chartTemplateToSvg(spec: TopLevelSpec, inputs: ChartInputs): Promise<string> {
  const { vega, compile } = await loadEngine();
  const key = JSON.stringify(spec);
  let runtime = parsedTemplates.get(key);
  if (!runtime) {
    if (parsedTemplates.size >= MAX_TEMPLATES) parsedTemplates.clear();
    runtime = vega.parse(compile(spec).spec);
    parsedTemplates.set(key, runtime);
  }
  return renderToSvg(vega, runtime, inputs);
}

async function renderToSvg(vega: typeof Vega, runtime: Vega.Runtime, inputs: ChartInputs): Promise<string> {
  const view = new vega.View(runtime, { renderer: 'none', loader: refusingLoader, logLevel: vega.Warn });
  try {
    for (const [name, values] of Object.entries(inputs.data ?? {})) view.data(name, values);
    for (const [name, value] of Object.entries(inputs.signals ?? {})) view.signal(name, value);
    const svg = await view.toSVG();
    return svg.replace(NAMESPACE_DECLARATIONS, '');
  } finally {
    view.finalize();
  }
}
