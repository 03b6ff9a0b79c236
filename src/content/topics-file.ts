/**
 * The learning path, locales/topics.yaml: every topic in the order "next lesson" follows, each with the topics a
 * student should have seen first (`prerequisites`) and those worth reading next to it (`related`, the buttons).
 */
import { z } from 'zod';
import type { TopicMeta } from '../core/lessons/types.js';
import type { ContentProblem } from './errors.js';
import { topicId } from './schema-parts.js';
import { parseYaml, schemaProblems, type Read } from './source-lines.js';

const TOPIC_LIST = z.array(
  z.strictObject({
    id: topicId,
    prerequisites: z.array(topicId, { error: 'expected a list of topic ids' }).default([]),
    related: z.array(topicId, { error: 'expected a list of topic ids' }).default([]),
  }),
  { error: 'the learning path is a list of topics: - id: …' },
);

export function readTopicsFile(file: string, source: string): Read<TopicMeta[]> {
  const parsed = parseYaml(file, source);
  if ('problems' in parsed) return parsed;
  const { data, lineOf } = parsed.value;
  const checked = TOPIC_LIST.safeParse(data ?? []);
  if (!checked.success) return { problems: schemaProblems(file, checked.error, lineOf) };
  const topics = checked.data;
  const problems: ContentProblem[] = [];
  const known = new Set<string>();
  topics.forEach((topic, index) => {
    if (known.has(topic.id)) problems.push({ file, line: lineOf([index, 'id']), message: `duplicate topic id "${topic.id}": a topic is on the path once` });
    known.add(topic.id);
  });
  if (topics.length === 0) problems.push({ file, line: 1, message: 'the learning path has no topic' });
  topics.forEach((topic, index) => {
    for (const field of ['prerequisites', 'related'] as const) {
      topic[field].forEach((id, at) => {
        if (!known.has(id)) problems.push({ file, line: lineOf([index, field, at]), message: `${topic.id}: ${field} names "${id}", which is not on the path` });
      });
    }
  });
  return problems.length > 0 ? { problems } : { value: topics };
}
