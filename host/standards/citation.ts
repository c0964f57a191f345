import { z } from 'zod';

/** What a citation says where its edition or clause could not be confirmed: stated, never guessed. */
export const UNCONFIRMED = 'unconfirmed';

/**
 * Which edition (year) and clause or table of a standard a figure comes from, as far as it was checked
 * against a public copy or a manufacturer's page quoting it; `unconfirmed` where it was not, and
 * `checked` says against what (or why not).
 */
export const Citation = z.strictObject({
  edition: z.union([z.string().regex(/^(19|20)\d\d$/, 'a year such as 2009'), z.literal(UNCONFIRMED)]),
  clause: z.string().min(1).describe(`clause or table, e.g. "Table 3", or ${UNCONFIRMED}`),
  checked: z.string().min(1),
});
export type Citation = z.infer<typeof Citation>;

/** `IEC 60999-1:1999, Table 3`; `UL 486E (edition unconfirmed), Table 22`; `IEC 60947-7-1:2009, clause unconfirmed`. */
export function citationText(standard: string, citation: Citation): string {
  const edition = citation.edition === UNCONFIRMED ? `${standard} (edition unconfirmed)` : `${standard}:${citation.edition}`;
  const clause = citation.clause === UNCONFIRMED ? 'clause unconfirmed' : citation.clause;
  return `${edition}, ${clause}`;
}
