import { QUIZ_ANSWER_OPTIONS, QUIZ_PRACTICE_OPTIONS } from '../../../commands/quiz.js';
import { argsSchema } from '../options.js';
import { Practice } from '../quiz/practice.js';
import type { JobHandler } from '../services.js';

const practiceArgs = argsSchema(QUIZ_PRACTICE_OPTIONS);
const answerArgs = argsSchema(QUIZ_ANSWER_OPTIONS);

/** /quiz: private practice (a round, the next question, an answer, a review of missed questions). */
export const handleQuiz: JobHandler = async (job, services) => {
  const practice = new Practice(job, services);
  switch (job.subcommand) {
    case 'review':
      return practice.review();
    case 'next':
      return practice.next();
    case 'answer': {
      const { n, o } = answerArgs.parse(job.args);
      return practice.answer(n, o);
    }
    default:
      return practice.start(practiceArgs.parse(job.args).topic);
  }
};
