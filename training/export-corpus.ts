/**
 * Writes the training corpus from the project's own text, read as the tutor reads it (src/content): every lesson
 * (locales/{en,zh}/lessons/*.md: title, summary and all three levels), every quiz question (locales/quiz/*.json:
 * question, options, the correct answer and every option's explanation, in bank order) and the UI strings. One
 * document per lesson level and per quiz question; documents are separated by the
 * ASCII record separator (U+001E, never in the text), so the Python side splits them without parsing anything.
 * (Not by the end token's text: the tokens lesson quotes "<|endoftext|>" literally.)
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

function lessonDocuments(content: Content, lang: (typeof LANGS)[number]): string[] {
  // In the order of the lesson files' names (generative-risks.md before generative.md), as the corpus always was:
  // the corpus (and so the model) does not depend on the learning path's order.
  const byFileName = content.topics.map((topic) => topic.id).sort((a, b) => (`${a}.md` < `${b}.md` ? -1 : 1));
  return byFileName.flatMap((id) => {
    const lesson = content.lessons[lang][id]!;
    // No markdown heading marker: a leading "# " taught the model to answer a prompt with a new line.
    return LEVELS.map((level) => `${lesson.title}\n${lesson.summary}\n\n${lesson.levels[level].trim()}`);
  });
}

/**
 * One document per quiz question: the question and its lettered options, then (a second paragraph, so train.py may
 * hold it out like any lesson paragraph after the first) the correct answer and why each option is right or wrong.
 */
function quizDocuments(content: Content, lang: (typeof LANGS)[number]): string[] {
  const words = QUIZ_WORDS[lang];
  return content.questions.map(({ correct, text: texts }) => {
    const text = texts[lang];
    const lettered = (lines: readonly string[]) => lines.map((line, i) => `${LETTERS[i]}. ${line}`);
    const asked = [`${words.question}${text.question}`, ...lettered(text.options)];
    const answered = [`${words.answer}${LETTERS[correct]}. ${text.options[correct]}`, ...lettered(text.explanations)];
    return `${asked.join('\n')}\n\n${answered.join('\n')}`;
  });
}

/**
 * The corpus documents (lessons, quiz questions, then UI strings, per language), how many lesson files and how many
 * quiz questions each language has.
 */
export async function corpusDocuments(contentDir = SHIPPED_CONTENT_DIR): Promise<{ docs: string[]; lessonFiles: Record<string, number>; quizQuestions: Record<string, number> }> {
  const content = loadContent(contentDir);
  const docs: string[] = [];
  const lessonFiles: Record<string, number> = {};
  const quizQuestions: Record<string, number> = {};
  for (const lang of LANGS) {
    const lessons = lessonDocuments(content, lang);
    const quiz = quizDocuments(content, lang);
    const strings = stringLeaves(UI_STRINGS[lang]);
    if (strings.length === 0) throw new Error(`locales/${lang}/ui.ts: no strings found under export "${lang}"`);
    docs.push(...lessons, ...quiz, strings.join('\n'));
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
