import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Button, Reply } from '../../core/reply.js';
import type { Asker, Tutor } from '../../core/tutor.js';
import { blockHeatmap } from './heatmap.js';
import { renderForHumans, renderJson } from './render.js';

export interface TerminalOptions {
  input: Readable;
  output: Writable;
  /** One JSON object per reply on the output, nothing else. */
  json: boolean;
  /** Interactive: a prompt and colours. Otherwise lines are read and answered one at a time until input ends. */
  interactive: boolean;
  /** The terminal's locale (LC_ALL / LC_MESSAGES / LANG). */
  locale: string | undefined;
  /** Where images (attention heatmaps) are saved. */
  imageDir: string;
}

/** Default folder for saved images: the system's temporary folder. */
export const DEFAULT_IMAGE_DIR = join(tmpdir(), 'gpt-tutor');

// The person at the keyboard is the only user: not rate-limited, always a private chat.
const LOCAL_USER_ID = 'local';
const PROMPT = '› ';

/** The tutor in a terminal: typed commands, numbered choices for buttons, plain text as questions. */
export class TerminalAdapter {
  private choices: Button[] = [];
  private imageCount = 0;
  private readonly asker: Asker;

  constructor(
    private readonly tutor: Tutor,
    private readonly options: TerminalOptions,
  ) {
    this.asker = {
      user: { id: LOCAL_USER_ID, displayName: safeUserName(), locale: options.locale },
      chat: { id: 'terminal', kind: 'private' },
      platform: 'terminal',
    };
  }

  /** Answers every line, each to its final reply before the next is read; resolves when input ends. */
  async run(): Promise<void> {
    const lines = createInterface({ input: this.options.input, terminal: this.options.interactive, crlfDelay: Infinity });
    if (this.options.interactive) {
      this.options.output.write(renderForHumans(await this.tutor.handleText('/start', this.asker), true));
      lines.setPrompt(PROMPT);
      lines.prompt();
    }
    for await (const line of lines) {
      if (line.trim() !== '') this.show(await this.answer(line));
      if (this.options.interactive) lines.prompt();
    }
  }

  /** A bare number picks a choice of the last reply that offered choices; anything else goes to the tutor. */
  async answer(line: string): Promise<Reply> {
    const picked = /^\s*(\d{1,3})\s*$/.exec(line);
    const button = picked ? this.choices[Number(picked[1]) - 1] : undefined;
    const options = { onUpdate: (update: Reply) => this.show(update, false) };
    const reply = button ? await this.tutor.press({ buttonId: button.id, ...this.asker }, options) : await this.tutor.handleText(line, this.asker, options);
    if (reply.buttons.length > 0) this.choices = reply.buttons;
    return reply;
  }

  /** A reply that arrived without a command waiting for it (sent before a restart of this terminal). */
  showLate(reply: Reply, final: boolean): void {
    if (final && reply.buttons.length > 0) this.choices = reply.buttons;
    this.show(reply, final);
  }

  private show(reply: Reply, final = true): void {
    const imagePath = final && reply.image ? this.saveImage(reply.image.base64) : undefined;
    if (this.options.json) {
      this.options.output.write(renderJson(reply, final, imagePath));
      return;
    }
    let text = renderForHumans(reply, this.options.interactive);
    if (this.options.interactive && reply.heatmap) text = `${blockHeatmap(reply.heatmap.labels, reply.heatmap.weights)}\n\n${text}`;
    if (imagePath) text += `\n🖼  ${imagePath}\n`;
    this.options.output.write(text);
  }

  /** A terminal cannot show a PNG inline everywhere: it is saved, and its path printed (the `image` field in --json). */
  private saveImage(base64: string): string {
    mkdirSync(this.options.imageDir, { recursive: true });
    this.imageCount += 1;
    const path = join(this.options.imageDir, `attention-${process.pid}-${this.imageCount}.png`);
    writeFileSync(path, Buffer.from(base64, 'base64'));
    return path;
  }
}

function safeUserName(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}

/**
 * The terminal's session with REDIS_URL: a named one (TERMINAL_SESSION) is kept across restarts, so a restarted
 * terminal gets the replies still on their way (main/terminal-session.ts lets one live terminal hold it); without a
 * name each process has a session of its own, so two terminals of one user never read each other's replies.
 */
export function terminalSession(configured: string | undefined): { name: string; named: boolean } {
  if (configured) return { name: configured, named: true };
  return { name: `own-${randomBytes(6).toString('hex')}`, named: false };
}

/** The outbox a terminal session reads. */
export function terminalOutbox(session: string): string {
  return `outbox-terminal-${session}`;
}

/** The terminal's language, as the C library reads it: LC_ALL, then LC_MESSAGES, then LANG. */
export function terminalLocale(env: NodeJS.ProcessEnv): string | undefined {
  return env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || undefined;
}
