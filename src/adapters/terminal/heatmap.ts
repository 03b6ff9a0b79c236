/**
 * The attention heatmap as coloured blocks in a terminal (256-colour ANSI), for people at a TTY: one row per
 * token, two character cells per column, darker = less attention. Labels are cut to a few columns.
 */

// A viridis-like ramp in the xterm 256-colour cube, from dark purple (0) to yellow (1).
const RAMP = [53, 54, 55, 61, 67, 68, 73, 72, 71, 70, 106, 142, 178, 184, 220, 226];
const LABEL_WIDTH = 8;

export function blockHeatmap(labels: string[], weights: number[][]): string {
  const max = Math.max(1e-9, ...weights.flat());
  const short = labels.map((label) => fit(label.replace(/\s/g, '␠'), LABEL_WIDTH));
  const lines = weights.map((row, i) => {
    const cells = row
      .map((weight, j) => {
        if (j > i) return '  ';
        const colour = RAMP[Math.min(RAMP.length - 1, Math.floor((weight / max) * RAMP.length))]!;
        return `\x1b[48;5;${colour}m  \x1b[0m`;
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
    const w = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
    if (used + w > width) break;
    out += char;
    used += w;
  }
  return out + ' '.repeat(width - used);
}
