/**
 * Writes the labelled question → answer pairs the fine-tuned stage (gpt-tutor-tiny-chat) is trained on, each already
 * rendered through the stage's chat template (chat-data/chat-template.jinja, the one shipped in its
 * tokenizer_config.json), so training sees exactly the prompt the tutor will send:
 * - every fact of chat-data/facts.json, each asked many ways per language: the 5th phrasing is the validation
 *   pair early stopping reads (finetune.py: does the greedy answer state the key?), every other one trains;
 * - every quiz question of locales/quiz (read as the tutor reads it) in both languages → the right option and why.
 * The held-out questions (chat-data/heldout-questions.json, written before any training) are never written here: a
 * pair whose question equals one of them, or shares half its character trigrams with one, stops the export.
 * Usage: node --import tsx training/export-chat-data.ts [outFile]   (default training/build/chat-pairs.json)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Template } from '@huggingface/jinja';
import { z } from 'zod';
import { loadContent } from '../src/content/load.js';
import { SHIPPED_CONTENT_DIR } from '../src/content/shipped.js';
import { ANSWER_MARKER, prose, sentence } from './export-corpus.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const CHAT_DATA_DIR = join(HERE, 'chat-data');
export const END_TOKEN = '<|endoftext|>';
const LANGS = ['en', 'zh'] as const;
type Lang = (typeof LANGS)[number];
/** Which of a fact's phrasings is kept for validation (early stopping), never trained on. */
const VALIDATION_PHRASING = 4;

const asked = z.object({ questions: z.array(z.string().min(3)).min(VALIDATION_PHRASING + 1), answer: z.string().min(3) });
const factSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  topic: z.string(),
  key: z.object({ en: z.array(z.string().min(1)).min(1), zh: z.array(z.string().min(1)).min(1) }),
  en: asked,
  zh: asked,
});
const heldoutSchema = z.object({ fact: z.string(), lang: z.enum(LANGS), question: z.string().min(3) });

export type Fact = z.infer<typeof factSchema>;
export type HeldoutQuestion = z.infer<typeof heldoutSchema> & { key: string[] };

export function readFacts(dir = CHAT_DATA_DIR): Fact[] {
  return z.array(factSchema).parse(JSON.parse(readFileSync(join(dir, 'facts.json'), 'utf8')));
}

/** The held-out questions with their fact's accepted key terms. */
export function readHeldout(dir = CHAT_DATA_DIR): HeldoutQuestion[] {
  const facts = new Map(readFacts(dir).map((fact) => [fact.id, fact]));
  return z
    .array(heldoutSchema)
    .parse(JSON.parse(readFileSync(join(dir, 'heldout-questions.json'), 'utf8')))
    .map((q) => {
      const fact = facts.get(q.fact);
      if (!fact) throw new Error(`heldout-questions.json: no fact "${q.fact}" in facts.json`);
      return { ...q, key: fact.key[q.lang] };
    });
}

/** Does an answer state the key fact? (Case-insensitive: "transformer" counts for "Transformer".) */
export function containsKey(answer: string, key: readonly string[]): boolean {
  const text = answer.toLowerCase();
  return key.some((term) => text.includes(term.toLowerCase()));
}

/** A question compared without case, spaces or punctuation: "What is T?" equals "what is t". */
export const normalizeQuestion = (question: string) => question.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');

/** Above this share of shared character trigrams (Jaccard), a training question counts as a copy of a held-out one. */
export const NEAR_COPY_JACCARD = 0.5;

function trigrams(question: string): Set<string> {
  const text = normalizeQuestion(question);
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= text.length; i++) grams.add(text.slice(i, i + 3));
  return grams;
}

/** The share of character trigrams two questions share (0–1): a reworded question shares few, a copy most. */
export function trigramJaccard(a: string, b: string): number {
  const [x, y] = [trigrams(a), trigrams(b)];
  let shared = 0;
  for (const gram of x) if (y.has(gram)) shared++;
  return shared / Math.max(1, x.size + y.size - shared);
}

export function chatTemplate(dir = CHAT_DATA_DIR): string {
  return readFileSync(join(dir, 'chat-template.jinja'), 'utf8');
}

export interface ChatPair {
  lang: Lang;
  source: string;
  question: string;
  /** The rendered prompt, up to and with the opened assistant turn ("Q: …\nA:"). */
  prompt: string;
  /** What the model learns to write after the prompt; training appends the end token's id. */
  completion: string;
  /** The fact's accepted key terms (fact pairs only): validation checks the greedy answer states one. */
  key?: string[];
}

function renderer(template: string): (question: string, answer: string) => { prompt: string; completion: string } {
  const compiled = new Template(template);
  const render = (messages: { role: string; content: string }[], add_generation_prompt: boolean) =>
    compiled.render({ messages, add_generation_prompt, bos_token: END_TOKEN, eos_token: END_TOKEN });
  return (question, answer) => {
    const prompt = render([{ role: 'user', content: question }], true);
    const full = render([{ role: 'user', content: question }, { role: 'assistant', content: answer }], false);
    const turnEnd = `${END_TOKEN}\n`;
    if (!full.startsWith(prompt) || !full.endsWith(turnEnd)) throw new Error('the chat template must render a user turn, then the assistant turn after its generation prompt, ending with eos');
    return { prompt, completion: full.slice(prompt.length, -turnEnd.length) };
  };
}

export function chatPairs(dir = CHAT_DATA_DIR, contentDir = SHIPPED_CONTENT_DIR): { train: ChatPair[]; validation: ChatPair[] } {
  const render = renderer(chatTemplate(dir));
  const train: ChatPair[] = [];
  const validation: ChatPair[] = [];
  for (const fact of readFacts(dir)) {
    for (const lang of LANGS) {
      fact[lang].questions.forEach((question, i) => {
        const pair = { lang, source: `fact:${fact.id}`, question, ...render(question, fact[lang].answer), key: fact.key[lang] };
        (i === VALIDATION_PHRASING ? validation : train).push(pair);
      });
    }
  }
  const content = loadContent(contentDir);
  for (const { id, correct, text: texts } of content.questions) {
    for (const lang of LANGS) {
      const text = texts[lang];
      const why = prose(text.explanations[correct]!.replace(ANSWER_MARKER, ''));
      const answer = `${sentence(text.options[correct]!, lang)}${lang === 'zh' ? '' : ' '}${why}`;
      train.push({ lang, source: `quiz:${id}`, question: prose(text.question), ...render(prose(text.question), answer) });
    }
  }
  const heldout = readHeldout(dir);
  for (const pair of [...train, ...validation]) {
    const clash = heldout.find((q) => q.lang === pair.lang && trigramJaccard(q.question, pair.question) >= NEAR_COPY_JACCARD);
    if (clash) throw new Error(`${pair.source} asks (nearly) a held-out question (${clash.fact}, ${clash.lang}): "${pair.question}" ~ "${clash.question}"`);
  }
  return { train, validation };
}

function main(): void {
  const out = resolve(process.argv[2] ?? join(HERE, 'build', 'chat-pairs.json'));
  const { train, validation } = chatPairs();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ template: chatTemplate(), train, validation })}\n`);
  const count = (pairs: ChatPair[], prefix: string) => pairs.filter((p) => p.source.startsWith(prefix)).length;
  process.stdout.write(`${JSON.stringify({ out, train: train.length, validation: validation.length, facts: count(train, 'fact:'), quiz: count(train, 'quiz:') })}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
