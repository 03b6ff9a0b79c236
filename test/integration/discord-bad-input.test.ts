/**
 * The shared bad-input corpus through the Discord adapter, in English and Chinese clients, in a server channel:
 * each typed line becomes the slash command Discord would deliver (words no option takes ride in an extra option,
 * as a modified client could send). Every interaction is acknowledged, every message fits and pings nobody, errors
 * are private and in the user's language, nothing crashes. The same texts typed into autocomplete are answered too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { langOf, parseLocaleTag } from '../../src/core/locale.js';
import { BAD_INPUT_CASES } from '../support/bad-input-corpus.js';
import { startDiscordRig, type DiscordRig } from '../support/discord-rig.js';
import { autocomplete, CallbackType, DISCORD_MAX_CONTENT_LENGTH, EPHEMERAL_FLAG, slashCommand, unsafeMentions } from '../support/fake-discord/index.js';
import { STACK_TRACE } from '../unit/fixtures.js';

const CLIENT_LOCALES = ['en-US', 'zh-CN'] as const;
const HAN = /[\u4e00-\u9fff]/;

describe('Discord adapter: the bad-input corpus', () => {
  let rig: DiscordRig;
  beforeAll(async () => {
    rig = await startDiscordRig();
  });
  afterAll(async () => {
    await rig.close();
  });

  // The corpus's expected errors are those of a private chat (a DM); in a server channel some commands mean
  // something else (`/quiz start` is a class quiz there), so only the safety rules are checked.
  const runs = CLIENT_LOCALES.flatMap((locale) => (['dm', 'guild'] as const).map((where) => ({ locale, where })));
  for (const { locale, where } of runs) {
    it(`answers every case safely for a ${locale} client in a ${where}`, async () => {
      let userNumber = 0;
      for (const [line, expectedKey] of BAD_INPUT_CASES) {
        // One user per case: the corpus is about input, not about the rate limits (tested elsewhere).
        const id = `${locale === 'en-US' ? 1 : 2}${where === 'dm' ? 1 : 2}${String(++userNumber).padStart(16, '0')}`;
        const asker = { user: { id, locale }, chat: { id: 'c', kind: 'group' as const }, platform: 'discord' as const };
        const typed = rig.runtime.tutor.readText(line, asker);
        const options = { ...typed.args, ...(typed.unparsed ? { extra: typed.unparsed } : {}) };
        const { interaction, finished } = await rig.answer(slashCommand({ name: typed.command, subcommand: typed.subcommand, options, locale, id, guild: where === 'guild' ? {} : undefined }));
        const label = `${locale} ${JSON.stringify(line.slice(0, 40))}`;

        expect(interaction.callback?.type, label).toBe(CallbackType.DeferReply);
        if (where === 'dm') expect(finished.reply.error?.key ?? null, label).toBe(expectedKey);
        if (finished.reply.error) {
          // Only the asker sees an error: a private deferral, or a public one replaced by a private follow-up.
          const shown = [interaction.original, ...interaction.followUps].filter((message) => message !== undefined);
          expect(shown.length, label).toBeGreaterThan(0);
          expect(shown.every((message) => (message.flags & EPHEMERAL_FLAG) === EPHEMERAL_FLAG), label).toBe(true);
        }
        const text = [interaction.original?.content ?? '', ...interaction.followUps.map((message) => message.content)].join('\n');
        expect(text, label).not.toMatch(STACK_TRACE);
        if (langOf(parseLocaleTag(locale) ?? 'en') === 'zh' && finished.reply.error) expect(text, label).toMatch(HAN);
      }
      for (const message of rig.fake.messages) {
        expect(message.status).toBeLessThan(300);
        expect(message.content?.length ?? 0).toBeLessThanOrEqual(DISCORD_MAX_CONTENT_LENGTH);
      }
      expect(unsafeMentions(rig.fake.messages)).toEqual([]);
      expect(rig.fake.calls.filter((call) => call.status >= 400)).toEqual([]);
      expect(rig.logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
    });
  }

  it('answers the same texts typed into autocomplete with at most 25 valid choices', async () => {
    for (const [line] of BAD_INPUT_CASES) {
      const pushed = rig.fake.interact(autocomplete({ name: 'explain', options: { topic: line }, focused: 'topic' }));
      const call = await rig.fake.waitForCall((candidate) => candidate.interactionId === pushed.id);
      expect(call.status, JSON.stringify(line.slice(0, 40))).toBe(204);
    }
  });
});
