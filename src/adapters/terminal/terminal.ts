import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Delivery } from '../../core/delivery.js';
import { t } from '../../core/i18n.js';
import type { ChatAdapter, ChatCapabilities, ComponentHealth } from '../../core/ports.js';
import type { Button, Reply } from '../../core/reply.js';
import { localize } from '../../core/reply-format.js';
import type { Asker, HandleOptions, Tutor } from '../../core/tutor.js';
import { blockHeatmap } from './heatmap.js';
import { ImageFolder } from './images.js';
import { InteractiveSession } from './interactive.js';
import { renderForHumans, renderJson } from './render.js';

export { DEFAULT_IMAGE_DIR } from './images.js';

export interface TerminalOptions {
  input: Readable;
  output: Writable;
  /** One JSON object per reply on the output, nothing else. */
  json: boolean;
  /**
   * A person at a TTY: a prompt, echo, colours, streamed replies updated in place, Ctrl-C to stop an answer.
   * Otherwise lines are read and answered one at a time until input ends, every update printed in turn.
   */
  interactive: boolean;
  /** The terminal's locale (LC_ALL / LC_MESSAGES / LANG). */
  locale: string | undefined;
  /** Where images (attention heatmaps) are saved. */
  imageDir: string;
  /** The outbox this terminal's replies come back through (`terminalOutbox(session)`; default: session `local`). */
  outbox?: string | undefined;
}

/**
 * One reader at a time: no message limit (text wraps), streamed replies redrawn in place on a TTY, choices numbered
 * instead of buttons, no files either way, and always a private chat.
 */
export const TERMINAL_CAPABILITIES: ChatCapabilities = { maxMessageLength: Number.POSITIVE_INFINITY, edits: true, buttons: false, files: false, privateReplies: 'none' };

// The person at the keyboard is the only user: not rate-limited, always a private chat.
const LOCAL_USER_ID = 'local';
/** A bare number (full-width digits too: NFKC) is a pick among the choices shown. */
const CHOICE_NUMBER = /^\s*(\d{1,3})\s*$/;

/**
 * The tutor in a terminal: typed commands, numbered choices for buttons, plain text as questions. As a ChatAdapter,
 * what applies: replies to typed lines come back through `tutor.handleText`, so `deliver` only sees deliveries
 * nobody waits for (sent before this terminal restarted); `run()` is `start()` waiting for the end of input.
 */
export class TerminalAdapter implements ChatAdapter {
  readonly platform = 'terminal' as const;
  readonly capabilities = TERMINAL_CAPABILITIES;
  readonly outbox: string;
  private choices: Button[] = [];
  private running: Promise<void> | undefined;
  private readonly images: ImageFolder;
  private readonly asker: Asker;
  private session: InteractiveSession | undefined;

  constructor(
    private readonly tutor: Tutor,
    private readonly options: TerminalOptions,
  ) {
    this.asker = {
      user: { id: LOCAL_USER_ID, displayName: safeUserName(), locale: options.locale },
      chat: { id: 'terminal', kind: 'private' },
      platform: 'terminal',
    };
    this.images = new ImageFolder(options.imageDir);
    this.outbox = options.outbox ?? terminalOutbox(LOCAL_USER_ID);
  }

  /** Starts answering lines without waiting for the end of input (`run()` waits for it, and says how it ended). */
  async start(): Promise<void> {
    this.run().catch(() => undefined);
  }

  /**
   * Nothing to let go of: the session ends with its input or with the process, and a reply still on its way is
   * kept in the session's outbox for the next terminal (with Redis).
   */
  stop(): Promise<void> {
    return Promise.resolve();
  }

  /** Reading its input: a terminal has no connection to lose. */
  health(): ComponentHealth {
    return this.running ? { ok: true, state: 'reading input' } : { ok: false, state: 'not started' };
  }

  /** A delivery nobody here waits for: shown like any reply (a final's choices become the numbered ones). */
  async deliver(delivery: Delivery): Promise<void> {
    this.showLate(delivery);
  }

  /** Answers every line, each to its final reply before the next is read; resolves when input ends. Runs once. */
  run(): Promise<void> {
    this.running ??= this.answerLines();
    return this.running;
  }

  private async answerLines(): Promise<void> {
    if (this.options.interactive) {
      this.session = new InteractiveSession(
        { answer: (line, handling) => this.answer(line, handling), render: (reply, final) => this.render(reply, final) },
        this.options.input,
        this.options.output as NodeJS.WriteStream,
      );
      await this.session.run();
      return;
    }
    const lines = createInterface({ input: this.options.input, terminal: false, crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.trim() !== '') this.print(await this.answer(line, { onUpdate: (update) => this.print(update, false) }));
    }
  }

  /**
   * A bare number picks the choice printed with that number in the last reply that offered choices (one out of range
   * is told the range); anything else goes to the tutor.
   */
  async answer(line: string, handling: HandleOptions = {}): Promise<Reply> {
    const picked = this.choices.length > 0 ? CHOICE_NUMBER.exec(line.normalize('NFKC')) : null;
    let reply: Reply;
    if (picked) {
      const number = Number(picked[1]);
      const button = this.choices[number - 1];
      if (!button) return this.outOfRange(number);
      reply = await this.tutor.press({ buttonId: button.id, ...this.asker }, handling);
    } else {
      reply = await this.tutor.handleText(line, this.asker, handling);
    }
    if (reply.buttons.length > 0) this.choices = reply.buttons;
    return reply;
  }

  /** A delivery that arrived without a command waiting for it (sent before a restart of this terminal). */
  showLate(delivery: Pick<Delivery, 'reply' | 'final'>): void {
    const { reply, final } = delivery;
    if (final && reply.buttons.length > 0) this.choices = reply.buttons;
    if (this.session) this.session.showLate(reply, final);
    else this.print(reply, final);
  }

  /** "There is no choice 7: pick 1–5", in the asker's language; the choices stay those shown. */
  private async outOfRange(number: number): Promise<Reply> {
    const locale = await this.tutor.localeFor(this.asker).catch(() => 'en' as const);
    const count = this.choices.length;
    const key = count === 1 ? 'terminal.pickOnly' : 'terminal.pickRange';
    return localize({ command: 'choice', locale, text: t(locale, key, { number, count }), buttons: [], error: { code: 'option_out_of_range', key } });
  }

  private print(reply: Reply, final = true): void {
    if (this.options.json) {
      const imagePath = final && reply.image ? this.images.save(reply.image.base64) : undefined;
      this.options.output.write(renderJson(reply, final, imagePath));
      return;
    }
    this.options.output.write(this.render(reply, final));
  }

  /** A reply as a person reads it: the heatmap as coloured blocks on a TTY, the saved image's path. */
  private render(reply: Reply, final: boolean): string {
    const color = this.options.interactive;
    let text = renderForHumans(reply, color);
    if (color && reply.heatmap) {
      const columns = (this.options.output as Partial<NodeJS.WriteStream>).columns;
      text = `${blockHeatmap(reply.heatmap.labels, reply.heatmap.weights, columns)}\n\n${text}`;
    }
    if (final && reply.image) text += `\n🖼  ${this.images.save(reply.image.base64)}\n`;
    return text;
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
