import { parseMarkdown, type Inline } from '../../core/markdown.js';
import { replyLang, type Reply } from '../../core/reply.js';

const ANSI = { bold: ['\x1b[1m', '\x1b[22m'], italic: ['\x1b[3m', '\x1b[23m'], code: ['\x1b[36m', '\x1b[39m'] } as const;

/** A reply as a person reads it in a terminal: styled with ANSI codes on a TTY, plain text otherwise. */
export function renderForHumans(reply: Reply, color: boolean): string {
  const lines = parseMarkdown(reply.text).map((block) =>
    block.type === 'code' ? indent(color ? `${ANSI.code[0]}${block.text}${ANSI.code[1]}` : block.text) : block.inlines.map((inline) => style(inline, color)).join(''),
  );
  if (reply.buttons.length > 0) {
    lines.push('');
    reply.buttons.forEach((button, index) => lines.push(`  [${index + 1}] ${button.label}`));
  }
  return `${lines.join('\n')}\n`;
}

function style(inline: Inline, color: boolean): string {
  if (!color || inline.type === 'text') return inline.text;
  const [open, close] = ANSI[inline.type];
  return `${open}${inline.text}${close}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

/** One reply as one JSON line: the terminal's machine-readable output (`--json`); updates carry `final: false`. */
export function renderJson(reply: Reply, final = true, imagePath?: string): string {
  const object: Record<string, unknown> = {
    command: reply.command,
    lang: replyLang(reply),
    locale: reply.locale,
    text: reply.text,
    buttons: reply.buttons.map(({ id, label }) => ({ id, label })),
    final,
  };
  if (reply.topic !== undefined) object['topic'] = reply.topic;
  if (reply.error) object['error'] = reply.error;
  if (reply.model) object['model'] = reply.model;
  if (reply.newTokens !== undefined) object['new_tokens'] = reply.newTokens;
  if (reply.correct !== undefined) object['correct'] = reply.correct;
  if (imagePath) object['image'] = imagePath;
  return `${JSON.stringify(object)}\n`;
}
