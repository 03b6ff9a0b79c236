import { parseMarkdown, type Inline } from '../../core/markdown.js';
import { replyLang, type Button, type Reply } from '../../core/reply.js';

const ANSI = { bold: ['\x1b[1m', '\x1b[22m'], italic: ['\x1b[3m', '\x1b[23m'], code: ['\x1b[36m', '\x1b[39m'], dim: ['\x1b[2m', '\x1b[22m'] } as const;

/** A reply as a person reads it in a terminal: styled with ANSI codes on a TTY, plain text otherwise. */
export function renderForHumans(reply: Reply, color: boolean): string {
  const lines = parseMarkdown(reply.text).map((block) =>
    block.type === 'code' ? indent(color ? `${ANSI.code[0]}${block.text}${ANSI.code[1]}` : block.text) : block.inlines.map((inline) => style(inline, color)).join(''),
  );
  if (reply.buttons.length > 0) {
    lines.push('');
    const numberWidth = String(reply.buttons.length).length;
    reply.buttons.forEach((button, index) => lines.push(choiceLine(button, index + 1, numberWidth, color)));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `[n] label`, and the choice's one-line description, if it has one, dimmed after a dash: typing n picks it.
 * Numbers are right-aligned (` [9]` over `[10]`), so the labels start in one column.
 */
function choiceLine(button: Button, number: number, numberWidth: number, color: boolean): string {
  const line = `  ${' '.repeat(numberWidth - String(number).length)}[${number}] ${button.label}`;
  const description = button.description?.trim();
  if (!description) return line;
  return color ? `${line} ${ANSI.dim[0]}— ${description}${ANSI.dim[1]}` : `${line} — ${description}`;
}

/** A short line of the terminal's own (a stopped answer, an exit hint): dimmed on a TTY. */
export function dimmed(text: string, color: boolean): string {
  return color ? `${ANSI.dim[0]}${text}${ANSI.dim[1]}` : text;
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
    // A lesson choice's one-line summary is added where it has one; scripts reading only id and label are unaffected.
    buttons: reply.buttons.map(({ id, label, description }) => (description ? { id, label, description } : { id, label })),
    final,
  };
  if (reply.topic !== undefined) object['topic'] = reply.topic;
  if (reply.error) object['error'] = reply.error;
  if (reply.model) object['model'] = reply.model;
  if (reply.newTokens !== undefined) object['new_tokens'] = reply.newTokens;
  if (reply.answers) object['answers'] = reply.answers;
  if (reply.correct !== undefined) object['correct'] = reply.correct;
  if (imagePath) object['image'] = imagePath;
  return `${JSON.stringify(object)}\n`;
}
