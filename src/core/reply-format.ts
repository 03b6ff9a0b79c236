import { scrubCredentials } from './credentials.js';
import { type UserError } from './errors.js';
import { t, toScript } from './i18n.js';
import { isTraditional, type Locale } from './locale.js';
import { escapeMarkdown } from './markdown.js';
import { sanitizeText } from './options.js';
import type { Reply } from './reply.js';

/** The reply that tells a user, in their language, what went wrong; never a stack trace. */
export function errorReply(command: string, locale: Locale, error: UserError): Reply {
  return localize({
    command,
    locale,
    text: t(locale, error.key, error.params),
    buttons: [],
    error: { code: error.code, key: error.key },
  });
}

/** Converts a finished reply for readers of Traditional Chinese; other locales pass through unchanged. */
export function localize(reply: Reply): Reply {
  if (!isTraditional(reply.locale)) return reply;
  return {
    ...reply,
    text: toScript(reply.locale, reply.text),
    buttons: reply.buttons.map((button) => ({
      ...button,
      label: toScript(reply.locale, button.label),
      ...(button.description === undefined ? {} : { description: toScript(reply.locale, button.description) }),
    })),
    ...(reply.answers ? { answers: reply.answers.map((answer) => ({ ...answer, text: toScript(reply.locale, answer.text) })) } : {}),
  };
}

/** User text quoted inside a reply: no credentials (scrubbed before cutting, so no piece survives), short, literal. */
export function quoteUserText(text: string, maxChars = 60): string {
  const chars = [...sanitizeText(scrubCredentials(text)).replace(/\s+/g, ' ')];
  const short = chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join('')}…` : chars.join('');
  return escapeMarkdown(short);
}
