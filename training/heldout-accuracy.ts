/**
 * How often each stage of the tutor's GPT answers a held-out question (training/chat-data/heldout-questions.json:
 * paraphrases no stage ever trained on, written before the fine-tuning) with its key fact: the same prompt (the
 * fine-tuned stage's chat template) and the same decoding as /compare (COMPARE_DEFAULTS), greedy, so a run is
 * reproducible. Used by `npm run eval:model` and by the model tests.
 */
import { COMPARE_DEFAULTS } from '../commands/compare/handler.js';
import type { TinyGpt } from '../src/model/index.js';
import { containsKey, readHeldout, type HeldoutQuestion } from './export-chat-data.js';

export interface StageAccuracy {
  accuracy: number;
  en: number;
  zh: number;
  /** Every question's answer, for reading what went wrong. */
  answers: { fact: string; lang: string; question: string; text: string; correct: boolean }[];
}

export async function heldoutAccuracy(stage: TinyGpt, promptOf: (question: string) => string, questions: readonly HeldoutQuestion[] = readHeldout()): Promise<StageAccuracy> {
  const answers: StageAccuracy['answers'] = [];
  for (const q of questions) {
    const { text } = await stage.generator.generate({ prompt: promptOf(q.question), ...COMPARE_DEFAULTS });
    answers.push({ fact: q.fact, lang: q.lang, question: q.question, text, correct: containsKey(text, q.key) });
  }
  const share = (lang?: string) => {
    const asked = answers.filter((a) => lang === undefined || a.lang === lang);
    return Math.round((asked.filter((a) => a.correct).length / Math.max(1, asked.length)) * 1000) / 1000;
  };
  return { accuracy: share(), en: share('en'), zh: share('zh'), answers };
}
