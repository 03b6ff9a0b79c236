/**
 * The attention heatmap as coloured blocks in a terminal (256-colour ANSI), for people at a TTY: one numbered row
 * per token (the token looking), numbered columns above (the token looked at, same numbers), two character cells
 * per column, and a scale below from no attention to the strongest weight shown. Labels are cut to a few columns.
 */

import { charWidth } from './wrap.js';

// A viridis-like ramp in the xterm 256-colour cube, from dark purple (0) to yellow (1).
const RAMP = [53, 54, 55, 61, 67, 68, 73, 72, 71, 70, 106, 142, 178, 184, 220, 226];
const LABEL_WIDTH = 8;
const INDEX_WIDTH = 2;
/** Row number, a space, the label, a space: where the first column starts. */
const GUTTER_WIDTH = INDEX_WIDTH + 1 + LABEL_WIDTH + 1;

const paint = (colour: number, cell: string) => `\x1b[48;5;${colour}m${cell}\x1b[0m`;

/**
 * The map in at most `maxColumns` columns: two cells per token while they fit, then one; a sentence too long even
 * for that shows its first tokens (the saved PNG has them all).
 */
export function blockHeatmap(labels: string[], weights: number[][], maxColumns = Number.POSITIVE_INFINITY): string {
  const room = maxColumns - GUTTER_WIDTH;
  const cell = weights.length * 2 <= room ? '  ' : ' ';
  const shown = Math.max(1, Math.min(weights.length, Math.floor(room / cell.length)));
  const max = Math.max(1e-9, ...weights.slice(0, shown).flatMap((row) => row.slice(0, shown)));
  const short = labels.map((label) => fit(label.replace(/\s/g, '␠'), LABEL_WIDTH));
  // Column numbers as a ruler: the last digit of each (…8 9 0 1…, as the row numbers count on), and with one-cell
  // columns only every fifth, so the digits never run together.
  const header = Array.from({ length: shown }, (_, j) => {
    const digit = String((j + 1) % 10);
    if (cell.length === 2) return ` ${digit}`;
    return (j + 1) % 5 === 0 || j === 0 ? digit : ' ';
  }).join('');
  const lines = weights.slice(0, shown).map((row, i) => {
    const cells = row
      .slice(0, shown)
      .map((weight, j) => (j > i ? cell : paint(RAMP[Math.min(RAMP.length - 1, Math.floor((weight / max) * RAMP.length))]!, cell)))
      .join('');
    return `${String(i + 1).padStart(INDEX_WIDTH)} ${short[i]} ${cells}`;
  });
  const scale = `${' '.repeat(GUTTER_WIDTH)}0 ${RAMP.map((colour) => paint(colour, ' ')).join('')} ${max.toFixed(2)}`; // two decimals, as the strongest links
  return [`${' '.repeat(GUTTER_WIDTH)}${header}`, ...lines, '', scale].join('\n');
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
