import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createLogUpdate } from 'log-update';
import { t, toScript, type UiKey } from '../../core/i18n.js';
import type { Locale } from '../../core/locale.js';
import type { Reply } from '../../core/reply.js';
import type { HandleOptions } from '../../core/tutor.js';
import { EchoOutput } from './echo-output.js';
import { dimmed } from './render.js';
import { wrapText } from './wrap.js';

const PROMPT = '› ';
/** Lines typed while an answer streams wait for it; a paste of more than this many is cut (no runaway queue). */
const TYPED_AHEAD_MAX = 20;
/** Typed commands kept for ↑ / ↓. */
const HISTORY_SIZE = 100;

/** What the session asks of the adapter: answers to lines, and replies rendered as text. */
export interface Conversation {
  answer(line: string, handling: HandleOptions): Promise<Reply>;
  render(reply: Reply, final: boolean): string;
}

interface Answering {
  stop: AbortController;
  /** The latest update's text on screen, kept when the answer is stopped. */
  frame: string;
}

/**
 * A person at a TTY: readline draws the prompt and echoes typing; a streamed reply is redrawn in place (log-update)
 * and left on screen once, final; a blank line separates replies. While an answer streams, readline's echo is muted
 * (what is typed waits, shown when its turn comes) and Ctrl-C stops the answer. At an empty prompt Ctrl-C works as
 * in node's REPL — the first press says how to exit, a second exits — and Ctrl-D exits.
 */
export class InteractiveSession {
  private readonly echo: EchoOutput;
  private readonly live: ReturnType<typeof createLogUpdate>;
  private readonly lines: Interface;
  private answering: Answering | undefined;
  private readonly typedAhead: string[] = [];
  /** Final replies that came unasked (sent before a restart) while another answer streamed. */
  private readonly lateReplies: Reply[] = [];
  /** The language of the latest reply: the terminal's own lines (stopped, exit hint) follow it, without a lookup. */
  private locale: Locale = 'en';
  private sawInterrupt = false;
  private closed = false;
  private ended: { resolve: () => void; reject: (error: unknown) => void } | undefined;

  constructor(
    private readonly conversation: Conversation,
    input: Readable,
    private readonly output: NodeJS.WriteStream,
  ) {
    this.echo = new EchoOutput(output);
    this.live = createLogUpdate(output);
    this.lines = createInterface({ input, output: this.echo, terminal: true, prompt: PROMPT, historySize: HISTORY_SIZE, crlfDelay: Infinity });
  }

  /** The welcome, then lines until Ctrl-D, a second Ctrl-C, or the end of input. */
  async run(): Promise<void> {
    const ended = new Promise<void>((resolve, reject) => (this.ended = { resolve, reject }));
    this.lines.on('line', (line) => this.onLine(line));
    this.lines.on('SIGINT', () => this.onInterrupt());
    this.lines.on('close', () => this.onClose());
    this.carryOn(this.take('/start', { typed: true }));
    await ended;
  }

  /** A reply nobody here asked for: shown between prompts (a final only: its updates would interleave). */
  showLate(reply: Reply, final: boolean): void {
    if (!final || this.closed) return;
    if (this.answering) {
      this.lateReplies.push(reply);
      return;
    }
    // Over the prompt line, which readline draws again under the reply, with whatever was typed on it.
    clearLine(this.output, 0);
    cursorTo(this.output, 0);
    this.persist(this.conversation.render(reply, true));
    this.prompt();
  }

  private onLine(line: string): void {
    this.sawInterrupt = false;
    if (this.answering) {
      if (this.typedAhead.length < TYPED_AHEAD_MAX) this.typedAhead.push(line);
      return;
    }
    this.carryOn(this.take(line, { typed: true }));
  }

  /** A failure nobody expected (handle answers errors with replies) ends the session with it, as piped input does. */
  private carryOn(work: Promise<void>): void {
    work.catch((error: unknown) => {
      this.closed = true;
      this.lines.close();
      this.ended?.reject(error);
    });
  }

  /** Answers a line, then the lines typed meanwhile, then draws the prompt. */
  private async take(line: string, how: { typed: boolean }): Promise<void> {
    if (line.trim() === '') {
      if (how.typed) this.lines.prompt();
    } else {
      // A line typed while the previous answer streamed was not echoed: it is shown as if typed now, at a prompt.
      if (!how.typed) this.output.write(`\n${PROMPT}${line}\n`);
      // Stopped (Ctrl-C): the prompt is back already, and what was typed ahead is dropped.
      if (!(await this.respond(line))) return;
    }
    if (this.closed) return;
    const next = this.typedAhead.shift();
    if (next !== undefined) return this.take(next, { typed: false });
    if (line.trim() !== '') this.prompt();
  }

  /** Shows the answer to a line, streamed in place; false when it was stopped. */
  private async respond(line: string): Promise<boolean> {
    const answering: Answering = { stop: new AbortController(), frame: '' };
    this.answering = answering;
    this.echo.muted = true;
    const onUpdate = (update: Reply) => {
      if (this.answering !== answering) return;
      this.locale = update.locale;
      answering.frame = this.conversation.render(update, false);
      this.redraw(answering.frame);
    };
    try {
      const reply = await this.conversation.answer(line, { onUpdate, signal: answering.stop.signal });
      // Stopped meanwhile: already shown as stopped, and what came after is not shown.
      if (this.answering !== answering) return false;
      this.locale = reply.locale;
      this.persist(this.conversation.render(reply, true));
      return true;
    } catch (error) {
      if (this.answering !== answering) return false;
      this.showStopped(answering);
      throw error;
    } finally {
      if (this.answering === answering) this.finishAnswering();
    }
  }

  /** The answer's latest frame stays, marked as stopped. */
  private showStopped(answering: Answering): void {
    answering.stop.abort();
    this.persist(`${answering.frame}${dimmed(this.say('terminal.stopped'), true)}\n`);
  }

  /** Ctrl-C: stops a streaming answer; at the prompt clears the line, or says how to exit, or exits. */
  private onInterrupt(): void {
    const answering = this.answering;
    if (answering) {
      // Back to the prompt at once: the answer's tail (and the lines typed meanwhile) are dropped.
      this.showStopped(answering);
      this.finishAnswering();
      this.typedAhead.length = 0;
      this.forgetTypedLine();
      this.prompt();
      return;
    }
    if (this.lines.line.length > 0) {
      // As node's REPL does: the line stays on screen as typed, and a fresh prompt starts under it.
      this.sawInterrupt = false;
      this.lines.write(null, { ctrl: true, name: 'e' });
      this.output.write('\n');
      this.forgetTypedLine();
      this.lines.prompt();
      return;
    }
    if (this.sawInterrupt) {
      this.lines.close();
      return;
    }
    this.sawInterrupt = true;
    this.output.write(`\n${dimmed(this.say('terminal.exitHint'), true)}\n`);
    this.lines.prompt();
  }

  /** Ctrl-D, a second Ctrl-C or the end of input: an answer still streaming is stopped, and the session ends. */
  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    const answering = this.answering;
    if (answering) {
      this.showStopped(answering);
      this.finishAnswering();
    } else {
      // The shell's prompt starts on a line of its own, not after "› ".
      this.output.write('\n');
    }
    this.ended?.resolve();
  }

  private finishAnswering(): void {
    this.answering = undefined;
    this.echo.muted = false;
    for (const reply of this.lateReplies.splice(0)) this.persist(this.conversation.render(reply, true));
  }

  /** A blank line after the reply, then the prompt with whatever was typed ahead on it. */
  private prompt(): void {
    if (this.closed) return;
    this.output.write('\n');
    this.lines.prompt(true);
  }

  /** Empties what readline holds on its line (cursor to the end, then delete to the start), without drawing. */
  private forgetTypedLine(): void {
    const wasMuted = this.echo.muted;
    this.echo.muted = true;
    this.lines.write(null, { ctrl: true, name: 'e' });
    this.lines.write(null, { ctrl: true, name: 'u' });
    this.echo.muted = wasMuted;
  }

  /**
   * The streamed frame, in place of the one before. log-update 7's line-by-line patch loses lines when a frame grows
   * in the middle (a new step above an unchanged footer), so each frame replaces the last whole: erased, then written
   * (corked, the two reach the terminal as one write, without a blank flash between).
   */
  private redraw(frame: string): void {
    this.output.cork();
    this.live.clear();
    this.live(this.wrap(frame));
    this.output.uncork();
  }

  /**
   * Leaves text on screen for good, in place of the streamed frame if there is one. Written past log-update, whose
   * frames are cut to the terminal's height: a lesson taller than the window scrolls, whole, as any output does.
   */
  private persist(text: string): void {
    this.output.cork();
    this.live.clear();
    this.live.done();
    this.output.write(this.wrap(text));
    this.output.uncork();
  }

  private wrap(text: string): string {
    return wrapText(text, this.output.columns ?? Number.POSITIVE_INFINITY);
  }

  private say(key: UiKey): string {
    return toScript(this.locale, t(this.locale, key));
  }
}
