/**
 * Quiz practice in private chats through the real platform clients against the local fakes (offline runtime): a
 * whole round answered by buttons, each answer judged against the bank, in en and zh; an answer pressed twice and a
 * forged button are refused in the student's language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n.js';
import type { Locale } from '../../src/core/locale.js';
import type { Reply } from '../../src/core/reply.js';
import { startDiscordRig, type DiscordRig } from '../support/discord-rig.js';
import { buttonPress, slashCommand } from '../support/fake-discord/index.js';
import { person } from '../support/fake-telegram/server.js';
import { BANK, questionOf } from '../support/quiz.js';
import { shown, startTelegramRig, type TelegramRig } from '../support/telegram-rig.js';

const TOPIC = 'softmax';
const ROUND = Math.min(5, BANK.forTopic(TOPIC).length);
const asReply = (text: string, locale: Locale): Reply => ({ command: 'quiz', locale, text, buttons: [] });
const RIGHT = { en: '✅ Right!', zh: '✅ 答对了！' } as const;
const WRONG = { en: '❌ Not quite.', zh: '❌ 不太对。' } as const;

describe('quiz practice in a Telegram private chat', () => {
  let rig: TelegramRig;
  beforeAll(async () => {
    rig = await startTelegramRig();
  });
  afterAll(() => rig.close());

  for (const [lang, languageCode, userId] of [['en', 'en', 3001], ['zh', 'zh-hans', 3002]] as const) {
    it(`plays a whole round by buttons (${lang})`, async () => {
      const student = person(userId, { languageCode });
      rig.fake.pushPrivateMessage(student, `/quiz ${TOPIC}`);
      let count = 1;
      for (let index = 0; index < ROUND; index++) {
        const sent = await rig.messages(student.id, count);
        const question = sent[count - 1]!;
        const options = question.message.reply_markup!.inline_keyboard.flat();
        expect(options).toHaveLength(4);
        const asked = questionOf(asReply(shown(question), lang));
        expect(options.map((button) => button.text)).toEqual(asked.text[lang].options);
        // The first answer wrong, the rest right.
        const pick = index === 0 ? (asked.correct + 1) % 4 : asked.correct;
        rig.fake.pushCallbackQuery(student, question.message, options[pick]!.callback_data!);
        const feedback = (await rig.messages(student.id, count + 1))[count]!;
        expect(shown(feedback).startsWith(index === 0 ? WRONG[lang] : RIGHT[lang])).toBe(true);
        // The explanation follows, without its own opening praise after "✅ Right!" (said once).
        const explanation = asked.text[lang].explanations[pick]!;
        expect(shown(feedback)).toContain(index === 0 ? explanation : explanation.replace(/^(Right\.|正确。)\s*/, ''));
        count += 2;
        if (index === 0) {
          // The same question answered again: no longer open, and nothing more is counted.
          rig.fake.pushCallbackQuery(student, question.message, options[asked.correct]!.callback_data!);
          const again = (await rig.messages(student.id, count))[count - 1]!;
          expect(shown(again)).toBe(t(lang, 'errors.question_closed'));
          count += 1;
        }
        if (index < ROUND - 1) {
          const next = feedback.message.reply_markup!.inline_keyboard.flat()[0]!;
          expect(next.text).toBe(t(lang, 'quiz.buttonNext'));
          rig.fake.pushCallbackQuery(student, feedback.message, next.callback_data!);
        } else {
          expect(shown(feedback)).toContain(lang === 'en' ? `Round over: ${ROUND - 1} of ${ROUND} right.` : `本轮结束：答对 ${ROUND - 1} / ${ROUND} 题。`);
        }
      }
      // A forged answer button.
      const last = rig.fake.botMessages(student.id).at(-1)!;
      const forged = rig.fake.pushCallbackQuery(student, last.message, 'bForgedQuiz1');
      await rig.fake.waitFor(() => rig.fake.state.queryAnswers.get(forged), 10_000, 'the toast');
      expect(rig.fake.state.queryAnswers.get(forged)?.text).toBe(t(lang, 'errors.button_expired'));
    });
  }
});

describe('quiz practice in a Discord DM', () => {
  let rig: DiscordRig;
  beforeAll(async () => {
    rig = await startDiscordRig();
  });
  afterAll(() => rig.close());

  for (const [lang, locale, userId] of [['en', 'en-US', '110000000000000001'], ['zh', 'zh-CN', '110000000000000002']] as const) {
    it(`plays a whole round by buttons (${lang})`, async () => {
      const who = { id: userId, locale };
      let { finished } = await rig.answer(slashCommand({ name: 'quiz', subcommand: 'practice', options: { topic: TOPIC }, ...who }));
      for (let index = 0; index < ROUND; index++) {
        const question = finished.reply;
        expect(question.buttons).toHaveLength(4);
        const asked = questionOf(question);
        const pick = index === ROUND - 1 ? (asked.correct + 1) % 4 : asked.correct;
        const feedback = (await rig.answer(buttonPress({ customId: question.buttons[pick]!.id, ...who }))).finished.reply;
        expect(feedback.correct).toBe(index !== ROUND - 1);
        expect(feedback.text.startsWith(`${index === ROUND - 1 ? WRONG[lang].slice(0, 2) : RIGHT[lang].slice(0, 2)}`)).toBe(true);
        if (index === 0) {
          const again = (await rig.answer(buttonPress({ customId: question.buttons[pick]!.id, ...who }))).finished.reply;
          expect(again.error?.code).toBe('question_closed');
        }
        if (index < ROUND - 1) finished = (await rig.answer(buttonPress({ customId: feedback.buttons[0]!.id, ...who }))).finished;
        else expect(feedback.text).toContain(lang === 'en' ? `**${ROUND - 1} of ${ROUND}**` : `**${ROUND - 1} / ${ROUND}**`);
      }
      // A forged button id.
      const forged = (await rig.answer(buttonPress({ customId: 'bForgedQuiz1', ...who }))).finished.reply;
      expect(forged.error?.code).toBe('button_expired');
    });
  }
});
