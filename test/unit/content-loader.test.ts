/**
 * Lessons and questions are data (issue 16): a topic is added with files alone — two lessons, a quiz file and a
 * line on the learning path — and shows in retrieval, the learning path, the quiz bank and the corpus export; a
 * broken file stops the load with that file (and line) named. Fixtures: test/fixtures/content-extra and
 * content-malformed, put into a copy of locales/.
 */
import { appendFileSync, copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentError } from '../../src/content/errors.js';
import { loadContent } from '../../src/content/load.js';
import { SHIPPED_CONTENT_DIR, tutorContent } from '../../src/content/shipped.js';
import { LessonRetriever } from '../../src/core/lessons/retrieval.js';
import { chineseTexts } from '../../training/chinese-texts.js';
import { corpusDocuments, prose } from '../../training/export-corpus.js';
import { QUESTIONS, TOPICS } from '../support/content.js';

const EXTRA = new URL('../fixtures/content-extra/', import.meta.url).pathname;
const MALFORMED = new URL('../fixtures/content-malformed/', import.meta.url).pathname;
const SHIPPED_PATH_LINES = readFileSync(join(SHIPPED_CONTENT_DIR, 'topics.yaml'), 'utf8').split('\n').length - 1;

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A copy of locales/, with the extra topic's files and (unless told not to) its line on the learning path. */
function contentWithExtraTopic(options: { onPath?: boolean } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'gpt-tutor-content-'));
  folders.push(root);
  cpSync(SHIPPED_CONTENT_DIR, root, { recursive: true });
  for (const folder of ['en', 'zh', 'quiz']) cpSync(join(EXTRA, folder), join(root, folder), { recursive: true });
  if (options.onPath !== false) appendFileSync(join(root, 'topics.yaml'), readFileSync(join(EXTRA, 'topics-append.yaml')));
  return root;
}

/** The message of the ContentError that loading throws (fails the test when it loads). */
function loadError(root: string): string {
  try {
    loadContent(root);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as Error).message;
  }
  throw new Error('the content loaded');
}

describe('content as data', () => {
  it('loads the shipped content: every topic on the path with its lessons, the quiz bank in path order', () => {
    const content = loadContent(SHIPPED_CONTENT_DIR);
    expect(content.topics).toEqual(TOPICS);
    expect(Object.keys(content.lessons.en)).toEqual(TOPICS.map((topic) => topic.id));
    expect(Object.keys(content.lessons.zh)).toEqual(TOPICS.map((topic) => topic.id));
    expect(content.questions.map((question) => question.id)).toEqual(QUESTIONS.map((question) => question.id));
  });

  it('adds a topic from data files alone: retrieval, the learning path, the quiz bank, the corpus and the font text see it', async () => {
    const root = contentWithExtraTopic();
    const { content, catalog, quiz } = tutorContent(loadContent(root));

    expect(catalog.topics.map((topic) => topic.id)).toEqual([...TOPICS.map((topic) => topic.id), 'key-value-cache']);
    expect(catalog.next(TOPICS.at(-1)!.id)?.id).toBe('key-value-cache');
    expect(catalog.topic('key-value-cache')).toEqual({ id: 'key-value-cache', prerequisites: ['attention', 'sampling'], related: ['qkv', 'sampling', 'decoder-only'] });
    expect(catalog.lesson('zh', 'key-value-cache').title).toBe('KV缓存');
    expect(content.facts.en['key-value-cache']!.map(String)).toEqual(['/cache/i', '/keys?\\b/i']);

    const retriever = new LessonRetriever(catalog);
    expect(retriever.find('key-value-cache').best?.id).toBe('key-value-cache');
    // Its zh title, asked outright (the shipped kv-cache lesson teaches the same subject under another title).
    expect(retriever.find('KV缓存').best?.id).toBe('key-value-cache');

    expect(quiz.forTopic('key-value-cache').map((question) => [question.id, question.correct])).toEqual([['key-value-cache-1', 1], ['key-value-cache-2', 0]]);
    expect(quiz.get('key-value-cache-1')?.text.zh.options[1]).toBe('已经处理过的词元的键和值');

    const shipped = await corpusDocuments();
    const extended = await corpusDocuments(root);
    expect(extended.lessonFiles).toEqual({ en: shipped.lessonFiles.en! + 1, zh: shipped.lessonFiles.zh! + 1 });
    expect(extended.quizQuestions).toEqual({ en: shipped.quizQuestions.en! + 2, zh: shipped.quizQuestions.zh! + 2 });
    const lesson = catalog.lesson('en', 'key-value-cache');
    expect(extended.docs).toContain(`${lesson.title}: ${lesson.summary}\n\n${prose(lesson.levels.expert)}`);
    expect(extended.docs.some((doc) => doc.startsWith('为什么回复越长，KV缓存就越大？\n\n'))).toBe(true);

    expect(chineseTexts(content).filter(({ where }) => where.startsWith('lesson key-value-cache.levels.')).map(({ where }) => where)).toEqual([
      'lesson key-value-cache.levels.kid',
      'lesson key-value-cache.levels.beginner',
      'lesson key-value-cache.levels.expert',
    ]);
  });

  const lesson = (lang: 'en' | 'zh') => join(lang, 'lessons', 'key-value-cache.md');
  const QUIZ = join('quiz', 'key-value-cache.json');
  const PATH = 'topics.yaml';
  /** Each fixture in content-malformed/, the file it replaces, and what the error says (file:line: …). */
  const CASES: { fixture: string; replaces: string; says: RegExp }[] = [
    { fixture: 'missing-level.md', replaces: lesson('en'), says: /en\/lessons\/key-value-cache\.md: missing level: no "## expert" section/ },
    { fixture: 'unknown-section.md', replaces: lesson('en'), says: /en\/lessons\/key-value-cache\.md:21: "## advanced" is not a level/ },
    { fixture: 'no-keywords.md', replaces: lesson('zh'), says: /zh\/lessons\/key-value-cache\.md:2: keywords: missing: list the words students use/ },
    { fixture: 'bad-front-matter.md', replaces: lesson('en'), says: /en\/lessons\/key-value-cache\.md:\d+: not valid YAML/ },
    { fixture: 'duplicate-id.json', replaces: QUIZ, says: /quiz\/key-value-cache\.json:36: question key-value-cache-1: duplicate id/ },
    { fixture: 'no-answer.json', replaces: QUIZ, says: /quiz\/key-value-cache\.json:35: question key-value-cache-2: answer: missing: the letter of the correct option/ },
    { fixture: 'answer-out-of-range.json', replaces: QUIZ, says: /quiz\/key-value-cache\.json:12: question key-value-cache-1: answer: "E" names no option: the correct answer is a letter A–D/ },
    { fixture: 'zh-options-out-of-step.json', replaces: QUIZ, says: /quiz\/key-value-cache\.json:54: question key-value-cache-2: zh\.options: 3 options, the English has 4/ },
    { fixture: 'not-json.json', replaces: QUIZ, says: /quiz\/key-value-cache\.json:12: not valid JSON/ },
    { fixture: 'duplicate-topic.yaml', replaces: PATH, says: new RegExp(`topics\\.yaml:${SHIPPED_PATH_LINES + 4}: duplicate topic id "key-value-cache"`) },
    { fixture: 'unknown-related.yaml', replaces: PATH, says: new RegExp(`topics\\.yaml:${SHIPPED_PATH_LINES + 3}: key-value-cache: related names "qkv-attention", which is not on the path`) },
  ];

  for (const { fixture, replaces, says } of CASES) {
    it(`stops at ${fixture}, naming the file and line`, () => {
      const root = contentWithExtraTopic({ onPath: replaces !== PATH });
      if (replaces === PATH) appendFileSync(join(root, PATH), readFileSync(join(MALFORMED, fixture)));
      else copyFileSync(join(MALFORMED, fixture), join(root, replaces));
      expect(loadError(root)).toMatch(says);
    });
  }

  it('stops at a topic taught in one language only, naming the missing file', () => {
    const root = contentWithExtraTopic();
    rmSync(join(root, lesson('zh')));
    expect(loadError(root)).toMatch(/zh\/lessons\/key-value-cache\.md: missing: topic "key-value-cache" has no zh lesson \(en has one\)/);
  });

  it('stops at lessons and questions of a topic that is not on the learning path', () => {
    const message = loadError(contentWithExtraTopic({ onPath: false }));
    for (const file of [lesson('en'), lesson('zh'), QUIZ]) expect(message).toContain(`${file}: topic "key-value-cache" is not on the learning path`);
  });

  it('lists every problem at once, so a teacher fixes them in one go', () => {
    const root = contentWithExtraTopic();
    copyFileSync(join(MALFORMED, 'missing-level.md'), join(root, lesson('en')));
    copyFileSync(join(MALFORMED, 'no-answer.json'), join(root, QUIZ));
    const message = loadError(root);
    expect(message).toMatch(/^the lesson and quiz content has 2 problems:\n/);
    expect(message).toContain('key-value-cache.md: missing level');
    expect(message).toContain('key-value-cache.json:35: question key-value-cache-2: answer: missing');
  });
});
