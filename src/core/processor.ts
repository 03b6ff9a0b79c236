import { InvalidJobError, isUserError } from './errors.js';
import { jobSchema } from './jobs.js';
import type { JobProcessor } from './ports.js';
import { errorReply, localize } from './reply-format.js';
import type { TutorCommand, TutorServices } from './services.js';

/**
 * What a worker runs for each job: check the job, run its command (from `services.commands`, the list /help shows),
 * put the reply in the user's script. A user error becomes a reply in the user's language; a malformed job fails for
 * good (InvalidJobError); anything else is thrown so the queue retries it.
 */
export function createJobProcessor(services: TutorServices): JobProcessor {
  const commands = commandsByName(services.commands);
  return async (data, report = () => undefined, effects) => {
    const parsed = jobSchema.safeParse(data);
    if (!parsed.success) throw new InvalidJobError(`malformed job: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
    const job = parsed.data;
    const command = commands.get(job.command);
    if (!command) throw new InvalidJobError(`no handler for /${job.command}`);
    try {
      const reply = await command.run(job, services, (update) => report(localize(update)), effects);
      return reply && localize(reply);
    } catch (error) {
      if (isUserError(error)) return errorReply(job.command, job.context.locale, error);
      throw error;
    }
  };
}

/** The command list by name; a start-up error (not a job failure later) when a name is taken twice or has no handler. */
function commandsByName(list: readonly TutorCommand[]): ReadonlyMap<string, TutorCommand> {
  const byName = new Map<string, TutorCommand>();
  for (const command of list) {
    if (byName.has(command.name)) throw new Error(`two commands are named /${command.name}`);
    // The type requires `run`; a list put together in plain JavaScript, or cast, is caught here.
    if (typeof command.run !== 'function') throw new Error(`/${command.name} has no handler: define it with defineCommand`);
    byName.set(command.name, command);
  }
  return byName;
}
