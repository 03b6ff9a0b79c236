import { lang } from '../../../commands/lang.js';
import { t } from '../i18n.js';
import { LOCALE_NAMES, LOCALES, parseLocaleTag, resolveLocale } from '../locale.js';
import { argsSchema } from '../options.js';
import type { JobHandler } from '../services.js';

const langArgs = argsSchema(lang.options);

export const handleLang: JobHandler = async (job, services) => {
  const { language } = langArgs.parse(job.args);
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
