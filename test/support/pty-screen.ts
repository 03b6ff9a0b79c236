/**
 * `npm start` in a real pseudo-terminal (@lydell/node-pty), its output drawn on a headless xterm (@xterm/headless):
 * tests read the SCREEN — what a person would see after every cursor move and redraw — never the byte stream.
 * Waits are for what appears on screen, each with a bounded deadline; nothing sleeps.
 */
import pty from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { REPO_ROOT } from './child.js';

const TUTOR = 'src/main/tutor-process.ts';
/** How long a wait for text on screen may take before the test fails with the screen in its message. */
export const SCREEN_WAIT_MS = 20_000;
const SCROLLBACK_LINES = 5_000;

export const KEYS = { enter: '\r', ctrlC: '\x03', ctrlD: '\x04' } as const;

export interface ScreenOptions {
  env: NodeJS.ProcessEnv;
  cols?: number;
  rows?: number;
}

export class PtyScreen {
  readonly exited: Promise<{ exitCode: number; signal?: number | undefined }>;
  private readonly terminal: InstanceType<typeof xterm.Terminal>;
  private readonly child: pty.IPty;
  private readonly watchers = new Set<() => void>();
  private hasExited = false;

  private constructor(options: ScreenOptions) {
    const cols = options.cols ?? 100;
    const rows = options.rows ?? 40;
    this.terminal = new xterm.Terminal({ cols, rows, scrollback: SCROLLBACK_LINES, allowProposedApi: true });
    this.child = pty.spawn(process.execPath, ['--import', 'tsx', TUTOR], { name: 'xterm-256color', cols, rows, cwd: REPO_ROOT, env: options.env });
    // Each chunk is parsed onto the screen before watchers look again.
    this.child.onData((data) => this.terminal.write(data, () => this.notify()));
    this.exited = new Promise((resolve) =>
      this.child.onExit((exit) => {
        this.hasExited = true;
        // Whatever was still being parsed lands first.
        this.terminal.write('', () => {
          this.notify();
          resolve(exit);
        });
      }),
    );
  }

  /** Starts the tutor and waits for its first prompt. */
  static async start(options: ScreenOptions): Promise<PtyScreen> {
    const screen = new PtyScreen(options);
    await screen.waitForPrompt(1);
    return screen;
  }

  /** Every line, scrollback included, right-trimmed. */
  text(): string {
    const buffer = this.terminal.buffer.active;
    const lines: string[] = [];
    // xterm trims only never-written cells: spaces a program wrote (readline's after the prompt) are trimmed here.
    for (let i = 0; i < buffer.length; i++) lines.push((buffer.getLine(i)?.translateToString(true) ?? '').trimEnd());
    return lines.join('\n').replace(/\n+$/, '');
  }

  /** The lines after the last one that matches `marker` (where a command was typed, say). */
  textAfter(marker: string): string {
    const text = this.text();
    const at = text.lastIndexOf(marker);
    return at === -1 ? '' : text.slice(at + marker.length);
  }

  /** Occurrences of `needle` on the whole screen and scrollback. */
  count(needle: string): number {
    return this.text().split(needle).length - 1;
  }

  /** Resolves with the screen once `until` holds for it; fails after a bounded wait with the screen in the message. */
  waitFor(until: (text: string) => boolean, what: string, timeoutMs = SCREEN_WAIT_MS): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const text = this.text();
        if (until(text)) {
          finish();
          resolve(text);
        } else if (this.hasExited) {
          finish();
          reject(new Error(`the tutor exited while waiting for ${what}; screen:\n${text}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`waited ${timeoutMs} ms for ${what}; screen:\n${this.text()}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.watchers.delete(check);
      };
      this.watchers.add(check);
      check();
    });
  }

  /** Waits until `needle` appears at least `times` times. */
  waitForText(needle: string, times = 1): Promise<string> {
    return this.waitFor(() => this.count(needle) >= times, `“${needle}” ×${times}`);
  }

  /** Waits for an empty prompt (`› `, right-trimmed) on the last line, the `prompts`-th prompt line on screen. */
  waitForPrompt(prompts: number): Promise<string> {
    return this.waitFor((text) => /(^|\n)›$/.test(text) && promptLines(text) >= prompts, `prompt #${prompts}`);
  }

  /** Lines on screen that are a prompt, typed on or empty: each new prompt adds one. */
  prompts(): number {
    return promptLines(this.text());
  }

  type(text: string): void {
    this.child.write(text);
  }

  /** Types a line and Enter. */
  send(line: string): void {
    this.child.write(`${line}${KEYS.enter}`);
  }

  kill(): void {
    if (!this.hasExited) this.child.kill('SIGKILL');
  }

  private notify(): void {
    for (const watcher of [...this.watchers]) watcher();
  }
}

function promptLines(text: string): number {
  return text.match(/^›( |$)/gm)?.length ?? 0;
}
