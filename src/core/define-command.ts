/**
 * A command as one unit: its definition (name, descriptions, options, queue, policy) and its handler, which receives
 * the job with its arguments already parsed against the options of its (sub-)command. Command files (commands/)
 * call `defineCommand`; the processor runs what it returns.
 */
import type { z } from 'zod';
import type { CommandDefinition, SubcommandDefinition } from './command.js';
import { InvalidJobError } from './errors.js';
import type { TutorJob } from './jobs.js';
import { argsSchema, type ArgsOf, type OptionSpec } from './options.js';
import type { JobEffects, ReportUpdate } from './ports.js';
import type { Reply } from './reply.js';
import type { TutorCommand, TutorServices } from './services.js';

/** A job as its handler receives it: its command and sub-command by name, its arguments typed by their options. */
export type CommandJob<Name extends string, Sub extends string | undefined, Opts extends readonly OptionSpec[], Handover = never> = Omit<
  TutorJob,
  'command' | 'subcommand' | 'args' | 'handover'
> & {
  command: Name;
  subcommand: Sub;
  args: ArgsOf<Opts>;
  /** What an earlier job of this command handed over, as its definition's `handover` schema reads it. */
  handover?: Handover | undefined;
};

/** The jobs of one command: one per sub-command (a union `job.subcommand` tells apart), or the command's own. */
export type JobsOf<Name extends string, Opts extends readonly OptionSpec[], Subs extends readonly SubcommandDefinition[], Handover = never> = [
  Subs,
] extends [readonly []]
  ? CommandJob<Name, undefined, Opts, Handover>
  : { [K in keyof Subs]: Subs[K] extends SubcommandDefinition<infer S, infer O> ? CommandJob<Name, S, O, Handover> : never }[number];

/**
 * Runs one job of a command; `report` streams updates (partial text) while it works; `effects` (absent where a
 * processor is called on its own, as in some tests) posts messages and sets timers. Null: nothing to answer.
 */
export type CommandHandler<Job> = (job: Job, services: TutorServices, report: ReportUpdate, effects: JobEffects | undefined) => Promise<Reply | null>;

/** What a command file declares: the definition, and the handler its jobs run. */
export interface CommandSpec<N extends string, Opts extends readonly OptionSpec[], Subs extends readonly SubcommandDefinition[], Handover>
  extends CommandDefinition<N, Opts, Subs> {
  /** Where it stands in menus and /help, lower first (commands/index.ts sorts by it; tens leave room between). */
  menuOrder: number;
  /** The shape of `TutorJob.handover`, for a command whose job hands its work on to another queue. */
  handover?: z.ZodType<Handover>;
  handler: CommandHandler<JobsOf<N, Opts, Subs, Handover>>;
}

/** A defined command: its definition, typed as written, and `run` for the processor. */
export type DefinedCommand<N extends string, Opts extends readonly OptionSpec[], Subs extends readonly SubcommandDefinition[]> = CommandDefinition<N, Opts, Subs> &
  TutorCommand & { menuOrder: number };

export function defineCommand<
  const N extends string,
  const Opts extends readonly OptionSpec[],
  const Subs extends readonly SubcommandDefinition[] = readonly [],
  Handover = never,
>(spec: CommandSpec<N, Opts, Subs, Handover>): DefinedCommand<N, Opts, Subs> {
  const { handler, handover, ...definition } = spec;
  // Built once: a job's arguments are checked against the options of the sub-command it names (or the command's own).
  const schemas = new Map<string | undefined, z.ZodType>();
  if (definition.subcommands) for (const subcommand of definition.subcommands) schemas.set(subcommand.name, argsSchema(subcommand.options));
  else schemas.set(undefined, argsSchema(definition.options));

  const run = async (job: TutorJob, services: TutorServices, report: ReportUpdate, effects: JobEffects | undefined) => {
    const schema = schemas.get(job.subcommand);
    if (!schema) throw new InvalidJobError(`malformed job: /${definition.name} has no sub-command ${job.subcommand ?? '(none)'}`);
    const args = schema.safeParse(job.args);
    if (!args.success) throw new InvalidJobError(`malformed job: ${args.error.issues.map((issue) => ['args', ...issue.path].join('.')).join(', ')}`);
    let handedOver: Handover | undefined;
    if (job.handover !== undefined) {
      if (!handover) throw new InvalidJobError(`malformed job: /${definition.name} takes no handover`);
      const read = handover.safeParse(job.handover);
      if (!read.success) throw new InvalidJobError(`malformed job: ${read.error.issues.map((issue) => ['handover', ...issue.path].join('.')).join(', ')}`);
      handedOver = read.data;
    }
    // Checked just above against the very options (and handover schema) the job type is derived from.
    const typed = { ...job, args: args.data, handover: handedOver } as unknown as JobsOf<N, Opts, Subs, Handover>;
    return handler(typed, services, report, effects);
  };
  return { ...definition, run };
}
