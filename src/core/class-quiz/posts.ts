import type { ButtonActions } from '../buttons.js';
import type { Delivery, ReplyAddress } from '../delivery.js';
import type { TutorJob } from '../jobs.js';
import type { QuizBank } from '../quiz/bank.js';
import type { Reply } from '../reply.js';
import { localize } from '../reply-format.js';
import { answerButtons, itemText, questionText } from './render.js';
import type { ClassQuiz } from './types.js';

// Answer buttons outlive their question a little (a late click hears "closed", not "expired"), then go.
export const QUIZ_BUTTON_TTL_MS = 24 * 60 * 60 * 1000;

/** The id of the stream of messages that shows question `index`: posted, counted live, closed. */
export function questionStreamId(quiz: Pick<ClassQuiz, 'id'>, index: number): string {
  return `qz${quiz.id}q${index}`;
}

/** A message the quiz posts in its chat on its own (no command waits for it). */
export function chatDelivery(quiz: ClassQuiz, correlationId: string, id: string, reply: Reply, final: boolean): Delivery {
  const address: ReplyAddress = { platform: quiz.platform, chatId: quiz.chatId, userId: quiz.starterId, correlationId, outbox: quiz.outbox, route: quiz.route };
  return { id, address, reply: localize(reply), final };
}

/** The current question with its answer buttons and a live line; posted first, then edited as answers come in. */
export async function questionPost(quiz: ClassQuiz, bank: QuizBank, buttons: ButtonActions, id: string, live: string): Promise<Delivery> {
  const item = itemText(bank, quiz.items[quiz.index]!, quiz.locale);
  const ids = await Promise.all(
    item.options.map((_, option) => buttons.register({ command: 'quiz', subcommand: 'play', args: { q: quiz.id, i: quiz.index, o: option }, chat: quiz.chatKey }, QUIZ_BUTTON_TTL_MS)),
  );
  const reply: Reply = { command: 'quiz', locale: quiz.locale, text: questionText(quiz, item, live), buttons: answerButtons(ids) };
  return chatDelivery(quiz, questionStreamId(quiz, quiz.index), id, reply, false);
}

/** A timer of the quiz, as a job any worker can run: open or close question `index`. */
export function tickJob(quiz: ClassQuiz, action: 'open' | 'close', index: number): TutorJob {
  return {
    command: 'quiz',
    subcommand: 'tick',
    args: { q: quiz.id, s: `${action}-${index}` },
    context: { user: { id: quiz.starterId }, chat: { id: quiz.chatId, kind: 'group' }, platform: quiz.platform, locale: quiz.locale },
    address: { platform: quiz.platform, chatId: quiz.chatId, userId: quiz.starterId, correlationId: `qz${quiz.id}t${action}${index}`, outbox: quiz.outbox, route: quiz.route },
  };
}

/** Timers have fixed job ids: set twice (a step re-run), they run once. `reason` tells apart a deliberate early run. */
export function tickJobId(quiz: Pick<ClassQuiz, 'id'>, action: 'open' | 'close', index: number, reason = 'timer'): string {
  return `quiz-${quiz.id}-${action}-${index}-${reason}`;
}
