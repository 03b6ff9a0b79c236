import { defineCommand } from '../src/core/define-command.js';
import { UserError } from '../src/core/errors.js';
import { t } from '../src/core/i18n.js';
import type { TutorJob } from '../src/core/jobs.js';
import { LOCALE_NAMES, LOCALES, parseLocaleTag, resolveLocale } from '../src/core/locale.js';
import type { Reply } from '../src/core/reply.js';
import type { TutorServices } from '../src/core/services.js';

/** Accepted spellings; the handler reads them with parseLocaleTag. `auto` clears the choice. */
export const LANGUAGE_CHOICES = ['en', 'zh', 'zh-Hans', 'zh-Hant', 'zh-CN', 'zh-TW', 'zh-HK', 'auto'] as const;

/** Whose language: the asker's own (default), or the group's default for everyone without a choice of their own. */
export const LANGUAGE_SCOPES = ['me', 'group'] as const;

export const lang = defineCommand({
  name: 'lang',
  menuOrder: 60,
  description: { en: 'Choose the language I answer you in', zh: '选择我回答你时用的语言' },
  options: [
    {
      name: 'language',
      type: 'choice',
      choices: LANGUAGE_CHOICES,
      description: {
        en: 'en, zh (Simplified), zh-Hant (Traditional, Taiwan), zh-HK (Traditional, Hong Kong), or auto',
        zh: 'en、zh（简体）、zh-Hant（繁体，台湾）、zh-HK（繁体，香港）或 auto（跟随应用）',
      },
    },
    {
      name: 'scope',
      type: 'choice',
      choices: LANGUAGE_SCOPES,
      description: { en: 'me (default), or group: the default of this group or server (admins only)', zh: 'me（默认，只改自己），或 group：本群或服务器的默认语言（仅管理员）' },
    },
  ],
  queue: 'fast',
  available: true,
  // About the asker's own settings: only they see the reply. The group's default is for its admins (the handler
  // checks, with the admin status adapters find out for `scope:group`).
  // A server's default is the server's business: it needs the bot added there, not one member's own install.
  policy: { reply: 'private', needsAdminStatus: (args) => args['scope'] === 'group', installs: (args) => (args['scope'] === 'group' ? ['guild'] : ['guild', 'user']) },
  example: '/lang zh',
  async handler(job, services) {
    const { language, scope } = job.args;
    if (scope === 'group') return setGroupLanguage(job, services, language);
    const { user, chat, platform } = job.context;
    if (!language) {
      const locale = job.context.locale;
      const buttons = await Promise.all(
        LOCALES.map(async (choice) => ({
          id: await services.buttons.register({ command: 'lang', args: { language: choice } }),
          label: LOCALE_NAMES[choice],
        })),
      );
      return { command: 'lang', locale, text: t(locale, 'lang.current', { language: LOCALE_NAMES[locale] }), buttons };
    }
    if (language === 'auto') {
      await services.prefs.setLocale(platform, user.id, undefined);
      const locale = resolveLocale({ platformLocale: user.locale, chatDefault: chat.defaultLocale, fallback: services.defaultLocale });
      return { command: 'lang', locale, text: t(locale, 'lang.reset'), buttons: [] };
    }
    // The command's choices are all tags parseLocaleTag reads; `en` is only the type checker's fallback.
    const locale = parseLocaleTag(language) ?? 'en';
    await services.prefs.setLocale(platform, user.id, locale);
    return { command: 'lang', locale, text: t(locale, 'lang.changed', { language: LOCALE_NAMES[locale] }), buttons: [] };
  },
});

/** `/lang zh group`: the group's default, for members without a choice of their own. Admins only (the adapter says who). */
async function setGroupLanguage(job: TutorJob, services: TutorServices, language: string | undefined): Promise<Reply> {
  const { user, chat, platform } = job.context;
  if (chat.kind !== 'group') throw new UserError('group_only', { command: 'lang' });
  if (!user.chatAdmin) throw new UserError('admins_only');
  if (!language) throw new UserError('option_required', { command: 'lang', option: 'language', example: '/lang zh group' });
  if (language === 'auto') {
    await services.chatPrefs.setLocale(platform, chat, undefined);
    return { command: 'lang', locale: job.context.locale, text: t(job.context.locale, 'lang.groupReset'), buttons: [] };
  }
  const locale = parseLocaleTag(language) ?? 'en';
  await services.chatPrefs.setLocale(platform, chat, locale);
  return { command: 'lang', locale, text: t(locale, 'lang.groupChanged', { language: LOCALE_NAMES[locale] }), buttons: [] };
}
