/**
 * The shared bad-input corpus typed into private Telegram chats, in English and Chinese: every line gets one clear
 * answer in the user's language, Telegram never answers 400 (escaping and lengths hold), and the bot keeps running.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Delivery } from '../../src/core/delivery.js';
import { BAD_INPUT_CASES } from '../support/bad-input-corpus.js';
import { person } from '../support/fake-telegram/server.js';
import { shown, startTelegramRig, type TelegramRig } from '../support/telegram-rig.js';
import { STACK_TRACE } from '../unit/fixtures.js';

describe('Telegram adapter: the bad-input corpus', () => {
  let rig: TelegramRig;
  let finals: Delivery[];
  beforeAll(async () => {
    rig = await startTelegramRig();
    finals = [];
    const deliver = rig.adapter.deliver.bind(rig.adapter);
    // Every reply the adapter renders, whether it came through the outbox or was answered at once.
    vi.spyOn(rig.adapter, 'deliver').mockImplementation(async (delivery) => {
      if (delivery.final) finals.push(delivery);
      return deliver(delivery);
    });
  });
  afterAll(() => rig.close());

  for (const [language, languageCode] of [['en', 'en'], ['zh', 'zh-hans']] as const) {
    it(`answers every line once, safely, in ${language}`, async () => {
      const base = language === 'en' ? 6000 : 7000;
      const cases = BAD_INPUT_CASES.map(([line, key], index) => ({ line, key, user: person(base + index, { languageCode }) }));
      for (const { line, user } of cases) rig.fake.pushPrivateMessage(user, line);

      // Collected, so one run shows every line that went wrong.
      const wrongKeys: string[] = [];
      for (const { line, key, user } of cases) {
        const label = `${language}: ${JSON.stringify(line.slice(0, 50))}`;
        const final = await rig.fake.waitFor(() => finals.find((delivery) => delivery.address.chatId === String(user.id)), 15_000, label);
        if ((final.reply.error?.key ?? null) !== key) wrongKeys.push(`${label}: ${final.reply.error?.key ?? 'no error'} instead of ${key ?? 'no error'}`);
        expect(final.reply.locale, label).toBe(language);
        const [message] = await rig.messages(user.id, 1);
        expect(shown(message!), label).not.toMatch(STACK_TRACE);
        expect(shown(message!), label).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F\u202E]/);
        if (language === 'zh' && key) expect(shown(message!), label).toMatch(/\p{Script=Han}/u);
      }
      expect(wrongKeys).toEqual([]);
      for (const { user } of cases) expect(finals.filter((delivery) => delivery.address.chatId === String(user.id))).toHaveLength(1);
      expect(rig.fake.calls.filter((call) => call.status >= 400)).toEqual([]);
      expect(rig.logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
    }, 60_000);
  }

  it('is still answering afterwards', async () => {
    const student = person(8000, { languageCode: 'en' });
    rig.fake.pushPrivateMessage(student, '/explain attention');
    const [reply] = await rig.messages(student.id, 1);
    expect(shown(reply!)).toMatch(/attention/i);
  });
});
