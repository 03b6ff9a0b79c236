import type { TopicMeta } from '../src/core/lessons/types.js';

/** The curriculum in learning-path order ("next lesson" follows this list). */
export const TOPICS = [
  { id: 'gpt', prerequisites: [], related: ['generative', 'pretraining', 'transformer'] },
  { id: 'generative', prerequisites: ['gpt'], related: ['pretraining', 'gpt'] },
  { id: 'pretraining', prerequisites: ['gpt'], related: ['learning-paradigms', 'generative', 'transformer'] },
  { id: 'learning-paradigms', prerequisites: ['pretraining'], related: ['pretraining'] },
  { id: 'transformer', prerequisites: ['gpt'], related: ['attention', 'pretraining'] },
  { id: 'attention', prerequisites: ['transformer'], related: ['transformer', 'generative'] },
] as const satisfies readonly TopicMeta[];

export type TopicId = (typeof TOPICS)[number]['id'];
