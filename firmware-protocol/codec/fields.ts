/** `key=value` pairs of replies and push messages; minor versions add keys, so any key is kept. */
export type Fields = Record<string, string>;

const FIELD = /^([A-Za-z][A-Za-z0-9]*)=([^ ]+)$/;

/** `"pole=1 mv=1.7100"` -> `{ pole: '1', mv: '1.7100' }`; `""` -> `{}`; a malformed pair or a repeated key -> null. */
export function parseFields(text: string): Fields | null {
  const fields: Fields = {};
  if (text === '') return fields;
  for (const token of text.split(' ')) {
    const match = FIELD.exec(token);
    if (!match) return null;
    const [, key = '', value = ''] = match;
    if (Object.hasOwn(fields, key)) return null;
    fields[key] = value;
  }
  return fields;
}

/** Inverse of parseFields, in insertion order; a value with a space would split into two fields, so it is refused. */
export function formatFields(fields: Fields): string {
  return Object.entries(fields)
    .map(([key, value]) => {
      if (!FIELD.test(`${key}=${value}`)) throw new RangeError(`field ${JSON.stringify(key)}=${JSON.stringify(value)} cannot be sent`);
      return `${key}=${value}`;
    })
    .join(' ');
}

/** `"ok"` + `" k=v…"` when there are fields. */
export function withFields(head: string, fields: Fields): string {
  const tail = formatFields(fields);
  return tail === '' ? head : `${head} ${tail}`;
}
