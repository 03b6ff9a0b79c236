/**
 * A newcomer's first lines in the terminal (`npm start --json`, offline, the shipped model), in English, Simplified
 * and Traditional Chinese: the lesson list is its choices, "did you mean" offers choices, a miss stays short, `/` alone
 * explains commands, and /help shows the ranges.
 */
import { describe, expect, it } from 'vitest';
import { cleanEnv, jsonLines, runTutor, type JsonReply } from '../support/child.js';
import { TOPICS } from '../support/content.js';

const FIRST_LINES = ['/explain', '/explain sampl', '/explain 6', '/', '/help generate'];
const RUNS = [
  { name: 'en', env: {}, before: [], lang: 'en', locale: 'en' },
  { name: 'zh (LANG=zh_CN.UTF-8)', env: { LANG: 'zh_CN.UTF-8' }, before: [], lang: 'zh', locale: 'zh' },
  { name: 'zh-Hant (/lang zh-Hant)', env: {}, before: ['/lang zh-Hant'], lang: 'zh', locale: 'zh-Hant' },
] as const;

describe('terminal: the first choices a newcomer meets', () => {
  for (const run of RUNS) {
    it(`are short and offered once, in ${run.name}`, async () => {
      const result = await runTutor([...run.before, ...FIRST_LINES], { env: cleanEnv(run.env) });
      expect(result.code).toBe(0);
      const replies = jsonLines(result.stdout).filter((reply) => reply.final).slice(run.before.length);
      const [list, guess, miss, slash, help] = replies as [JsonReply, JsonReply, JsonReply, JsonReply, JsonReply];
      for (const reply of replies) expect(reply).toMatchObject({ lang: run.lang, locale: run.locale });

      // The lesson list is its buttons: one intro line, the lessons in learning order, nothing else.
      expect(list.text.split('\n')).toHaveLength(1);
      expect(list.buttons).toHaveLength(TOPICS.length);
      // "Did you mean": a question and choices, no lesson printed after it.
      expect(guess.topic).toBeNull();
      expect(guess.text.split('\n')).toHaveLength(1);
      expect(guess.buttons.length).toBeGreaterThanOrEqual(2);
      expect(new Set(guess.buttons.map((button) => button.id)).size).toBe(guess.buttons.length);
      // Each lesson choice carries its one-line summary in --json too.
      expect(guess.buttons.filter((button) => button.description).length).toBeGreaterThanOrEqual(1);
      // A miss: one line and a few lessons, the full list one choice away.
      expect(miss.topic).toBeNull();
      expect(miss.text.split('\n')).toHaveLength(1);
      expect(miss.buttons.length).toBeLessThanOrEqual(4);
      // `/` alone: how to type a command.
      expect(slash.text).toContain('/help');
      expect(slash.topic).toBeNull();
      // Ranges from the command's definition.
      expect(help.text).toMatch(/max_new_tokens`\s?[(（]1–200[)）]/);
    });
  }
});
