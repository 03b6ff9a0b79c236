import { it } from 'vitest';
import { LessonRetriever } from '../../src/core/lessons/retrieval.js';
import { CATALOG } from '../support/content.js';
import { HELD_OUT_QUESTIONS, TUNING_QUESTIONS } from './retrieval-questions.js';
it('m', () => {
  const r = new LessonRetriever(CATALOG);
  const rows: string[] = [];
  for (const { q, accepted } of [...TUNING_QUESTIONS, ...HELD_OUT_QUESTIONS]) {
    if (['in-context-learning','scaling','reasoning-models','kv-cache','transformer-block','mixture-of-experts','rag-and-tools','uncovered'].includes(accepted[0]!)) continue;
    const f = r.find(q);
    rows.push(`${accepted[0] === 'outside' ? 'OUT' : 'in '} ${f.outside ? 'gate-out' : 'gate-in '} score=${(f.best?.score ?? 0).toFixed(1)} conf=${f.confident} ${q}`);
  }
  console.log(rows.sort().join('\n'));
});
