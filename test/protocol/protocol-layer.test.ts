import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../firmware-protocol/codegen/codegen.js';

// The protocol package is the lowest layer (DESIGN.md, Layers): everything else may use it, it uses
// nothing of host/ or rigs/, so a client author or another rig can take it alone.
const packageDir = join(repoRoot, 'firmware-protocol');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('firmware-protocol layer', () => {
  it('imports nothing from outside its folder but packages', () => {
    const outside: string[] = [];
    for (const file of sourceFiles(packageDir)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = resolve(join(file, '..'), match[1] ?? '');
        if (relative(packageDir, target).startsWith('..')) outside.push(`${relative(repoRoot, file)} -> ${match[1]}`);
      }
    }
    expect(sourceFiles(packageDir).length).toBeGreaterThan(20);
    expect(outside).toEqual([]);
  });
});
