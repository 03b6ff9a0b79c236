/**
 * The tiny GPT's pretraining corpus (training/export-corpus.ts) is plain prose — the form of text a learner should
 * see it write — and the frozen held-out text (training/heldout-frozen.txt) never trains, checked by
 * training/corpus_split.py itself (Python, no torch needed).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDocuments, DOC_SEPARATOR } from '../../training/export-corpus.js';

const TRAINING_DIR = new URL('../../training/', import.meta.url).pathname;

describe('the pretraining corpus', () => {
  it('is prose: no Markdown, code, option letters, answer markers or commands, and no bare title line to open with', async () => {
    const { docs } = await corpusDocuments();
    expect(docs.length).toBeGreaterThan(300);
    for (const doc of docs) {
      expect(doc, doc.slice(0, 80)).not.toMatch(/\*\*|`|^[A-D]\. |^\s*[-*] |^Correct answer:|^正确答案：|^测验题：|^Quiz question:|^(Right|正确)[.。]|\{\{|^\/[a-z]/m);
      // The first line is a sentence (title and summary together), not a heading followed by a newline.
      expect(doc.split('\n')[0], doc.slice(0, 80)).toMatch(/[.?!:。？！：）)"”]$/);
      expect(doc, doc.slice(0, 80)).not.toMatch(/\n{3,}/);
    }
  });

  it('never trains on the frozen held-out paragraphs, even when a lesson edit changes a few words', async () => {
    const { docs } = await corpusDocuments();
    const folder = mkdtempSync(join(tmpdir(), 'gpt-tutor-corpus-'));
    try {
      const corpus = join(folder, 'corpus.txt');
      writeFileSync(corpus, docs.join(DOC_SEPARATOR));
      const script = [
        'import sys, corpus_split as cs',
        'docs = open(sys.argv[1], encoding="utf-8").read().split("\\x1e")',
        'frozen = cs.read_frozen()',
        // An edited copy of a frozen paragraph (a word changed) must still be left out.
        'edited = frozen[0].replace(" the ", " a ", 1) if " the " in frozen[0] else frozen[0] + "!"',
        'kept, removed = cs.without_frozen(docs + [edited], frozen)',
        'paras = {p for d in kept for p in d.split("\\n\\n")}',
        'print(len(frozen), removed, sum(p in paras for p in frozen), edited in paras)',
      ].join('\n');
      const run = spawnSync('python3', ['-c', script, corpus], { cwd: TRAINING_DIR, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const [frozen, removed, stillThere, editedKept] = run.stdout.trim().split(' ');
      expect(Number(frozen)).toBeGreaterThan(100);
      expect(Number(removed)).toBeGreaterThanOrEqual(Number(frozen));
      expect([stillThere, editedKept]).toEqual(['0', 'False']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
