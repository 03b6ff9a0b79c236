import type { CommandInvocation, TypedInvocation } from '../invocation.js';
import type { LessonContext } from './lesson-context.js';

/** The hidden /followup command about a message's lesson, asked by this person with this question. */
export function followUpInvocation(asker: Pick<CommandInvocation, 'user' | 'chat' | 'platform'>, context: LessonContext, question: string): TypedInvocation {
  return { ...asker, command: 'followup', args: { topic: context.topic, level: context.level, digest: context.digest, question } };
}
