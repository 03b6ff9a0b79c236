import { defineCommand } from '../src/core/command.js';

/** Accepted spellings; the handler reads them with parseLocaleTag. `auto` clears the choice. */
export const LANGUAGE_CHOICES = ['en', 'zh', 'zh-Hans', 'zh-Hant', 'zh-CN', 'zh-TW', 'zh-HK', 'auto'] as const;

export const lang = defineCommand({
  name: 'lang',
  description: { en: 'Choose the language I answer you in', zh: '选择我回答你时用的语言' },
  options: [
    {
      name: 'language',
      type: 'choice',
      choices: LANGUAGE_CHOICES,
      description: { en: 'en, zh (Simplified), zh-Hant (Traditional), or auto', zh: 'en、zh（简体）、zh-Hant（繁体）或 auto（跟随应用）' },
    },
  ],
  queue: 'fast',
  available: true,
  example: '/lang zh',
});
