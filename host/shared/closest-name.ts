/** Edits (insert, delete, replace one character) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const replace = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, replace));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * A key's name before its unit: `holdS`, `holdMs` and `holdSecs` all give `hold`, `maxDropMv`
 * gives `maxDrop`. The unit is the last camel-case word; a name without one is its own stem.
 */
export function nameStem(name: string): string {
  const match = /^(.*[a-z0-9])[A-Z][A-Za-z0-9]*$/.exec(name);
  return (match?.[1] ?? name).toLowerCase();
}

/**
 * The known name a user most likely meant by `given`, or undefined when none is close: the same
 * name in other letter case, a typo (a few edits away), or the same name with another unit
 * (`holdMs` or `holdSecs` for `holdS`: our keys carry their unit in the name).
 */
export function closestName(given: string, known: readonly string[]): string | undefined {
  const lower = given.toLowerCase();
  const sameLetters = known.find((name) => name.toLowerCase() === lower);
  if (sameLetters !== undefined) return sameLetters;

  const allowedEdits = given.length <= 4 ? 1 : given.length <= 8 ? 2 : 3;
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(lower, name.toLowerCase());
    if (distance <= allowedEdits && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  if (best !== undefined) return best.name;

  // Another unit: prefer a known key that also carries a unit over the bare reference key (`hold`).
  const stem = nameStem(given);
  if (stem === lower) return undefined;
  const sameStem = known.filter((name) => nameStem(name) === stem);
  return sameStem.find((name) => name.toLowerCase() !== stem) ?? sameStem[0];
}
