/**
 * The fine-tuned stage's data: the labelled pairs it trains on, the held-out questions it is measured on (never
 * trained), and the chat template both the training pairs and the shipped model use.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { SHIPPED_CONTENT_DIR } from '../../src/content/shipped.js';
import { DEFAULT_MODELS_DIR, TINY_CHAT_NAME, TINY_GPT_NAME } from '../../src/model/index.js';
import { chatPairs, chatTemplate, containsKey, NEAR_COPY_JACCARD, normalizeQuestion, readFacts, readHeldout, trigramJaccard } from '../../training/export-chat-data.js';

/** Both stages together stay small enough to ship in the repository (and in every clone). */
const MODELS_MAX_BYTES = 60 * 1024 * 1024;

const facts = readFacts();
const heldout = readHeldout();
const { train, validation } = chatPairs();

describe('fine-tuning data', () => {
  it('has three facts for every lesson topic, each asked many ways in en and zh, with answers that open with the key fact', () => {
    const topics = loadContent(SHIPPED_CONTENT_DIR).topics.map((topic) => topic.id);
    for (const topic of topics) expect(facts.filter((fact) => fact.topic === topic), topic).toHaveLength(3);
    expect(new Set(facts.map((fact) => fact.id)).size).toBe(facts.length);
    for (const fact of facts) {
      for (const lang of ['en', 'zh'] as const) {
        expect(new Set(fact[lang].questions.map(normalizeQuestion)).size, `${fact.id} ${lang}`).toBe(fact[lang].questions.length);
        expect(fact[lang].questions.length).toBeGreaterThanOrEqual(5);
        expect(containsKey(fact[lang].answer.slice(0, 24), fact.key[lang]), `${fact.id} ${lang}: ${fact[lang].answer}`).toBe(true);
      }
    }
  });

  it('holds out one paraphrase per fact and language that no pair trains or validates on, and that does not give the answer away', () => {
    for (const fact of facts) {
      for (const lang of ['en', 'zh'] as const) expect(heldout.filter((q) => q.fact === fact.id && q.lang === lang), `${fact.id} ${lang}`).toHaveLength(1);
    }
    const pairs = [...train, ...validation];
    for (const q of heldout) {
      const nearest = Math.max(...pairs.filter((pair) => pair.lang === q.lang).map((pair) => trigramJaccard(pair.question, q.question)));
      expect(nearest, q.question).toBeLessThan(NEAR_COPY_JACCARD);
      expect(containsKey(q.question, q.key), `${q.fact}: "${q.question}" contains its key`).toBe(false);
    }
  });

  it('renders every pair through the chat template: the prompt is the user turn and the opened answer turn', () => {
    for (const pair of [...train, ...validation]) {
      expect(pair.prompt).toBe(`Q: ${pair.question}\nA:`);
      expect(pair.completion.startsWith(' ')).toBe(true);
      expect(pair.completion).not.toContain('<|endoftext|>');
    }
    // Every fact's 5th phrasing validates; the quiz trains, both languages.
    expect(validation).toHaveLength(facts.length * 2);
    expect(train.filter((pair) => pair.source.startsWith('quiz:'))).toHaveLength(loadContent(SHIPPED_CONTENT_DIR).questions.length * 2);
  });

  it('ships the stage with that chat template, fine-tuned from the base model that ships beside it', () => {
    const folder = join(DEFAULT_MODELS_DIR, TINY_CHAT_NAME);
    const config = JSON.parse(readFileSync(join(folder, 'tokenizer_config.json'), 'utf8')) as { chat_template: string };
    expect(config.chat_template).toBe(chatTemplate());
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { base: { model_sha256: string }; data: { heldout_questions_sha256: string } };
    const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
    // A retrained base needs a new fine-tuned stage (npm run train:model runs both); edited held-out questions need a new measurement.
    expect(manifest.base.model_sha256).toBe(sha256(join(DEFAULT_MODELS_DIR, TINY_GPT_NAME, 'onnx', 'model.onnx')));
    expect(manifest.data.heldout_questions_sha256).toBe(sha256(new URL('../../training/chat-data/heldout-questions.json', import.meta.url).pathname));
    // The same tokenizer: fine-tuning changes weights, not the vocabulary.
    expect(readFileSync(join(folder, 'tokenizer.json'), 'utf8')).toBe(readFileSync(join(DEFAULT_MODELS_DIR, TINY_GPT_NAME, 'tokenizer.json'), 'utf8'));
  });

  it('keeps models/ (both stages) within 60 MB', () => {
    const files = readdirSync(DEFAULT_MODELS_DIR, { recursive: true, encoding: 'utf8' }).map((name) => join(DEFAULT_MODELS_DIR, name));
    const bytes = files.reduce((sum, path) => sum + (statSync(path).isFile() ? statSync(path).size : 0), 0);
    expect(bytes).toBeLessThanOrEqual(MODELS_MAX_BYTES);
  });
});
