import { it } from 'vitest';
import { LessonRetriever } from '../../src/core/lessons/retrieval.js';
import { Catalog } from '../../src/core/lessons/catalog.js';
import { CATALOG } from '../support/content.js';
import { HELD_OUT_QUESTIONS, TUNING_QUESTIONS } from './retrieval-questions.js';
it('m', () => {
  const cat = new Catalog(CATALOG.topics, (CATALOG as any).texts, [
    { term: { en: 'Diffusion models', zh: '扩散模型' }, match: ['diffusion', 'stable diffusion', '扩散模型'], nearest: ['generative'] },
    { term: { en: 'CNN', zh: '卷积' }, match: ['convolutional', 'cnn', '卷积'], nearest: ['transformer'] },
    { term: { en: 'Multimodal', zh: '多模态' }, match: ['multimodal', '多模态'], nearest: ['transformer'] },
    { term: { en: 'Speech', zh: '语音识别' }, match: ['speech recognition', '语音识别'], nearest: ['tokens'] },
  ]);
  const r = new LessonRetriever(cat);
  for (const [name, set] of [['tuning', TUNING_QUESTIONS], ['held', HELD_OUT_QUESTIONS]] as const) {
    let right = 0; const out: string[] = [];
    for (const { q, accepted } of set) {
      const f = r.find(q);
      const got = f.uncovered ? 'uncovered' : f.outside || !f.best ? 'outside' : f.best.id;
      const ok = accepted.includes(got);
      if (ok) right++; else out.push(`${got} [${accepted}] ${q}`);
    }
    console.log(name, set.length, right, '\n' + out.join('\n'));
  }
});
