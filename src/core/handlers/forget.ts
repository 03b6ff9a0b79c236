import { t } from '../i18n.js';
import { resolveLocale } from '../locale.js';
import type { JobHandler } from '../services.js';
import { userKeyPrefix } from '../user-prefs.js';

/** Deletes all per-user state (language, progress, practice history): every key under the user's prefix. */
export const handleForget: JobHandler = async (job, services) => {
  const { user, chat, platform } = job.context;
  const deleted = await services.store.deletePrefix(userKeyPrefix(platform, user.id));
  // The language choice is gone too: answer in the language the user would now get.
  const locale = resolveLocale({ platformLocale: user.locale, chatDefault: chat.defaultLocale, fallback: services.defaultLocale });
  return { command: 'forget', locale, text: t(locale, 'forget.done', { count: deleted }), buttons: [] };
};
