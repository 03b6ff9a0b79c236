import { UserError } from '../errors.js';
import { quoteUserText } from '../reply-format.js';
import type { TutorServices } from '../services.js';

/**
 * The topic a quiz is asked for: a topic id, or words a lesson matches confidently (`multi-head attention`,
 * `多头注意力`), and only one the bank has questions on. A guessed topic would puzzle more than "no such topic".
 */
export function quizTopicFor(services: Pick<TutorServices, 'quiz' | 'retriever'>, query: string): string {
  const id = query.trim().toLowerCase();
  if (services.quiz.forTopic(id).length > 0) return id;
  const found = services.retriever.find(query);
  const best = found.confident ? found.best?.id : undefined;
  if (best && services.quiz.forTopic(best).length > 0) return best;
  throw new UserError('quiz_no_topic', { topic: quoteUserText(query, 40) });
}
