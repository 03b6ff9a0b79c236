import { Writable } from 'node:stream';

/**
 * readline's output: the terminal, except while an answer streams (`muted`), when typing is not echoed into the
 * text being redrawn in place. Reads as the terminal it stands for (columns, rows, resize), so readline wraps and
 * redraws its line as it would on the terminal itself.
 */
export class EchoOutput extends Writable {
  muted = false;

  constructor(private readonly terminal: NodeJS.WriteStream) {
    super();
    terminal.on('resize', () => this.emit('resize'));
  }

  get columns(): number {
    return this.terminal.columns;
  }

  get rows(): number {
    return this.terminal.rows;
  }

  get isTTY(): boolean {
    return this.terminal.isTTY;
  }

  override _write(chunk: Buffer | string, encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    // Passed on at once, not after the terminal's callback: a write held back here could land after text written
    // to the terminal directly (the reply), out of order on screen.
    if (!this.muted) this.terminal.write(chunk, encoding);
    done();
  }
}
