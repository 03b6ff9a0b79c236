/**
 * Chooses the attention head `/attention` shows by default and records it in the model's manifest.json
 * (`attention_default`): the head whose pattern is clearest once the attention sink is set aside (training/head-score.ts),
 * on the fixed sentences of training/attention-sentences.json, through the int8 probe the tutor ships and shows.
 * Run by build_model.py after export; alone: node --import tsx training/choose-head.ts [modelFolder]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTinyGpt } from '../src/model/index.js';
import { DEFAULT_MODELS_DIR, TINY_GPT_NAME } from '../src/model/paths.js';
import { scoreHead, type HeadMap } from './head-score.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const SENTENCES_FILE = join(HERE, 'attention-sentences.json');

export interface HeadChoice {
  layer: number;
  head: number;
  pattern: 'previous-token' | 'copy';
  sink_free_score: number;
  /** The same score for uniform attention: how far above chance the chosen head is. */
  chance_score: number;
  first_token_mass: number;
  why: string;
}

/** Every head's score on the sentences, and the best (lowest layer, then head, on a tie). */
export async function chooseHead(modelFolder: string): Promise<{ choice: HeadChoice; scores: number[][] }> {
  const { en, zh } = JSON.parse(readFileSync(SENTENCES_FILE, 'utf8')) as { en: string[]; zh: string[] };
  const gpt = await loadTinyGpt({ modelsDir: dirname(modelFolder), name: basename(modelFolder) });
  try {
    const { layers, heads } = gpt.info;
    const scores: number[][] = [];
    let best: HeadChoice | undefined;
    for (let layer = 0; layer < layers; layer++) {
      scores.push([]);
      for (let head = 0; head < heads; head++) {
        const maps: HeadMap[] = [];
        for (const sentence of [...en, ...zh]) maps.push(await gpt.probe!.attention(sentence, layer, head));
        const s = scoreHead(maps);
        scores[layer]!.push(round(s.score));
        if (!best || s.score > best.sink_free_score) {
          best = {
            layer, head, pattern: s.pattern, sink_free_score: s.score, chance_score: round(s.chance), first_token_mass: round(s.firstTokenMass),
            why: `the clearest ${s.pattern} pattern once the first token's weight (the attention sink) is set aside, on the en and zh sentences of training/attention-sentences.json`,
          };
        }
      }
    }
    return { choice: { ...best!, sink_free_score: round(best!.sink_free_score) }, scores };
  } finally {
    await gpt.close();
  }
}

const round = (value: number) => Math.round(value * 1e4) / 1e4;

async function main(): Promise<void> {
  const folder = resolve(process.argv[2] ?? join(DEFAULT_MODELS_DIR, TINY_GPT_NAME));
  const { choice, scores } = await chooseHead(folder);
  const manifestPath = join(folder, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  manifest['attention_default'] = choice;
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify({ attention_default: choice, scores })}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
