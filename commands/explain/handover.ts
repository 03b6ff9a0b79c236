import { z } from 'zod';
import type { RetrievalResult } from '../../src/core/lessons/retrieval.js';
import type { TutorServices } from '../../src/core/services.js';

const topicMatch = z.object({ id: z.string().min(1).max(64), score: z.number() });

/**
 * What the fast job of a free question hands to the model job that answers it (TutorJob.handover): the lessons the
 * question matched, so the model job does not search again.
 */
export const explainHandover = z.object({
  found: z.object({ best: topicMatch, alternatives: z.array(topicMatch).max(8), exact: z.boolean(), confident: z.boolean() }),
});
export type ExplainHandover = z.infer<typeof explainHandover>;

/**
 * The retrieval the fast job handed over, while this worker's curriculum still has every lesson it names (a worker
 * of another release may not): else undefined, and the question is searched again.
 */
export function handedOverRetrieval(handover: ExplainHandover | undefined, services: Pick<TutorServices, 'catalog'>): RetrievalResult | undefined {
  if (!handover) return undefined;
  const { found } = handover;
  return [found.best, ...found.alternatives].every((match) => services.catalog.has(match.id)) ? found : undefined;
}
