/**
 * Writes the training corpus from the project's own text, read as the tutor reads it (src/content), as plain prose:
 * every lesson level (locales/{en,zh}/lessons/*.md: the title and summary as one opening sentence, then the level's
 * text without Markdown, list markers or code blocks) and every quiz question (locales/quiz/*.json: the question,
 * then the correct answer with its explanation, then why the other options are wrong — no option letters, no
 * "Correct answer:" markers). A model trained on the lettered quiz and the Markdown learnt to answer with "D.", "**"
 * and blank lines; prose teaches it sentences. One document per lesson level and per quiz question; documents are
 * separated by the ASCII record separator (U+001E, never in the text), so the Python side splits them without
 * parsing anything. (Not by the end token's text: the tokens lesson quotes "<|endoftext|>" literally.)
 * `shownDocuments` keeps every text as the tutor shows it (with the UI strings), for the heatmap font's coverage.
 * Usage: node --import tsx training/export-corpus.ts [outFile]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { en as enStrings } from '../locales/en/ui.js';
import { zh as zhStrings } from '../locales/zh/ui.js';
import { loadContent, type Content } from '../src/content/load.js';
import { SHIPPED_CONTENT_DIR } from '../src/content/shipped.js';
import { LEVELS } from '../src/core/lessons/types.js';
import { parseMarkdown } from '../src/core/markdown.js';

export const DOC_SEPARATOR = '\u001e';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LANGS = ['en', 'zh'] as const;
const UI_STRINGS = { en: enStrings, zh: zhStrings } as const;

const LETTERS = ['A', 'B', 'C', 'D'];
const QUIZ_WORDS = {
  en: { question: 'Quiz question: ', answer: 'Correct answer: ' },
  zh: { question: '测验题：', answer: '正确答案：' },
} as const;

/** Every string leaf of a nested UI strings object, in key order; `{{placeholders}}` are kept (the model sees them). */
function stringLeaves(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) stringLeaves(v, out);
  return out;
}

/**
 * Topic ids in the order of the lesson files' names (generative-risks.md before generative.md), as the corpus always
 * was: the corpus (and so the model) does not depend on the learning path's order.
 */
function byFileName(content: Content): string[] {
  return content.topics.map((topic) => topic.id).sort((a, b) => (`${a}.md` < `${b}.md` ? -1 : 1));
}

function shownLessons(content: Content, lang: (typeof LANGS)[number]): string[] {
  return byFileName(content).flatMap((id) => {
    const lesson = content.lessons[lang][id]!;
    // No markdown heading marker: a leading "# " taught the model to answer a prompt with a new line.
    return LEVELS.map((level) => `${lesson.title}\n${lesson.summary}\n\n${lesson.levels[level].trim()}`);
  });
}

/**
 * One document per quiz question: the question and its lettered options, then (a second paragraph, so train.py may
 * hold it out like any lesson paragraph after the first) the correct answer and why each option is right or wrong.
 */
function shownQuiz(content: Content, lang: (typeof LANGS)[number]): string[] {
  const words = QUIZ_WORDS[lang];
  return content.questions.map(({ correct, text: texts }) => {
    const text = texts[lang];
    const lettered = (lines: readonly string[]) => lines.map((line, i) => `${LETTERS[i]}. ${line}`);
    const asked = [`${words.question}${text.question}`, ...lettered(text.options)];
    const answered = [`${words.answer}${LETTERS[correct]}. ${text.options[correct]}`, ...lettered(text.explanations)];
    return `${asked.join('\n')}\n\n${answered.join('\n')}`;
  });
}

/** Every lesson, quiz question and UI string as the tutor shows it (Markdown, letters and all), per language. */
export function shownDocuments(contentDir = SHIPPED_CONTENT_DIR): string[] {
  const content = loadContent(contentDir);
  return LANGS.flatMap((lang) => {
    const strings = stringLeaves(UI_STRINGS[lang]);
    if (strings.length === 0) throw new Error(`locales/${lang}/ui.ts: no strings found under export "${lang}"`);
    return [...shownLessons(content, lang), ...shownQuiz(content, lang), strings.join('\n')];
  });
}

const ENDS_SENTENCE = /[.!?。！？:：]$/;
/** "What is GPT?" + summary → one line; "Attention" + summary → "Attention: …" (zh "注意力机制：…"). */
function opening(title: string, summary: string, lang: (typeof LANGS)[number]): string {
  if (ENDS_SENTENCE.test(title)) return `${title}${lang === 'zh' ? '' : ' '}${summary}`;
  return `${title}${lang === 'zh' ? '：' : ': '}${summary}`;
}
export const sentence = (text: string, lang: (typeof LANGS)[number]) => (ENDS_SENTENCE.test(text.trim()) ? text.trim() : `${text.trim()}${lang === 'zh' ? '。' : '.'}`);

/** Markdown as prose: inline markup and list markers removed, code blocks (formulas, NumPy) left out, paragraphs kept. */
export function prose(markdown: string): string {
  const lines = parseMarkdown(markdown).flatMap((block) =>
    block.type === 'code' ? [] : [block.inlines.map((inline) => inline.text).join('').replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '')],
  );
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** Markers a quiz explanation starts with ("Right.", "正确。"): the prose says which answer is right by its order. */
export const ANSWER_MARKER = /^(?:Right|Correct|Yes|Wrong|No)[.!,:]\s*|^(?:正确|对|错误|不对)[。！，：]\s*/;

function proseLessons(content: Content, lang: (typeof LANGS)[number]): string[] {
  return byFileName(content).flatMap((id) => {
    const lesson = content.lessons[lang][id]!;
    return LEVELS.map((level) => `${opening(lesson.title, lesson.summary, lang)}\n\n${prose(lesson.levels[level])}`);
  });
}

/** A question, then its answer and why (a paragraph train.py may hold out), then why the other options are wrong. */
function proseQuiz(content: Content, lang: (typeof LANGS)[number]): string[] {
  return content.questions.map(({ correct, text: texts }) => {
    const text = texts[lang];
    const why = (i: number) => prose(text.explanations[i]!.replace(ANSWER_MARKER, ''));
    const answer = `${sentence(text.options[correct]!, lang)}${lang === 'zh' ? '' : ' '}${why(correct)}`;
    const others = text.options.flatMap((_, i) => (i === correct ? [] : [why(i)])).join(lang === 'zh' ? '' : ' ');
    return [prose(text.question), answer, others].join('\n\n');
  });
}

/** The training corpus's documents (lessons, then quiz questions, per language), lesson files and quiz questions. */
export async function corpusDocuments(contentDir = SHIPPED_CONTENT_DIR): Promise<{ docs: string[]; lessonFiles: Record<string, number>; quizQuestions: Record<string, number> }> {
  const content = loadContent(contentDir);
  const docs: string[] = [];
  const lessonFiles: Record<string, number> = {};
  const quizQuestions: Record<string, number> = {};
  for (const lang of LANGS) {
    const lessons = proseLessons(content, lang);
    const quiz = proseQuiz(content, lang);
    docs.push(...lessons, ...quiz);
    lessonFiles[lang] = lessons.length / LEVELS.length;
    quizQuestions[lang] = quiz.length;
  }
  return { docs, lessonFiles, quizQuestions };
}

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? join(ROOT, 'training', 'build', 'corpus.txt'));
  const { docs, lessonFiles: counts, quizQuestions } = await corpusDocuments();
  for (const doc of docs) if (doc.includes(DOC_SEPARATOR)) throw new Error('a document contains U+001E');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, docs.join(DOC_SEPARATOR));
  const stats = { documents: docs.length, lessonFiles: counts, quizQuestions, bytes: Buffer.byteLength(docs.join('')) };
  // Read by build_model.py for the manifest.
  writeFileSync(out.replace(/\.txt$/, '.json'), `${JSON.stringify(stats)}\n`);
  process.stdout.write(`${JSON.stringify({ out, ...stats })}\n`);
}

// Run as a script, not when a test imports corpusDocuments().
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
