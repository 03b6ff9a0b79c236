/**
 * The plain checks of the house, read from the source with the TypeScript compiler (no build, nothing run):
 * - the core imports neither commands/ nor locales/ (command files import the core, content reaches it as data;
 *   `import type` of the English UI strings is allowed, for typed message keys);
 * - no import cycles among the files of src/, commands/ and locales/, type-only imports included (a cycle is a knot
 *   to a reader either way);
 * - no source file over MAX_SOURCE_LINES lines.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Past this a file does more than one job; most are well under 300. */
const MAX_SOURCE_LINES = 400;
const SOURCE_EXTENSIONS = ['.ts', '.js', '.mjs', '.py'];
/** The one thing the core may take from locales/: the type of the English UI strings (typed message keys). */
const CORE_MAY_TYPE_IMPORT = ['locales/en/ui.ts'];

interface ImportEdge {
  /** The importing file, relative to the repository root, with forward slashes. */
  from: string;
  /** The imported file, resolved the same way. */
  to: string;
  /** Erased at compile time: `import type`, `export type … from`, or an `import('…')` type. */
  typeOnly: boolean;
}

function posix(path: string): string {
  return path.split(sep).join('/');
}

function filesUnder(folder: string, extensions: readonly string[]): string[] {
  const absolute = join(ROOT, folder);
  if (!existsSync(absolute)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(absolute)) {
    const path = join(absolute, entry);
    if (statSync(path).isDirectory()) found.push(...filesUnder(posix(relative(ROOT, path)), extensions));
    else if (extensions.some((extension) => entry.endsWith(extension)) && !entry.endsWith('.d.ts')) found.push(posix(relative(ROOT, path)));
  }
  return found;
}

/** `./x.js` as NodeNext resolves it for a TypeScript source: x.ts, else x.js, else x/index.ts. */
function resolveRelative(from: string, specifier: string): string | undefined {
  const target = resolve(ROOT, dirname(from), specifier);
  const candidates = [target.replace(/\.js$/, '.ts'), target, `${target}.ts`, join(target, 'index.ts')];
  const hit = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  return hit === undefined ? undefined : posix(relative(ROOT, hit));
}

/** Every relative import and re-export of a file, with whether it is erased at compile time. */
function importsOf(file: string): ImportEdge[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022, true);
  const edges: ImportEdge[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteralLike(specifier) || !specifier.text.startsWith('.')) return;
    const to = resolveRelative(file, specifier.text);
    if (to) edges.push({ from: file, to, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly === true);
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, true);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], false);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** Strongly connected components of more than one file (or a file importing itself): the import cycles. */
function cyclesOf(files: readonly string[], edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>(files.map((file) => [file, []]));
  for (const edge of edges) next.get(edge.from)?.push(edge.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const connect = (file: string) => {
    index.set(file, counter);
    low.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of next.get(file) ?? []) {
      if (!next.has(target)) continue;
      if (!index.has(target)) {
        connect(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || next.get(file)!.includes(file)) cycles.push(component.sort());
  };
  for (const file of files) if (!index.has(file)) connect(file);
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

describe('architecture', () => {
  it('keeps the core free of commands/ and locales/ (but for the type of the English UI strings)', () => {
    const violations = filesUnder('src/core', ['.ts'])
      .flatMap(importsOf)
      .filter((edge) => edge.to.startsWith('commands/') || edge.to.startsWith('locales/'))
      .filter((edge) => !(edge.typeOnly && CORE_MAY_TYPE_IMPORT.includes(edge.to)))
      .map((edge) => `${edge.from} imports ${edge.to}${edge.typeOnly ? ' (type)' : ''}`);
    expect(violations).toEqual([]);
  });

  it('has no import cycles among the files of src/, commands/ and locales/', () => {
    const files = ['src', 'commands', 'locales'].flatMap((folder) => filesUnder(folder, ['.ts']));
    const cycles = cyclesOf(files, files.flatMap(importsOf)).map((cycle) => cycle.join(' ↔ '));
    expect(cycles).toEqual([]);
  });

  it(`has no source file over ${MAX_SOURCE_LINES} lines in src/, commands/, bench/ and training/`, () => {
    const tooLong = ['src', 'commands', 'bench', 'training']
      .flatMap((folder) => filesUnder(folder, SOURCE_EXTENSIONS))
      .map((file) => ({ file, lines: readFileSync(join(ROOT, file), 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > MAX_SOURCE_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(tooLong).toEqual([]);
  });

  it('finds cycles and type-only imports as it should (the checks check something)', () => {
    const edges: ImportEdge[] = [
      { from: 'a.ts', to: 'b.ts', typeOnly: false },
      { from: 'b.ts', to: 'c.ts', typeOnly: true },
      { from: 'c.ts', to: 'a.ts', typeOnly: false },
      { from: 'c.ts', to: 'd.ts', typeOnly: false },
    ];
    expect(cyclesOf(['a.ts', 'b.ts', 'c.ts', 'd.ts'], edges)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    const core = importsOf('src/core/class-quiz/import.ts');
    expect(core.length).toBeGreaterThan(0);
    expect(core.every((edge) => edge.to.startsWith('src/'))).toBe(true);
  });
});
