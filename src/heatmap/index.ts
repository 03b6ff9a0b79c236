/** Drawing attention maps: a PNG heatmap with the shipped CJK font, and the same map in words. */
export { renderAttentionHeatmap, heatmapLayout, heatmapSvg, defaultTitle, type HeatmapOptions, type HeatmapLayout } from './heatmap.js';
export { renderAttentionText, strongestLinks, type AttentionLink } from './attention-text.js';
export { missingGlyphs, FONT_FILE } from './font.js';
export { displayLabel } from './labels.js';
