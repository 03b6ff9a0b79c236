import { ClassQuizEngine } from '../../src/core/class-quiz/engine.js';
import type { CommandHandler, JobsOf } from '../../src/core/define-command.js';
import { UserError } from '../../src/core/errors.js';
import { t } from '../../src/core/i18n.js';
import type { TutorJob } from '../../src/core/jobs.js';
import { Practice } from '../../src/core/quiz/practice.js';
import type { QUIZ_SUBCOMMANDS } from './options.js';

export type QuizJob = JobsOf<'quiz', readonly [], typeof QUIZ_SUBCOMMANDS>;

/** /quiz: private practice (rounds, answers, review) and class quizzes in groups (start, timers, stop, skip, results, import). */
export const handleQuiz: CommandHandler<QuizJob> = async (job, services, _report, effects) => {
  const practice = new Practice(job, services);
  switch (job.subcommand) {
    case 'review':
      return practice.review();
    case 'next':
      return practice.next();
    case 'answer':
      return practice.answer(job.args.n, job.args.o);
    case 'practice':
      return practice.start(job.args.topic);
  }
  // A class quiz needs a class: in a private chat (the terminal is one) say where it runs, and practise instead.
  if (job.context.chat.kind === 'private') {
    if (job.subcommand === 'start') return practice.instead(classQuizWhere(job), job.args.topic);
    if (job.subcommand === 'stop' || job.subcommand === 'skip') return practice.offer(`${classQuizWhere(job)}\n\n${t(job.context.locale, 'quiz.nothingToStop')}`);
  }
  // Class quizzes post messages and set timers of their own: only where the queue lets a job do that.
  if (!effects) throw new UserError('not_available', { command: `quiz ${job.subcommand}` });
  const engine = new ClassQuizEngine(services, effects);
  switch (job.subcommand) {
    case 'start':
      return engine.start(job, job.args);
    case 'tick':
      await engine.tick(job.args.q, job.args.s);
      return null;
    case 'stop':
      return engine.stop(job);
    case 'skip':
      return engine.skip(job);
    case 'results':
      return engine.results(job);
    case 'import':
      return engine.import(job, job.args.file);
    default:
      // `join` and `play` are answered at the edge (their policy): a job for them is not a worker's.
      throw new UserError('unknown_subcommand', { command: 'quiz', subcommand: job.subcommand, choices: 'practice, review, start' });
  }
};

/** Where class quizzes run, told to someone in a private chat: a group on a chat platform; the terminal has none. */
function classQuizWhere(job: Pick<TutorJob, 'context'>): string {
  return t(job.context.locale, job.context.platform === 'terminal' ? 'quiz.classQuizTerminal' : 'quiz.classQuizGroup');
}
