import { defineCommand } from '../src/core/define-command.js';
import { t } from '../src/core/i18n.js';
import { resolveLocale, type Locale } from '../src/core/locale.js';
import { userKeyPrefix } from '../src/core/user-prefs.js';

type Item = 'language' | 'progress' | 'practice' | 'followups';

/** What a deleted key was, by its name under the user's prefix (user-prefs, progress, practice-store, rate limits). */
function itemOf(name: string): Item | undefined {
  if (name === 'locale') return 'language';
  if (name === 'seen') return 'progress';
  if (name.startsWith('quiz:')) return 'practice';
  if (name.startsWith('followup:')) return 'followups';
  // Rate-limit buckets (`rate:`) are deleted too but not listed: this very command has just filled one again.
  return undefined;
}

/**
 * Deletes all per-user state (language, progress, practice history, follow-up turns, rate-limit buckets: every key in the user's
 * index) and takes the person's name and id out of the class quizzes they played; says exactly what went.
 */
export const forget = defineCommand({
  name: 'forget',
  menuOrder: 70,
  description: { en: 'Delete everything the tutor stores about you', zh: '删除小老师保存的关于你的所有数据' },
  options: [],
  queue: 'fast',
  available: true,
  // About the asker's own data: only they see the reply.
  policy: { reply: 'private' },
  example: '/forget',
  async handler(job, services) {
    const { user, chat, platform } = job.context;
    const deleted = await services.store.deleteUserKeys(userKeyPrefix(platform, user.id));
    // The language choice is gone too: answer in the language the user would now get.
    const locale = resolveLocale({ platformLocale: user.locale, chatDefault: chat.defaultLocale, fallback: services.defaultLocale });
    const { anonymised: quizzes, running } = await services.classQuiz.forgetPlayer(platform, user.id, t(locale, 'forget.formerPlayer'));
    const items = [...new Set(deleted.map(itemOf).filter((item): item is Item => item !== undefined))];
    const lines: string[] = [];
    if (items.length > 0) lines.push(t(locale, 'forget.done', { items: listOf(locale, items.map((item) => t(locale, `forget.item.${item}`))) }));
    else if (quizzes === 0 && running === 0) lines.push(t(locale, 'forget.nothing'));
    if (quizzes > 0) lines.push(t(locale, quizzes === 1 ? 'forget.quizzesOne' : 'forget.quizzesMany', { count: quizzes, name: t(locale, 'forget.formerPlayer') }));
    if (running > 0) lines.push(t(locale, 'forget.quizRunning'));
    return { command: 'forget', locale, text: lines.join('\n\n'), buttons: [] };
  },
});

function listOf(locale: Locale, parts: string[]): string {
  return new Intl.ListFormat(locale === 'en' ? 'en' : locale === 'zh' ? 'zh-CN' : 'zh-TW', { type: 'conjunction' }).format(parts);
}
