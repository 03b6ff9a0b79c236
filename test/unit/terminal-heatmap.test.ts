/** The TTY heatmap's frame: numbered columns and rows, labels, the causal triangle left blank, and a scale. */
import { describe, expect, it } from 'vitest';
import { blockHeatmap } from '../../src/adapters/terminal/heatmap.js';

const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');
const weights = [[1], [0.6, 0.4], [0.2, 0.3, 0.5]];

describe('terminal heatmap', () => {
  it('numbers the columns above and the rows beside their labels (␠ for a space), with a scale to the strongest weight', () => {
    const lines = plain(blockHeatmap(['The', ' cat', ' sat'], weights)).split('\n');
    expect(lines[0]!.trimEnd()).toMatch(/^ +1 2 3$/);
    expect(lines[1]).toMatch(/^ 1 The {6}/);
    expect(lines[2]).toMatch(/^ 2 ␠cat {5}/);
    expect(lines.at(-1)).toMatch(/^ +0 {18}1\.00$/); // 0, the 16 colours of the ramp, the strongest weight
    // Column 1 starts under its number: the gutter is as wide in the header as in the rows.
    expect(lines[0]!.indexOf('1')).toBe(lines[1]!.indexOf('The') + 8 + 1 + 1);
  });

  it('paints only the causal triangle: a row has as many coloured cells as tokens up to itself', () => {
    const rows = blockHeatmap(['a', 'b', 'c'], weights).split('\n').slice(1, 4);
    expect(rows.map((row) => row.match(/\x1b\[48;5;\d+m/g)?.length)).toEqual([1, 2, 3]);
  });

  it('numbers ten and more columns by their last digit, so the ruler never runs digits together', () => {
    const n = 12;
    const square = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (j <= i ? 1 / (i + 1) : 0)));
    const header = plain(blockHeatmap(Array.from({ length: n }, (_, i) => `t${i}`), square)).split('\n')[0]!;
    expect(header.trim()).toBe('1 2 3 4 5 6 7 8 9 0 1 2');
  });
});
