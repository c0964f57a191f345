/**
 * Markup built so that text from a record can only ever land in a page as text: every value put
 * into an `html` template is escaped unless it is already `Markup` (made by `html` itself, or by
 * `trustedMarkup` for the plots vega draws). Attribute values in templates are always quoted.
 */

/** A piece of HTML that is safe to insert as it is. */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** What an `html` template accepts; null, undefined and false render as nothing (for `cond && html…`). */
export type HtmlValue = Markup | string | number | null | undefined | false | readonly HtmlValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or a quoted attribute value: `<script>` becomes `&lt;script&gt;`. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Tagged template: html`<td>${record.serial}</td>` escapes the serial. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Markup {
  let text = strings[0]!;
  values.forEach((value, index) => {
    text += render(value) + strings[index + 1]!;
  });
  return new Markup(text);
}

/** Markup made by a renderer that escapes its own text (vega's SVG), inserted without escaping. */
export function trustedMarkup(text: string): Markup {
  return new Markup(text);
}
