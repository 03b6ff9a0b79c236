import type { CommandHandler, CommandJob } from '../../src/core/define-command.js';
import type { Level } from '../../src/core/lessons/types.js';
import { commandHint, didYouMean, noMatch, notCovered, topicList, uncoveredTerm } from './choices.js';
import { generatedAnswer, isFreeQuestion } from './generated-answer.js';
import { handedOverRetrieval, type ExplainHandover } from './handover.js';
import { lessonReply } from './lesson.js';
import type { EXPLAIN_OPTIONS } from './options.js';
import { looksLikeCommand, readExplainQuery } from './query.js';

export type ExplainJob = CommandJob<'explain', undefined, typeof EXPLAIN_OPTIONS, ExplainHandover>;

const DEFAULT_LEVEL: Level = 'beginner';

/**
 * /explain: a lesson at a level, the learning path, "did you mean", "not covered" (with what is), or (with a chat
 * model) an answer to a question.
 */
export const handleExplain: CommandHandler<ExplainJob> = async (job, services, report, effects) => {
  if (looksLikeCommand(job.args.topic)) return commandHint(job, services);
  const { topic: query, level } = readExplainQuery(job.args.topic, job.args.level);
  if (!query) return topicList(job, services, level);

  const found = handedOverRetrieval(job.handover, services) ?? services.retriever.find(query);
  // Outside the curriculum, or on a term without a lesson: said honestly, before any lesson or model answer.
  if (found.uncovered) return uncoveredTerm(job, services, found.uncovered, level);
  if (found.outside) return notCovered(job, services, query, level);
  if (!found.best) return noMatch(job, services, query, level);
  if (isFreeQuestion(query) && services.model?.chat) {
    // A generated answer takes seconds of model time: it runs on the model queue, so lessons on the fast queue never
    // wait behind it. The fast job hands the same job (same reply address) over with what it found, and answers
    // nothing itself.
    if (!job.handover && effects) {
      const handover: ExplainHandover = { found: { ...found, best: found.best } };
      await effects.schedule('model', { ...job, handover }, { jobId: `explain-${job.address.correlationId}` });
      return null;
    }
    const answer = await generatedAnswer(job, services, report, query, found.best.id, level ?? DEFAULT_LEVEL);
    if (answer) return answer;
  }
  if (found.confident && found.alternatives.length === 0) return lessonReply(job, services, found.best.id, level ?? DEFAULT_LEVEL);
  return didYouMean(job, services, query, [found.best, ...found.alternatives], level);
};
