import { lang } from '../../../commands/lang.js';
import { UserError } from '../errors.js';
import { t } from '../i18n.js';
import type { TutorJob } from '../jobs.js';
import { LOCALE_NAMES, LOCALES, parseLocaleTag, resolveLocale } from '../locale.js';
import { argsSchema } from '../options.js';
import type { Reply } from '../reply.js';
import type { JobHandler, TutorServices } from '../services.js';

const langArgs = argsSchema(lang.options);

export const handleLang: JobHandler = async (job, services) => {
  const { language, scope } = langArgs.parse(job.args);
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
};

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
