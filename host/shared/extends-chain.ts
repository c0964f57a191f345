import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readYamlFile } from './load-data-file.js';
import { FileValidationError } from './validation-error.js';

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Objects merge key by key; arrays and scalars of the overlay replace the base's. */
function deepMerge(base: unknown, overlay: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(overlay)) return overlay;
  const merged: Plain = { ...base };
  for (const [key, value] of Object.entries(overlay)) merged[key] = key in base ? deepMerge(base[key], value) : value;
  return merged;
}

/**
 * Read a YAML file whose top-level `extends: <file>` (relative to it) names a base file: the
 * result is the base with this file's keys merged on top, so a variant states only what differs.
 */
export function readWithExtends(filePath: string): unknown {
  return readLink(filePath, []);
}

interface Link {
  /** The path as given (the first file's as the user typed it). */
  given: string;
  absolute: string;
  /** The `extends:` value as written in that file. */
  extendsValue: string;
}

function readLink(filePath: string, chain: readonly Link[]): unknown {
  const absolute = resolve(filePath);
  const raw = readYamlFile(filePath);
  if (!isPlainObject(raw) || raw.extends === undefined) return raw;
  const { extends: base, ...own } = raw;
  if (typeof base !== 'string' || base === '') {
    throw new FileValidationError(filePath, [`extends: value ${JSON.stringify(base)}: expected the path of another file of the same kind`]);
  }
  const basePath = resolve(dirname(absolute), base);
  const links = [...chain, { given: filePath, absolute, extendsValue: base }];
  if (links.some((link) => link.absolute === basePath)) {
    // Named in the file the user gave, whatever link closes the loop: that is the file they can look at.
    const top = links[0]?.given ?? filePath;
    const path = [top, ...links.map((link) => link.extendsValue)].join(' -> ');
    throw new FileValidationError(top, [`extends: value ${JSON.stringify(links[0]?.extendsValue)}: files extend each other in a loop (${path}); expected a file that does not extend this one`]);
  }
  if (!existsSync(basePath)) {
    throw new FileValidationError(filePath, [`extends: value ${JSON.stringify(base)}: no such file (${basePath}); expected the path of another file of the same kind, relative to this one`]);
  }
  return deepMerge(readLink(basePath, links), own);
}
