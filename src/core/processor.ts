import { InvalidJobError, isUserError } from './errors.js';
import { handleAttention } from './handlers/attention.js';
import { handleExplain } from './handlers/explain.js';
import { handleForget } from './handlers/forget.js';
import { handleGenerate } from './handlers/generate.js';
import { handleHelp } from './handlers/help.js';
import { handleLang } from './handlers/lang.js';
import { handleQuiz } from './handlers/quiz.js';
import { handleStart } from './handlers/start.js';
import { jobSchema } from './jobs.js';
import type { JobProcessor } from './ports.js';
import { errorReply, localize } from './replies.js';
import type { JobHandler, TutorServices } from './services.js';

/** Handlers of the commands that are built; a command without one is not offered (its definition says so). */
export const HANDLERS: Readonly<Record<string, JobHandler>> = {
  start: handleStart,
  explain: handleExplain,
  help: handleHelp,
  lang: handleLang,
  forget: handleForget,
  generate: handleGenerate,
  attention: handleAttention,
  quiz: handleQuiz,
};

/**
 * What a worker runs for each job: check the job, run its handler, put the reply in the user's script.
 * A user error becomes a reply in the user's language; a malformed job fails for good (InvalidJobError);
 * anything else is thrown so the queue retries it.
 */
export function createJobProcessor(services: TutorServices): JobProcessor {
  return async (data, report = () => undefined, effects) => {
    const parsed = jobSchema.safeParse(data);
    if (!parsed.success) throw new InvalidJobError(`malformed job: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
    const job = parsed.data;
    const handler = HANDLERS[job.command];
    if (!handler) throw new InvalidJobError(`no handler for /${job.command}`);
    try {
      const reply = await handler(job, services, (update) => report(localize(update)), effects);
      return reply && localize(reply);
    } catch (error) {
      if (isUserError(error)) return errorReply(job.command, job.context.locale, error);
      throw error;
    }
  };
}
