import { z } from 'zod';
import { addressSchema, type ReplyAddress } from './delivery.js';
import { LOCALES } from './locale.js';
import { PLATFORMS, type JobContext } from './invocation.js';

/** A command made into data a worker can run anywhere: validated options plus who asked, where, in which language. */
export interface TutorJob {
  command: string;
  subcommand?: string | undefined;
  args: Record<string, string | number>;
  context: JobContext;
  /** Where the reply goes (the adapter's outbox). */
  address: ReplyAddress;
  /**
   * What a job found before handing the rest of its work to another queue (explain: the lessons its question matched,
   * for the model job that answers it). Its shape is the command's (`handover` of its definition), checked there.
   */
  handover?: Readonly<Record<string, unknown>> | undefined;
}

const userSchema = z.object({
  id: z.string().min(1).max(64),
  displayName: z.string().max(256).optional(),
  locale: z.string().max(35).optional(),
  chatAdmin: z.boolean().optional(),
});

const chatSchema = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(['private', 'group']),
  defaultLocale: z.enum(LOCALES).optional(),
  settingsId: z.string().min(1).max(64).optional(),
  install: z.literal('user').optional(),
});

/** What a worker checks every job against before running it: a malformed job fails at once, without retries. */
export const jobSchema = z.object({
  command: z.string().min(1).max(32),
  subcommand: z.string().min(1).max(32).optional(),
  args: z.record(z.string(), z.union([z.string(), z.number()])),
  context: z.object({
    user: userSchema,
    chat: chatSchema,
    platform: z.enum(PLATFORMS),
    locale: z.enum(LOCALES),
  }),
  address: addressSchema,
  handover: z.record(z.string(), z.unknown()).optional(),
}) satisfies z.ZodType<TutorJob>;
