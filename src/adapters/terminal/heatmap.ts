/**
 * The attention heatmap as coloured blocks in a terminal (256-colour ANSI), for people at a TTY: one row per
 * token, two character cells per column, darker = less attention. Labels are cut to a few columns.
 */

import { charWidth } from './wrap.js';

// A viridis-like ramp in the xterm 256-colour cube, from dark purple (0) to yellow (1).
const RAMP = [53, 54, 55, 61, 67, 68, 73, 72, 71, 70, 106, 142, 178, 184, 220, 226];
const LABEL_WIDTH = 8;

/**
 * The map in at most `maxColumns` columns: two cells per token while they fit, then one; a sentence too long even
 * for that shows its first tokens (the saved PNG has them all).
 */
export function blockHeatmap(labels: string[], weights: number[][], maxColumns = Number.POSITIVE_INFINITY): string {
  const room = maxColumns - LABEL_WIDTH - 1;
  const cell = weights.length * 2 <= room ? '  ' : ' ';
  const shown = Math.max(1, Math.min(weights.length, Math.floor(room / cell.length)));
  const max = Math.max(1e-9, ...weights.flat());
  const short = labels.map((label) => fit(label.replace(/\s/g, '␠'), LABEL_WIDTH));
  const lines = weights.slice(0, shown).map((row, i) => {
    const cells = row
      .slice(0, shown)
      .map((weight, j) => {
        if (j > i) return cell;
        const colour = RAMP[Math.min(RAMP.length - 1, Math.floor((weight / max) * RAMP.length))]!;
        return `\x1b[48;5;${colour}m${cell}\x1b[0m`;
      })
      .join('');
    return `${short[i]} ${cells}`;
  });
  return lines.join('\n');
}

/** Cuts or pads to a display width, counting CJK characters as two columns. */
function fit(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const char of text) {
    const w = charWidth(char);
    if (used + w > width) break;
    out += char;
    used += w;
  }
  return out + ' '.repeat(width - used);
}
