import { quiz, QUIZ_ANSWER_OPTIONS, QUIZ_PRACTICE_OPTIONS, QUIZ_TICK_OPTIONS } from '../../../commands/quiz.js';
import { ClassQuizEngine } from '../class-quiz/engine.js';
import { optionsFor } from '../command.js';
import { UserError } from '../errors.js';
import { t } from '../i18n.js';
import type { TutorJob } from '../jobs.js';
import { argsSchema } from '../options.js';
import { Practice } from '../quiz/practice.js';
import type { JobHandler } from '../services.js';

const practiceArgs = argsSchema(QUIZ_PRACTICE_OPTIONS);
const answerArgs = argsSchema(QUIZ_ANSWER_OPTIONS);
const tickArgs = argsSchema(QUIZ_TICK_OPTIONS);
const startArgs = argsSchema(optionsFor(quiz, 'start'));
const importArgs = argsSchema(optionsFor(quiz, 'import'));

/** /quiz: private practice (rounds, answers, review) and class quizzes in groups (start, timers, stop, skip, results, import). */
export const handleQuiz: JobHandler = async (job, services, _report, effects) => {
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
    case 'practice':
      return practice.start(practiceArgs.parse(job.args).topic);
  }
  // A class quiz needs a class: in a private chat (the terminal is one) say where it runs, and practise instead.
  if (job.context.chat.kind === 'private') {
    if (job.subcommand === 'start') return practice.instead(classQuizWhere(job), (startArgs.parse(job.args) as { topic?: string }).topic);
    if (job.subcommand === 'stop' || job.subcommand === 'skip') return practice.offer(`${classQuizWhere(job)}\n\n${t(job.context.locale, 'quiz.nothingToStop')}`);
  }
  // Class quizzes post messages and set timers of their own: only where the queue lets a job do that.
  if (!effects) throw new UserError('not_available', { command: `quiz ${job.subcommand ?? ''}`.trim() });
  const engine = new ClassQuizEngine(services, effects);
  switch (job.subcommand) {
    case 'start': {
      const args = startArgs.parse(job.args) as { topic?: string; questions?: number; seconds?: number; scoring?: 'speed' | 'plain' };
      return engine.start(job, args);
    }
    case 'tick': {
      const { q, s } = tickArgs.parse(job.args);
      await engine.tick(q, s);
      return null;
    }
    case 'stop':
      return engine.stop(job);
    case 'skip':
      return engine.skip(job);
    case 'results':
      return engine.results(job);
    case 'import':
      return engine.import(job, String((importArgs.parse(job.args) as { file: string }).file));
    default:
      throw new UserError('unknown_subcommand', { command: 'quiz', subcommand: job.subcommand ?? '', choices: 'practice, review, start' });
  }
};

/** Where class quizzes run, told to someone in a private chat: a group on a chat platform; the terminal has none. */
function classQuizWhere(job: TutorJob): string {
  return t(job.context.locale, job.context.platform === 'terminal' ? 'quiz.classQuizTerminal' : 'quiz.classQuizGroup');
}
