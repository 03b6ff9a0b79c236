/**
 * Where a value sits in its file, so a problem names the line a teacher opens: a YAML document keeps its nodes'
 * offsets; for JSON (which JSON.parse forgets) a small scan records the line each value starts on.
 */
import type { z } from 'zod';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { ContentProblem } from './errors.js';

export type ValuePath = readonly PropertyKey[];
/** The line a value starts on; for a value that is not there, the line of the nearest enclosing one. */
export type LineOf = (path: ValuePath) => number | undefined;

export type Read<T> = { value: T } | { problems: ContentProblem[] };

export interface ParsedSource {
  data: unknown;
  lineOf: LineOf;
}

/** YAML text that starts on `firstLine` of its file (front matter starts on line 2). */
export function parseYaml(file: string, text: string, firstLine = 1): Read<ParsedSource> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const shift = (line: number) => line + firstLine - 1;
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((error) => ({
        file,
        line: shift(error.linePos?.[0].line ?? 1),
        // The first line of yaml's message, without the place it appends (we give the line ourselves).
        message: `not valid YAML: ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    };
  }
  const lineOf: LineOf = (path) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return shift(lineCounter.linePos(node.range[0]).line);
    }
    return undefined;
  };
  return { value: { data: doc.toJS(), lineOf } };
}

/** JSON text, with the line of every value; a syntax error names its line. */
export function parseJson(file: string, text: string): Read<ParsedSource> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { problems: [{ file, line: syntaxErrorLine(text, error), message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const lines = jsonValueLines(text);
  const lineOf: LineOf = (path) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const line = lines.get(pathKey(path.slice(0, depth)));
      if (line !== undefined) return line;
    }
    return undefined;
  };
  return { value: { data, lineOf } };
}

/** zod's findings as problems: `zh.options[2]: …` on the line of that value. */
export function schemaProblems(file: string, error: z.ZodError, lineOf: LineOf, prefix = ''): ContentProblem[] {
  return error.issues.map((issue) => {
    // An unknown key is found on its object; its own line says more.
    const path = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : issue.path;
    const where = pathText(issue.path);
    return { file, line: lineOf(path), message: `${prefix}${where === '' ? '' : `${where}: `}${issue.message}` };
  });
}

/** `zh.options[2]`, as a reader finds it in the file. */
export function pathText(path: ValuePath): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`), '');
}

const pathKey = (path: ValuePath) => JSON.stringify(path.map((key) => (typeof key === 'number' ? key : String(key))));

/** V8 says "at position 42" (Node 20) or "(line 3 column 5)" (later V8). */
function syntaxErrorLine(text: string, error: unknown): number {
  const message = error instanceof Error ? error.message : '';
  const lineColumn = /line (\d+) column \d+/.exec(message);
  if (lineColumn) return Number(lineColumn[1]);
  const position = /position (\d+)/.exec(message);
  return text.slice(0, position ? Number(position[1]) : text.length).split('\n').length;
}

/** The line each value of well-formed JSON starts on, by path (JSON.parse has accepted the text already). */
function jsonValueLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let at = 0;
  let line = 1;
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at]!)) {
      if (text[at] === '\n') line += 1;
      at += 1;
    }
  };
  // JSON strings hold no raw line break, so skipping one never moves the line.
  const skipString = () => {
    at += 1;
    while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    at += 1;
  };
  const value = (path: PropertyKey[]) => {
    skipSpace();
    lines.set(pathKey(path), line);
    const open = text[at];
    if (open === '{' || open === '[') {
      const close = open === '{' ? '}' : ']';
      at += 1;
      skipSpace();
      for (let index = 0; text[at] !== close; index++) {
        let key: PropertyKey = index;
        if (open === '{') {
          const start = at;
          skipString();
          key = JSON.parse(text.slice(start, at)) as string;
          skipSpace();
          at += 1; // the colon
        }
        value([...path, key]);
        skipSpace();
        if (text[at] === ',') at += 1;
        skipSpace();
      }
      at += 1;
    } else if (open === '"') {
      skipString();
    } else {
      while (at < text.length && !/[\s,\]}]/.test(text[at]!)) at += 1;
    }
  };
  value([]);
  return lines;
}
