/**
 * Writes the training corpus from the project's own text: every lesson file in locales/{en,zh}/lessons (title,
 * summary and all three levels), every quiz question in locales/{en,zh}/quiz.ts (question, options, the correct
 * answer and every option's explanation, in the order of locales/quiz/bank.ts) and the UI strings. One document per
 * lesson level and per quiz question; documents are separated by the
 * ASCII record separator (U+001E, never in the text), so the Python side splits them without parsing TypeScript.
 * (Not by the end token's text: the tokens lesson quotes "<|endoftext|>" literally.)
 * Usage: node --import tsx training/export-corpus.ts [outFile]
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const DOC_SEPARATOR = '\u001e';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LANGS = ['en', 'zh'] as const;
const LEVELS = ['kid', 'beginner', 'expert'] as const;

interface LessonLike {
  title: string;
  summary: string;
  levels: Record<(typeof LEVELS)[number], string>;
}

interface QuizMetaLike {
  id: string;
  correct: number;
}

interface QuizTextLike {
  question: string;
  options: string[];
  explanations: string[];
}

const LETTERS = ['A', 'B', 'C', 'D'];
const QUIZ_WORDS = {
  en: { question: 'Quiz question: ', answer: 'Correct answer: ' },
  zh: { question: '测验题：', answer: '正确答案：' },
} as const;

function isLesson(value: unknown): value is LessonLike {
  const v = value as Partial<LessonLike> | null;
  return typeof v?.title === 'string' && typeof v.summary === 'string' && typeof v.levels === 'object';
}

/** Every string leaf of a nested UI strings object, in key order; `{{placeholders}}` are kept (the model sees them). */
function stringLeaves(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) stringLeaves(v, out);
  return out;
}

async function lessonDocuments(lang: (typeof LANGS)[number]): Promise<string[]> {
  const dir = join(ROOT, 'locales', lang, 'lessons');
  // Sorted so the corpus (and so the model) does not depend on directory order.
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
  const docs: string[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: unknown };
    if (!isLesson(mod.default)) throw new Error(`${lang}/${file}: not a lesson (title, summary, levels)`);
    const lesson = mod.default;
    for (const level of LEVELS) {
      // No markdown heading marker: a leading "# " taught the model to answer a prompt with a new line.
      docs.push(`${lesson.title}\n${lesson.summary}\n\n${lesson.levels[level].trim()}`);
    }
  }
  return docs;
}

/**
 * One document per quiz question: the question and its lettered options, then (a second paragraph, so train.py may
 * hold it out like any lesson paragraph after the first) the correct answer and why each option is right or wrong.
 */
async function quizDocuments(lang: (typeof LANGS)[number]): Promise<string[]> {
  const bank = (await import(pathToFileURL(join(ROOT, 'locales', 'quiz', 'bank.ts')).href)) as { QUIZ_QUESTIONS: readonly QuizMetaLike[] };
  const texts = ((await import(pathToFileURL(join(ROOT, 'locales', lang, 'quiz.ts')).href)) as { default: Record<string, QuizTextLike> }).default;
  const words = QUIZ_WORDS[lang];
  return bank.QUIZ_QUESTIONS.map(({ id, correct }) => {
    const text = texts[id];
    if (!text) throw new Error(`locales/${lang}/quiz.ts: no text for quiz question ${id}`);
    const lettered = (lines: string[]) => lines.map((line, i) => `${LETTERS[i]}. ${line}`);
    const asked = [`${words.question}${text.question}`, ...lettered(text.options)];
    const answered = [`${words.answer}${LETTERS[correct]}. ${text.options[correct]}`, ...lettered(text.explanations)];
    return `${asked.join('\n')}\n\n${answered.join('\n')}`;
  });
}

/**
 * The corpus documents (lessons, quiz questions, then UI strings, per language), how many lesson files and how many
 * quiz questions each language has.
 */
export async function corpusDocuments(): Promise<{ docs: string[]; lessonFiles: Record<string, number>; quizQuestions: Record<string, number> }> {
  const docs: string[] = [];
  const lessonFiles: Record<string, number> = {};
  const quizQuestions: Record<string, number> = {};
  for (const lang of LANGS) {
    const lessons = await lessonDocuments(lang);
    const quiz = await quizDocuments(lang);
    const ui = (await import(pathToFileURL(join(ROOT, 'locales', lang, 'ui.ts')).href)) as Record<string, unknown>;
    const strings = stringLeaves(ui[lang]);
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
