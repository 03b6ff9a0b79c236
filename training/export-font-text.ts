/**
 * Writes the text whose characters the heatmap font must have (training/subset_font.py reads it): every text
 * as the tutor shows it (lessons, quiz and UI strings in English and Simplified Chinese), and every Chinese text the tutor shows
 * again as Taiwan (zh-Hant) and Hong Kong (zh-HK) readers get it, since replies and heatmap titles are converted.
 * Usage: node --import tsx training/export-font-text.ts [outFile]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContent } from '../src/content/load.js';
import { installShippedStrings, SHIPPED_CONTENT_DIR } from '../src/content/shipped.js';
import { toScript } from '../src/core/i18n.js';
import { LOCALES, isTraditional } from '../src/core/locale.js';
import { chineseTexts } from './chinese-texts.js';
import { shownDocuments } from './export-corpus.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The corpus, then each Chinese text in every script the tutor writes (of locales/, or of another content folder). */
export async function fontText(contentDir = SHIPPED_CONTENT_DIR): Promise<string> {
  installShippedStrings();
  const docs = shownDocuments(contentDir);
  const chinese = chineseTexts(loadContent(contentDir)).map(({ text }) => text);
  const converted = LOCALES.filter(isTraditional).flatMap((locale) => chinese.map((text) => toScript(locale, text)));
  return [...docs, ...chinese, ...converted].join('\n');
}

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? join(ROOT, 'training', 'build', 'font-text.txt'));
  const text = await fontText();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  process.stdout.write(`${JSON.stringify({ out, characters: new Set(text).size })}\n`);
}

// Run as a script, not when a test imports fontText().
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
