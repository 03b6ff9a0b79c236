import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../src/core/lessons/types.js';
import { LANGS } from '../../src/core/locale.js';
import { toPlainText } from '../../src/core/markdown.js';
import { renderParts } from '../../src/adapters/discord/render.js';
import { escapeHtml, messageParts } from '../../src/adapters/telegram/html.js';
import { FACTS, lesson, TOPICS } from '../support/content.js';
import { asker, offlineRuntime } from './fixtures.js';

const DISCORD_MAX_CONTENT_LENGTH = 2_000;
// Room left for a did-you-mean line above a lesson, so the reply still fits one message.
const DID_YOU_MEAN_CHARS = 100;
// The seed article (a copy of shared/seed, kept so a clone can test alone), without its editor's note.
const SEED = readFileSync(new URL('../fixtures/seed-understanding-gpt.zh.txt', import.meta.url), 'utf8').split('----\n')[1]!;
const COPY_WINDOW_CHARS = 12;
// Jaccard similarity of shingles between two levels of one lesson; measured 0.02–0.2 on distinct texts.
const MAX_LEVEL_SIMILARITY = 0.3;

// Where the seed is loose, the beginner and expert levels say it right.
const CORRECTIONS: Record<string, { en: RegExp; zh: RegExp }> = {
  gpt: { en: /decoder-only/i, zh: /仅解码器|decoder-only/ },
  transformer: { en: /decoder-only/i, zh: /仅解码器|decoder-only/ },
  pretraining: { en: /BERT/, zh: /BERT/ },
  attention: { en: /softmax/i, zh: /softmax/i },
  'encoder-decoder': { en: /decoder-only|only the decoder|no encoder/i, zh: /仅解码器|只保留解码器|只有解码器|没有编码器|decoder-only/ },
  'decoder-only': { en: /causal/i, zh: /因果/ },
  qkv: { en: /mix|blend|weighted (sum|average)|AV|weights/i, zh: /混合|加权|AV|权重/ },
};

/** Shingles that compare wording: word pairs in English, character pairs in Chinese (no spaces). */
function shingles(text: string): Set<string> {
  const units = /\p{Script=Han}/u.test(text) ? [...text.replace(/\s+/g, '')] : text.toLowerCase().split(/\W+/).filter(Boolean);
  return new Set(units.slice(1).map((unit, i) => `${units[i]} ${unit}`));
}
function similarity(a: string, b: string): number {
  const x = shingles(a);
  const y = shingles(b);
  const shared = [...x].filter((gram) => y.has(gram)).length;
  return shared / (x.size + y.size - shared);
}

describe('lessons', () => {
  it('exist for every topic, language and level', () => {
    for (const lang of LANGS) for (const topic of TOPICS) for (const level of LEVELS) expect(lesson(lang, topic.id).levels[level].trim().length, `${lang} ${topic.id} ${level}`).toBeGreaterThan(200);
  });

  it('link only to topics that exist', () => {
    const ids = new Set(TOPICS.map((topic) => topic.id));
    for (const topic of TOPICS) for (const id of [...topic.related, ...topic.prerequisites]) expect(ids.has(id), `${topic.id} → ${id}`).toBe(true);
  });

  it('teach their key facts at every level in both languages', () => {
    for (const topic of TOPICS) {
      for (const lang of LANGS) {
        for (const level of LEVELS) {
          for (const fact of FACTS[lang][topic.id]!) expect(toPlainText(lesson(lang, topic.id).levels[level]), `${lang} ${topic.id} ${level}`).toMatch(fact);
        }
      }
    }
  });

  it('correct the seed where it is loose', () => {
    for (const [id, rule] of Object.entries(CORRECTIONS)) {
      for (const lang of LANGS) for (const level of ['beginner', 'expert'] as const) expect(toPlainText(lesson(lang, id).levels[level]), `${lang} ${id} ${level}`).toMatch(rule[lang]);
    }
  });

  it('are three different texts, not rewordings of one', () => {
    for (const lang of LANGS) {
      for (const topic of TOPICS) {
        const { kid, beginner, expert } = lesson(lang, topic.id).levels;
        for (const [a, b] of [[kid, beginner], [beginner, expert], [kid, expert]] as const) {
          expect(similarity(a, b), `${lang} ${topic.id}`).toBeLessThan(MAX_LEVEL_SIMILARITY);
        }
      }
    }
  });

  it('copy no sentence of the seed (no shared run of 12 characters with Chinese in it)', () => {
    const seed = SEED.replace(/\s+/g, '');
    const windows = new Set<string>();
    for (let i = 0; i + COPY_WINDOW_CHARS <= seed.length; i++) windows.add(seed.slice(i, i + COPY_WINDOW_CHARS));
    for (const lang of LANGS) {
      for (const topic of TOPICS) {
        const { title, summary, levels } = lesson(lang, topic.id);
        const text = [title, summary, ...Object.values(levels)].join('').replace(/\s+/g, '');
        for (let i = 0; i + COPY_WINDOW_CHARS <= text.length; i++) {
          const window = text.slice(i, i + COPY_WINDOW_CHARS);
          if (/\p{Script=Han}/u.test(window)) expect(windows.has(window), `${lang} ${topic.id}: “${window}”`).toBe(false);
        }
      }
    }
  });

  it('reach every platform whole: kid and beginner in one Discord message, experts split with each code block intact', async () => {
    const runtime = await offlineRuntime();
    for (const locale of ['en', 'zh', 'zh-Hant']) {
      for (const topic of TOPICS) {
        for (const level of LEVELS) {
          const reply = await runtime.tutor.handleText(`/explain topic:${topic.id} level:${level}`, asker({ locale: locale === 'zh-Hant' ? 'zh-TW' : locale, platform: 'terminal' }));
          const where = `${locale} ${topic.id} ${level}`;
          expect(reply.topic).toBe(topic.id);
          if (level !== 'expert') expect(reply.text.length + DID_YOU_MEAN_CHARS, where).toBeLessThanOrEqual(DISCORD_MAX_CONTENT_LENGTH);
          const discord = renderParts(reply.text);
          const telegram = messageParts(reply.text);
          for (const part of discord) {
            expect(part.length, where).toBeLessThanOrEqual(DISCORD_MAX_CONTENT_LENGTH);
            expect((part.match(/^```/gm) ?? []).length % 2, `${where}: a fence left open`).toBe(0);
          }
          for (const part of telegram) expect(part.split('<pre>').length, `${where}: <pre> balanced`).toBe(part.split('</pre>').length);
          // A code block that fits one message is never cut: its whole body is in one part on both platforms.
          for (const block of reply.text.matchAll(/```\w*\n([\s\S]*?)\n```/g)) {
            const body = block[1]!;
            expect(discord.some((part) => part.includes(body)), `${where}: Discord cut a code block`).toBe(true);
            expect(telegram.some((part) => part.includes(escapeHtml(body))), `${where}: Telegram cut a code block`).toBe(true);
          }
        }
      }
    }
    await runtime.close();
  });
});
