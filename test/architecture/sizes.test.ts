import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Small files, short functions (issue 21): no source file over 400 lines, no function over 80, in the
// host, the rigs and the protocol (generated code aside). Lines as the file has them, comments included.
const root = join(import.meta.dirname, '..', '..');
const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 80;
const sources = execFileSync('git', ['ls-files', 'host', 'rigs', 'firmware-protocol'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((file) => /\.(ts|js)$/.test(file) && !file.includes('/generated/'));

/** Lines as `wc -l` counts them (a last line without its newline counts too). */
const lineCount = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

/** Every function, method, arrow and constructor of a source text, with its line count. */
function functionLengths(file: string, text: string): Array<{ where: string; lines: number }> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Array<{ where: string; lines: number }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = source.getLineAndCharacterOfPosition(node.end).line;
      found.push({ where: `${file}:${first + 1}`, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('source sizes', () => {
  it('reads the sources it checks', () => {
    expect(sources.length).toBeGreaterThan(300);
  });

  it(`has no source file over ${MAX_FILE_LINES} lines`, () => {
    const long = sources.map((file) => ({ file, lines: lineCount(readFileSync(join(root, file), 'utf8')) })).filter((f) => f.lines > MAX_FILE_LINES);
    expect(long).toEqual([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
    const long = sources.flatMap((file) => functionLengths(file, readFileSync(join(root, file), 'utf8'))).filter((f) => f.lines > MAX_FUNCTION_LINES);
    expect(long).toEqual([]);
  });

  it('measures a function as the lines from its start to its end', () => {
    const body = Array.from({ length: 81 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    expect(functionLengths('x.ts', `function f() {\n${body}\n}`)).toEqual([{ where: 'x.ts:1', lines: 83 }]);
  });
});
