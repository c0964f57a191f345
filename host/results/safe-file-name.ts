/** A serial number or operator name made safe for one path component: no separators, no dots in front, no control bytes. */
export function safeFileName(text: string): string {
  const cleaned = text.normalize('NFKC').replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[_]+|[_]+$/g, '');
  return (cleaned || 'unnamed').slice(0, 64);
}
