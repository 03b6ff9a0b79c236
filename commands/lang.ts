import { defineCommand } from '../src/core/command.js';

/** Accepted spellings; the handler reads them with parseLocaleTag. `auto` clears the choice. */
export const LANGUAGE_CHOICES = ['en', 'zh', 'zh-Hans', 'zh-Hant', 'zh-CN', 'zh-TW', 'zh-HK', 'auto'] as const;

/** Whose language: the asker's own (default), or the group's default for everyone without a choice of their own. */
export const LANGUAGE_SCOPES = ['me', 'group'] as const;

export const lang = defineCommand({
  name: 'lang',
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
  example: '/lang zh',
});
