/**
 * The small markdown subset replies are written in, so each adapter can render it for its platform
 * (HTML for Telegram, Discord markdown, ANSI or plain text in a terminal):
 *   **bold**, *italic*, `code`, ``` fenced blocks ```, and backslash escapes (\* \` \\).
 * Lines starting with "- " or "1. " are plain text that every platform shows as a list anyway.
 */

export type Inline = { type: 'text' | 'bold' | 'italic' | 'code'; text: string };
/** A code block's `language` is its fence's tag (```python), kept so a platform can highlight it. */
export type Block = { type: 'line'; inlines: Inline[] } | { type: 'code'; text: string; language?: string };

// A fence tag platforms accept as a language name; anything else is dropped, never rendered.
const LANGUAGE_TAG = /^[A-Za-z][\w+#-]{0,19}$/;

const ESCAPABLE = /[\\*`]/g;

/** Makes user or model text safe to place inside a reply: it renders literally, never as markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(ESCAPABLE, (char) => `\\${char}`);
}

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trimStart().startsWith('```')) {
      const end = lines.findIndex((candidate, j) => j > i && candidate.trimStart().startsWith('```'));
      if (end !== -1) {
        const tag = line.trim().slice(3).trim();
        blocks.push({ type: 'code', text: lines.slice(i + 1, end).join('\n'), ...(LANGUAGE_TAG.test(tag) ? { language: tag } : {}) });
        i = end;
        continue;
      }
    }
    blocks.push({ type: 'line', inlines: parseInline(line) });
  }
  return blocks;
}

export function parseInline(line: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ type: 'text', text });
    text = '';
  };
  for (let i = 0; i < line.length; ) {
    const char = line[i]!;
    if (char === '\\' && i + 1 < line.length && /[\\*`]/.test(line[i + 1]!)) {
      text += line[i + 1];
      i += 2;
      continue;
    }
    const span = matchSpan(line, i);
    if (span) {
      flush();
      out.push({ type: span.type, text: span.type === 'code' ? span.inner : unescape(span.inner) });
      i = span.end;
      continue;
    }
    text += char;
    i += 1;
  }
  flush();
  return out;
}

function matchSpan(line: string, start: number): { type: Inline['type']; inner: string; end: number } | undefined {
  const rest = line.slice(start);
  if (rest.startsWith('`')) {
    const close = line.indexOf('`', start + 1);
    return close > start + 1 ? { type: 'code', inner: line.slice(start + 1, close), end: close + 1 } : undefined;
  }
  if (rest.startsWith('**')) {
    const close = findUnescaped(line, '**', start + 2);
    return close > start + 2 ? { type: 'bold', inner: line.slice(start + 2, close), end: close + 2 } : undefined;
  }
  if (rest.startsWith('*') && rest.length > 1 && !/\s/.test(rest[1]!)) {
    const close = findUnescaped(line, '*', start + 1);
    return close > start + 1 ? { type: 'italic', inner: line.slice(start + 1, close), end: close + 1 } : undefined;
  }
  return undefined;
}

function findUnescaped(line: string, marker: string, from: number): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') {
      i += 1;
      continue;
    }
    if (line.startsWith(marker, i)) return i;
  }
  return -1;
}

function unescape(text: string): string {
  return text.replace(/\\([\\*`])/g, '$1');
}

/** The text as a reader sees it, without markup: for plain terminals and for length limits. */
export function toPlainText(source: string): string {
  return parseMarkdown(source)
    .map((block) => (block.type === 'code' ? block.text : block.inlines.map((inline) => inline.text).join('')))
    .join('\n');
}
