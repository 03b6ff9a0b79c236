/**
 * Attention heatmap as a PNG: an SVG (cells, labels drawn as glyph outlines from the shipped font, a colour scale)
 * rendered by sharp. Rows are the positions that look, columns the positions looked at; causal maps leave the
 * upper right empty.
 */
import sharp from 'sharp';
import type { AttentionMap } from '../core/model-port.js';
import { inkOn, viridis } from './colors.js';
import { textPath, textWidth } from './font.js';
import { displayLabel } from './labels.js';

export interface HeatmapOptions {
  /** Side of one cell in pixels (default: fits about 640 px of grid, between 14 and 48). */
  cellSize?: number;
  /** Title line; default "Attention · layer L/Ls · head H/Hs" (1-based for readers). */
  title?: string;
  /** Axis captions, for a reader's language. */
  rowsCaption?: string;
  columnsCaption?: string;
  /** Print each weight in its cell when cells are big enough (default true). */
  showValues?: boolean;
}

const MARGIN = 16;
const TITLE_SIZE = 18;
const CAPTION_SIZE = 12;
const LEGEND_WIDTH = 16;
const LEGEND_GAP = 24;
const FUTURE_FILL = '#e6e6e6';

export interface HeatmapLayout {
  width: number;
  height: number;
  cell: number;
  labelSize: number;
  gridX: number;
  gridY: number;
  labels: string[];
}

export function defaultTitle(map: AttentionMap): string {
  return `Attention · layer ${map.layer + 1}/${map.layers} · head ${map.head + 1}/${map.heads}`;
}

/** Where everything goes; the PNG is exactly width × height. */
export function heatmapLayout(map: AttentionMap, options: HeatmapOptions = {}): HeatmapLayout {
  const n = map.tokens.length;
  const cell = Math.round(options.cellSize ?? Math.min(48, Math.max(14, Math.floor(640 / Math.max(1, n)))));
  const labelSize = Math.max(9, Math.min(16, Math.round(cell * 0.5)));
  const labels = map.tokens.map(displayLabel);
  const labelExtent = Math.ceil(Math.max(labelSize, ...labels.map((l) => textWidth(l, labelSize)))) + 8;
  const gridX = MARGIN + CAPTION_SIZE + 8 + labelExtent;
  const gridY = MARGIN + TITLE_SIZE + 12 + CAPTION_SIZE + 8 + labelExtent;
  const legendLabel = Math.ceil(textWidth('0.00', CAPTION_SIZE));
  const width = gridX + n * cell + LEGEND_GAP + LEGEND_WIDTH + 6 + legendLabel + MARGIN;
  const minWidth = MARGIN * 2 + Math.ceil(textWidth(options.title ?? defaultTitle(map), TITLE_SIZE));
  return { width: Math.max(width, minWidth), height: gridY + n * cell + MARGIN, cell, labelSize, gridX, gridY, labels };
}

/** Centre a label on (cx, baseline). */
function centred(text: string, cx: number, baseline: number, size: number, fill: string): string {
  return textPath(text, cx - textWidth(text, size) / 2, baseline, size, fill);
}

function legend(x: number, y: number, height: number, max: number): string {
  const stops = Array.from({ length: 11 }, (_, i) => `<stop offset="${i / 10}" stop-color="${viridis(1 - i / 10)}"/>`);
  const ticks = [max, max / 2, 0].map((v, i) => {
    const ty = y + (height * i) / 2;
    return `<rect x="${x + LEGEND_WIDTH}" y="${ty - 0.5}" width="4" height="1" fill="#333"/>` +
      textPath(v.toFixed(2), x + LEGEND_WIDTH + 6, ty + CAPTION_SIZE / 2 - 1, CAPTION_SIZE, '#333');
  });
  return `<defs><linearGradient id="scale" x1="0" y1="0" x2="0" y2="1">${stops.join('')}</linearGradient></defs>` +
    `<rect x="${x}" y="${y}" width="${LEGEND_WIDTH}" height="${height}" fill="url(#scale)" stroke="#333" stroke-width="0.5"/>` +
    ticks.join('');
}

/** The SVG document (exported for inspection; renderAttentionHeatmap turns it into a PNG). */
export function heatmapSvg(map: AttentionMap, options: HeatmapOptions = {}): string {
  const L = heatmapLayout(map, options);
  const n = map.tokens.length;
  // The colour scale runs from 0 to the largest weight shown, so diffuse maps stay readable; the legend says so.
  const max = Math.max(1e-6, ...map.weights.flat());
  const parts: string[] = [`<rect width="${L.width}" height="${L.height}" fill="#ffffff"/>`];
  parts.push(textPath(options.title ?? defaultTitle(map), MARGIN, MARGIN + TITLE_SIZE, TITLE_SIZE, '#111'));
  const cols = options.columnsCaption ?? 'looked at →';
  parts.push(textPath(cols, L.gridX, MARGIN + TITLE_SIZE + 12 + CAPTION_SIZE, CAPTION_SIZE, '#555'));
  const rows = options.rowsCaption ?? 'looking ↓';
  const rowsX = MARGIN + CAPTION_SIZE;
  parts.push(`<g transform="rotate(-90 ${rowsX} ${L.gridY})">${textPath(rows, rowsX - textWidth(rows, CAPTION_SIZE), L.gridY, CAPTION_SIZE, '#555')}</g>`);
  const showValues = (options.showValues ?? true) && L.cell >= 34;
  for (let i = 0; i < n; i++) {
    const label = L.labels[i] ?? '';
    const baseline = L.gridY + i * L.cell + L.cell / 2 + L.labelSize * 0.35;
    parts.push(textPath(label, L.gridX - 6 - textWidth(label, L.labelSize), baseline, L.labelSize, '#111'));
    // A column label that fits its cell stands upright (Chinese reads best so); longer ones read upwards.
    const cx = L.gridX + i * L.cell + L.cell / 2;
    if (textWidth(label, L.labelSize) <= L.cell - 4) parts.push(centred(label, cx, L.gridY - 6, L.labelSize, '#111'));
    else {
      const x = cx + L.labelSize * 0.35;
      parts.push(`<g transform="rotate(-90 ${x} ${L.gridY - 6})">${textPath(label, x, L.gridY - 6, L.labelSize, '#111')}</g>`);
    }
    for (let j = 0; j < n; j++) {
      const w = map.weights[i]?.[j] ?? 0;
      const x = L.gridX + j * L.cell;
      const y = L.gridY + i * L.cell;
      // The future (right of the diagonal) is masked in a causal model: grey, not the colour of weight 0.
      const fill = j > i && w === 0 ? FUTURE_FILL : viridis(w / max);
      parts.push(`<rect x="${x}" y="${y}" width="${L.cell}" height="${L.cell}" fill="${fill}"/>`);
      if (showValues && j <= i) {
        const size = Math.round(L.cell * 0.3);
        parts.push(centred(w.toFixed(2).replace(/^0/, ''), x + L.cell / 2, y + L.cell / 2 + size * 0.35, size, inkOn(w / max)));
      }
    }
  }
  parts.push(`<rect x="${L.gridX}" y="${L.gridY}" width="${n * L.cell}" height="${n * L.cell}" fill="none" stroke="#333" stroke-width="0.5"/>`);
  parts.push(legend(L.gridX + n * L.cell + LEGEND_GAP, L.gridY, n * L.cell, max));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${L.width}" height="${L.height}" viewBox="0 0 ${L.width} ${L.height}">${parts.join('')}</svg>`;
}

export async function renderAttentionHeatmap(map: AttentionMap, options: HeatmapOptions = {}): Promise<Buffer> {
  if (map.tokens.length === 0) throw new RangeError('nothing to draw: the attention map has no tokens');
  return sharp(Buffer.from(heatmapSvg(map, options))).png().toBuffer();
}
