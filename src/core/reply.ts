import type { LessonContext } from './followup/lesson-context.js';
import type { ErrorCode } from './errors.js';
import type { Lang, Locale } from './locale.js';

/** A choice under a reply; platforms show it as a button, the terminal as a numbered choice. */
export interface Button {
  /** Short opaque id (fits Telegram's 64-byte callback_data); resolved on the server. */
  id: string;
  label: string;
  /**
   * One line on what the choice leads to (a lesson's summary), for adapters with room to show it (the terminal);
   * others may leave it out: the label alone must make sense.
   */
  description?: string | undefined;
}

/** Buttons with the same action have the same id (buttons.ts): keep the first of each, so no choice is offered twice. */
export function uniqueButtons(buttons: readonly Button[]): Button[] {
  const seen = new Set<string>();
  return buttons.filter((button) => !seen.has(button.id) && seen.add(button.id));
}

/** One stage's answer in /compare. */
export interface StageAnswer {
  model: string;
  stage: 'pretrained' | 'fine-tuned';
  text: string;
}

/** A platform-neutral answer. `text` uses the markdown subset of markdown.ts. */
export interface Reply {
  command: string;
  locale: Locale;
  text: string;
  buttons: Button[];
  /** For explain: the lesson chosen, or null when nothing matched. */
  topic?: string | null | undefined;
  /** Set when the reply reports an error: the code and the message key shown. */
  error?: { code: ErrorCode; key: string } | undefined;
  image?: { mime: 'image/png'; base64: string; alt: string } | undefined;
  /** The attention map behind an image, for adapters that draw it themselves (the terminal's coloured blocks). */
  heatmap?: { labels: string[]; weights: number[][] } | undefined;
  /** For /generate: the model that wrote the text and how many tokens it added. */
  model?: string | undefined;
  newTokens?: number | undefined;
  /** For /compare: what each stage of the tutor's GPT answered to the same prompt. */
  answers?: StageAnswer[] | undefined;
  /** For a quiz answer: whether the pick was right. */
  correct?: boolean | undefined;
  /**
   * For the asker's eyes only (a class-quiz answer's acknowledgement): a toast under the button (Telegram
   * answerCallbackQuery) or an ephemeral message (Discord); never posted in the group.
   */
  askerOnly?: boolean | undefined;
  /** A class quiz's post for the chat itself (the podium), not its thread or topic, where it has one. */
  mainChat?: boolean | undefined;
  /** A file sent with the reply (a class quiz's results as CSV). */
  file?: { name: string; mime: 'text/csv'; base64: string } | undefined;
  /**
   * Send this reply to the asker's private chat with the bot (a direct message), not to the group. Where that is impossible (a Telegram user who
   * never started the bot, closed Discord DMs), adapters fall back: Telegram posts `fallbackText` in the chat with a
   * button `linkLabel` linking to the bot with `?start=<startParam>` (which gets the reply again in private);
   * Discord answers ephemerally.
   */
  directMessage?: { startParam: string; fallbackText: string; linkLabel: string } | undefined;
  /**
   * A lesson or a follow-up answer a student may ask more about (followup/context.ts): Telegram keeps it by the
   * message sent, for a reply to it; Discord puts an "Ask about this" button (`askId`) under it.
   */
  followUp?: LessonContext | undefined;
}

export function replyLang(reply: Pick<Reply, 'locale'>): Lang {
  return reply.locale === 'en' ? 'en' : 'zh';
}
