/**
 * The choices and small messages a newcomer meets in the first minutes (issue 15), in English, Simplified and
 * Traditional Chinese, through the real offline tutor: lesson lists are the buttons themselves, "did you mean" offers
 * choices, no choice twice, and every odd input gets a clear, short answer.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTENTION_SHAPE } from '../../commands/attention.js';
import { explain } from '../../commands/explain/index.js';
import { generate } from '../../commands/generate/index.js';
import { loadConfig } from '../../src/config/config.js';
import { exampleFor } from '../../src/core/command.js';
import { toScript } from '../../src/core/i18n.js';
import { LEVELS } from '../../src/core/lessons/types.js';
import { toPlainText } from '../../src/core/markdown.js';
import type { GenerationResult, ModelKit } from '../../src/core/model-port.js';
import type { Reply } from '../../src/core/reply.js';
import type { Asker } from '../../src/core/tutor.js';
import { createRuntime, type Runtime } from '../../src/main/runtime.js';
import { lesson, TOPICS } from '../support/content.js';
import { BANK } from '../support/quiz.js';
import { asker, offlineRuntime } from './fixtures.js';

const LOCALES = [
  { tag: 'en', locale: 'en' },
  { tag: 'zh-CN', locale: 'zh' },
  { tag: 'zh-TW', locale: 'zh-Hant' },
] as const;
type Tag = (typeof LOCALES)[number]['tag'];
const zhText = (tag: Tag, text: string) => (tag === 'zh-TW' ? toScript('zh-Hant', text) : text);
const title = (tag: Tag, id: string) => (tag === 'en' ? lesson('en', id).title : zhText(tag, lesson('zh', id).title));

describe('the first minutes: choices and small messages', () => {
  let runtime: Runtime;
  let users = 0;
  // The terminal is exempt from rate limits; a fresh user per case keeps progress and rounds apart.
  const student = (tag: Tag, platform: Asker['platform'] = 'terminal') => asker({ locale: tag, userId: `first-${++users}`, platform });
  const say = (who: Asker, line: string) => runtime.tutor.handleText(line, who);
  const press = (who: Asker, id: string) => runtime.tutor.press({ buttonId: id, ...who });
  beforeAll(async () => {
    runtime = await offlineRuntime();
  });
  afterAll(() => runtime.close());

  for (const { tag, locale } of LOCALES) {
    describe(`in ${locale}`, () => {
      it('/explain lists the lessons once, as its buttons, after a one-line intro; button N opens lesson N', async () => {
        const who = student(tag);
        const list = await say(who, '/explain');
        expect(list.locale).toBe(locale);
        expect(list.buttons.map((button) => button.label)).toEqual(TOPICS.map((topic) => title(tag, topic.id)));
        expect(list.text.split('\n')).toHaveLength(1);
        for (const topic of TOPICS) expect(list.text).not.toContain(title(tag, topic.id));
        expect((await press(who, list.buttons[12]!.id)).topic).toBe(TOPICS[12]!.id);
      });

      it('"did you mean" offers choices with their summaries instead of a lesson, each once', async () => {
        const reply = await say(student(tag), '/explain sampl');
        expect(reply.topic).toBeNull();
        expect(toPlainText(reply.text).split('\n')).toHaveLength(1);
        const sampling = reply.buttons.find((button) => button.label === title(tag, 'sampling'));
        expect(sampling?.description).toBe(tag === 'en' ? lesson('en', 'sampling').summary : zhText(tag, lesson('zh', 'sampling').summary));
        expect(new Set(reply.buttons.map((button) => button.id)).size).toBe(reply.buttons.length);
      });

      it('no match: a short answer with a few lessons to try and the full list one press away', async () => {
        const reply = await say(student(tag), '/explain 6');
        expect(reply.topic).toBeNull();
        expect(reply.text).toMatch(/[“「]6[”」]/);
        expect(reply.text.split('\n')).toHaveLength(1);
        expect(reply.buttons.length).toBeLessThanOrEqual(4);
        const all = await press(student(tag), reply.buttons.at(-1)!.id);
        expect(all.buttons).toHaveLength(TOPICS.length);
      });

      it('`/` alone explains how commands are typed, with /help a press away', async () => {
        const reply = await say(student(tag), '/');
        expect(reply.text).toContain('/help');
        expect(reply.text).not.toMatch(/no lesson|没有找到|沒有找到/);
        expect((await press(student(tag), reply.buttons[0]!.id)).command).toBe('help');
      });

      it('/explain @everyone is no topic: it opens no lesson', async () => {
        for (const line of ['/explain @everyone', '/explain @here <@123456789012345678>']) {
          const reply = await say(student(tag), line);
          expect(reply.topic, line).toBeNull();
        }
      });

      it('a level word at the end is the level; `level:` without a topic opens the list at that level and says so', async () => {
        const topic = tag === 'en' ? 'attention' : zhText(tag, '注意力机制');
        const word = tag === 'en' ? 'kid' : zhText(tag, '孩子');
        const kid = await say(student(tag), `/explain ${topic} ${word}`);
        expect(kid.topic).toBe('attention');
        expect(toPlainText(kid.text).split('\n')[0]).toMatch(/kid|小朋友/);

        const who = student(tag);
        const list = await say(who, tag === 'en' ? '/explain level:expert' : `/explain level:${zhText(tag, '专家')}`);
        expect(list.text).toMatch(/\*\*(expert|专家|專家)\*\*/);
        const opened = await press(who, list.buttons[0]!.id);
        expect(toPlainText(opened.text).split('\n')[0]).toMatch(/expert|专家|專家/);
      });

      it('/help generate and /help attention show each option’s range, and the example in the reader’s language', async () => {
        const help = await say(student(tag), '/help generate');
        expect(help.text).toMatch(/max_new_tokens`\s?[(（]1–200[)）]/);
        expect(help.text).toMatch(/temperature`\s?[(（]0–2[)）]/);
        expect(help.text).toContain(zhText(tag, exampleFor(generate, locale)));
        const attention = await say(student(tag), '/help attention');
        expect(attention.text).toContain(`1–${ATTENTION_SHAPE.layers}`);
        expect(attention.text).toContain(`1–${ATTENTION_SHAPE.heads}`);
        const level = await say(student(tag), '/help explain');
        expect(level.text).toContain(LEVELS.join(tag === 'en' ? ', ' : '、'));
      });

      it('an option named twice is refused, naming it; a missing prompt gets the example in the reader’s language', async () => {
        const twice = await say(student(tag), '/generate temperature:0 temperature:1 hi');
        expect(twice.error?.code).toBe('option_repeated');
        expect(twice.text).toContain('`temperature`');
        const missing = await say(student(tag), '/generate');
        expect(missing.text).toContain(zhText(tag, exampleFor(generate, locale)));
      });

      it('/start with words: a lesson they name opens; others are said to be left aside', async () => {
        expect((await say(student(tag), '/start multi-head attention')).topic).toBe('multi-head');
        const welcome = await say(student(tag), '/start nonsense');
        expect(welcome.text.split('\n')[0]).toContain('nonsense');
        expect(welcome.buttons.length).toBeGreaterThan(0);
      });

      it('a right answer is praised once; a perfect round is praised, with nothing to revisit', async () => {
        const who = student(tag);
        let reply = await say(who, '/quiz softmax');
        let last: Reply | undefined;
        for (let index = 0; index < 5; index++) {
          const question = BANK.all.find((candidate) => toPlainText(reply.text).endsWith(questionText(tag, candidate)))!;
          last = await press(who, reply.buttons[question.correct]!.id);
          expect(last.correct).toBe(true);
          expect(toPlainText(last.text)).not.toMatch(/Right!? Right|Right\.|答对了！\s*正确|答對了！\s*正確|正确。|正確。/);
          if (/Round over|本轮结束|本輪結束/.test(last.text)) break;
          reply = await press(who, last.buttons[0]!.id);
        }
        expect(last!.text).toMatch(/perfect round|全部正确|全部正確/);
        expect(last!.text).not.toMatch(/Worth another look|值得再看看/);
      });

      it('/quiz start and /quiz stop in a private chat say where class quizzes run, and what to do here', async () => {
        const inTerminal = await say(student(tag), '/quiz start softmax');
        expect(inTerminal.text.split('\n')[0]).toMatch(/Telegram/);
        expect(inTerminal.buttons).toHaveLength(4); // the practice question that follows
        const inTelegram = await say(student(tag, 'telegram'), '/quiz start');
        expect(inTelegram.text).toContain('/quiz start');
        expect(inTelegram.text.split('\n')[0]).not.toMatch(/Telegram/);
        const stop = await say(student(tag), '/quiz stop');
        expect(stop.error).toBeUndefined();
        expect(stop.text).toContain('/quiz');
        expect((await press(student(tag), stop.buttons[0]!.id)).buttons).toHaveLength(4);
      });
    });
  }

  it('no lesson offers the same choice twice, at any level', async () => {
    const who = student('en');
    for (const topic of TOPICS) {
      for (const level of LEVELS) {
        const reply = await say(who, `/explain topic:${topic.id} level:${level}`);
        expect(new Set(reply.buttons.map((button) => button.id)).size, `${topic.id} ${level}`).toBe(reply.buttons.length);
      }
    }
  });

  it('explain’s `level` takes the level words of both languages, and the example of every command has both', () => {
    expect(explain.options[1].aliases?.['入門']).toBe('beginner');
    expect(explain.options[1].aliases?.['advanced']).toBe('expert');
    expect(exampleFor(generate, 'zh')).toMatch(/[\u4e00-\u9fff]/);
    expect(exampleFor(generate, 'en')).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('/generate names the end-of-text token', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await createRuntime(loadConfig({}), pino({ level: 'silent' }), { outbox: 'outbox-end-token', model: endingModel() });
  });
  afterAll(() => runtime.close());

  for (const { tag, locale } of LOCALES) {
    it(`in ${locale}: a label and one line of explanation, never the raw token`, async () => {
      const updates: Reply[] = [];
      const reply = await runtime.tutor.handleText('/generate steps:2 temperature:0 The', asker({ locale: tag, userId: `end-${tag}`, platform: 'terminal' }), {
        onUpdate: (update) => updates.push(update),
      });
      expect(reply.locale).toBe(locale);
      for (const shown of [reply, ...updates]) expect(shown.text).not.toContain('<|endoftext|>');
      expect(reply.text).toMatch(tag === 'en' ? /\[end of text\] 30%/ : /\[文本[结結]束\] 30%/);
      expect(reply.text).toMatch(tag === 'en' ? /is the end-of-text token/ : /是结束词元|是結束詞元/);
    });
  }
});

function questionText(tag: Tag, question: (typeof BANK.all)[number]): string {
  return tag === 'en' ? question.text.en.question : zhText(tag, question.text.zh.question);
}

/** A scripted model whose second step picks the end-of-text token (as the shipped model can). */
function endingModel(): () => Promise<ModelKit> {
  const result: GenerationResult = {
    text: ' cat',
    newTokens: 1,
    promptTrimmed: false,
    steps: [
      { chosen: ' cat', candidates: [{ text: ' cat', probability: 0.6 }, { text: '<|endoftext|>', probability: 0.3 }] },
      { chosen: '<|endoftext|>', candidates: [{ text: '<|endoftext|>', probability: 0.7 }, { text: '.', probability: 0.2 }] },
    ],
    stoppedBy: 'end_token',
  };
  const kit = {
    name: 'scripted-end',
    context: 64,
    layers: 1,
    heads: 1,
    parameters: 10,
    generator: { modelName: 'scripted-end', generate: async () => result },
  } as unknown as ModelKit;
  return async () => kit;
}
