import { mkdirSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Default folder for saved images: one per user in the system's temporary folder (a folder shared by every user of
 * the machine would belong to whoever made it first, and the others could not write there). Made private (0700).
 */
export const DEFAULT_IMAGE_DIR = join(tmpdir(), `gpt-tutor-${process.getuid?.() ?? 'user'}`);

/**
 * How many heatmaps the folder keeps, all terminals together; older ones are deleted as new ones are saved.
 * Capped rather than deleted at exit: `--json` hands scripts the file's path, and they read it after the tutor has
 * exited (a session-only folder would be gone by then); 50 covers any session's recent ones.
 */
export const IMAGES_KEPT = 50;

const SAVED_NAME = /^attention-\d+-\d+\.png$/;

/** Saves attention PNGs for a terminal, which cannot show them inline everywhere: their paths are printed instead. */
export class ImageFolder {
  private saved = 0;

  constructor(
    private readonly dir: string,
    private readonly kept = IMAGES_KEPT,
  ) {}

  /** Writes the PNG and returns its path; the oldest of the folder's images beyond the cap are deleted. */
  save(base64: string): string {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.saved += 1;
    const path = join(this.dir, `attention-${process.pid}-${this.saved}.png`);
    writeFileSync(path, Buffer.from(base64, 'base64'));
    this.prune(path);
    return path;
  }

  /** Only files this class names are touched: the folder may be one the user chose, with files of their own. */
  private prune(justSaved: string): void {
    const images = readdirSync(this.dir)
      .filter((name) => SAVED_NAME.test(name) && join(this.dir, name) !== justSaved)
      .flatMap((name) => {
        const path = join(this.dir, name);
        try {
          return [{ path, modifiedMs: statSync(path).mtimeMs }];
        } catch {
          return []; // deleted meanwhile by another terminal
        }
      })
      .sort((a, b) => b.modifiedMs - a.modifiedMs);
    for (const old of images.slice(Math.max(0, this.kept - 1))) {
      try {
        unlinkSync(old.path);
      } catch {
        // Another terminal pruned it first.
      }
    }
  }
}
