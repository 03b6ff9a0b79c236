/** The heatmap in words, for readers who cannot see the image: the strongest links between earlier and later text. */
import type { AttentionMap } from '../core/model-port.js';
import { displayLabel } from './labels.js';

export interface AttentionLink {
  /** Row index: the position that looks. */
  from: number;
  /** Column index: the earlier position it looks at. */
  to: number;
  fromText: string;
  toText: string;
  weight: number;
}

/**
 * The `topN` heaviest links from a position to an earlier one, heaviest first (ties: earlier rows first).
 * Self-links are left out: every position attends to itself somewhat, and the first one can only attend to itself.
 */
export function strongestLinks(map: AttentionMap, topN: number): AttentionLink[] {
  const links: AttentionLink[] = [];
  map.weights.forEach((row, from) => {
    row.forEach((weight, to) => {
      if (to < from) {
        links.push({ from, to, weight, fromText: displayLabel(map.tokens[from] ?? ''), toText: displayLabel(map.tokens[to] ?? '') });
      }
    });
  });
  links.sort((a, b) => b.weight - a.weight || a.from - b.from || a.to - b.to);
  return links.slice(0, Math.max(0, Math.floor(topN)));
}

/** One line per link, e.g. "猫 → 喜欢 (0.42)": the position on the left pays that share of its attention to the right. */
export function renderAttentionText(map: AttentionMap, topN = 5): string {
  return strongestLinks(map, topN)
    .map((l) => `${l.fromText} → ${l.toText} (${l.weight.toFixed(2)})`)
    .join('\n');
}
