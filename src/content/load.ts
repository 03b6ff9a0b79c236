/**
 * Reads and checks the tutor's content from a folder laid out as locales/ is:
 *   topics.yaml                   the learning path
 *   <lang>/lessons/<topic>.md     one lesson per topic and language (lesson-file.ts)
 *   quiz/<topic>.json             a topic's quiz questions, both languages (quiz-file.ts)
 *   examples/<topic>.yaml         a lesson's worked example (example-file.ts)
 *   uncovered-terms.yaml          terms of the field without a lesson yet (uncovered-file.ts; optional)
 * Every file is checked before any is used; all problems are thrown at once as a ContentError naming file and line.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { LessonText, TopicMeta } from '../core/lessons/types.js';
import { LANGS, type Lang } from '../core/locale.js';
import type { UncoveredTerm } from '../core/lessons/uncovered.js';
import type { Question } from '../core/quiz/bank.js';
import { ContentError, type ContentProblem } from './errors.js';
import { readExampleFile } from './example-file.js';
import { readLessonFile, type LessonFile } from './lesson-file.js';
import { readQuizFile } from './quiz-file.js';
import type { Read } from './source-lines.js';
import { readTopicsFile } from './topics-file.js';
import { readUncoveredFile } from './uncovered-file.js';

/** Everything the core is handed: the path, the lessons and the quiz bank, plus the key facts the lesson tests check. */
export interface Content {
  /** In learning-path order. */
  topics: readonly TopicMeta[];
  /** By language and topic id, each language in learning-path order. */
  lessons: Record<Lang, Record<string, LessonText>>;
  /** What every level of a lesson must state, by language and topic id. */
  facts: Record<Lang, Record<string, readonly RegExp[]>>;
  /** The quiz bank: topics in learning-path order, each topic's questions as its file lists them. */
  questions: readonly Question[];
  /** Terms of the field without a lesson: told so, with the nearest lessons. */
  uncovered: readonly UncoveredTerm[];
}

export const TOPICS_FILE = 'topics.yaml';
export const UNCOVERED_FILE = 'uncovered-terms.yaml';
export const lessonFile = (root: string, lang: Lang, topic: string) => join(root, lang, 'lessons', `${topic}.md`);

/** The problems found so far, and a way to keep a file's value while collecting its problems. */
class Problems {
  readonly list: ContentProblem[] = [];

  keep<T>(read: Read<T>): T | undefined {
    if ('value' in read) return read.value;
    this.list.push(...read.problems);
    return undefined;
  }

  add(problem: ContentProblem): void {
    this.list.push(problem);
  }
}

export function loadContent(root: string): Content {
  const problems = new Problems();
  const topicsFile = join(root, TOPICS_FILE);
  let topics: TopicMeta[] = [];
  if (existsSync(topicsFile)) topics = problems.keep(readTopicsFile(topicsFile, readFileSync(topicsFile, 'utf8'))) ?? [];
  else problems.add({ file: topicsFile, message: 'no learning path: this file lists every topic in order' });
  const onPath = new Set(topics.map((topic) => topic.id));
  // Without a readable path every file would be "not on it": the path's own problems say enough.
  const isOnPath = (file: string, topic: string) => {
    if (onPath.has(topic)) return true;
    if (topics.length > 0) problems.add({ file, message: `topic "${topic}" is not on the learning path: add it to ${TOPICS_FILE}` });
    return false;
  };

  const lessons = readLessons(root, topics, isOnPath, problems);
  for (const file of filesIn(join(root, 'examples'), '.yaml')) {
    const topic = basename(file, '.yaml');
    const example = isOnPath(file, topic) ? problems.keep(readExampleFile(file, readFileSync(file, 'utf8'))) : undefined;
    if (example) for (const lang of LANGS) if (lessons[lang].has(topic)) lessons[lang].get(topic)!.lesson.example = example;
  }
  const questions = readQuestions(root, topics, isOnPath, problems);
  const uncoveredFile = join(root, UNCOVERED_FILE);
  const uncovered = existsSync(uncoveredFile) ? (problems.keep(readUncoveredFile(uncoveredFile, readFileSync(uncoveredFile, 'utf8'), onPath)) ?? []) : [];

  if (problems.list.length > 0) throw new ContentError(problems.list);
  const byLang = <T>(pick: (file: LessonFile) => T) =>
    Object.fromEntries(LANGS.map((lang) => [lang, Object.fromEntries(topics.map((topic) => [topic.id, pick(lessons[lang].get(topic.id)!)]))])) as Record<Lang, Record<string, T>>;
  return { topics, lessons: byLang((file) => file.lesson), facts: byLang((file) => file.facts), questions, uncovered };
}

type OnPath = (file: string, topic: string) => boolean;

/** Every language's lesson files by topic; a topic taught in one language only is out of step, a problem. */
function readLessons(root: string, topics: readonly TopicMeta[], isOnPath: OnPath, problems: Problems): Record<Lang, Map<string, LessonFile>> {
  const lessons = Object.fromEntries(LANGS.map((lang) => [lang, new Map<string, LessonFile>()])) as Record<Lang, Map<string, LessonFile>>;
  for (const lang of LANGS) {
    for (const file of filesIn(join(root, lang, 'lessons'), '.md')) {
      const read = problems.keep(readLessonFile(file, readFileSync(file, 'utf8')));
      if (read && isOnPath(file, read.topic)) lessons[lang].set(read.topic, read);
    }
  }
  for (const topic of topics) {
    // A file that exists but did not read has said what is wrong with it already.
    const has = LANGS.filter((lang) => lessons[lang].has(topic.id) || existsSync(lessonFile(root, lang, topic.id)));
    for (const lang of LANGS.filter((candidate) => !has.includes(candidate))) {
      const elsewhere = has.length > 0 ? ` (${has.join(' and ')} has one)` : '';
      problems.add({ file: lessonFile(root, lang, topic.id), message: `missing: topic "${topic.id}" has no ${lang} lesson${elsewhere}` });
    }
  }
  return lessons;
}

/** The quiz bank: topics in learning-path order, each topic's questions as its file lists them; ids unique. */
function readQuestions(root: string, topics: readonly TopicMeta[], isOnPath: OnPath, problems: Problems): Question[] {
  const byTopic = new Map<string, Question[]>();
  const fileOf = new Map<string, string>();
  for (const file of filesIn(join(root, 'quiz'), '.json')) {
    const topic = basename(file, '.json');
    if (!isOnPath(file, topic)) continue;
    const questions = problems.keep(readQuizFile(file, readFileSync(file, 'utf8'))) ?? [];
    for (const question of questions) {
      const earlier = fileOf.get(question.id);
      if (earlier !== undefined) problems.add({ file, message: `duplicate question id "${question.id}" (also in ${earlier}): ids are unique across the bank` });
      else fileOf.set(question.id, file);
    }
    byTopic.set(topic, questions);
  }
  return topics.flatMap((topic) => byTopic.get(topic.id) ?? []);
}

/** The files of a folder with one extension, sorted (so problems come in the same order every time); none when absent. */
function filesIn(folder: string, extension: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith(extension) && !name.startsWith('.'))
    .sort()
    .map((name) => join(folder, name));
}
