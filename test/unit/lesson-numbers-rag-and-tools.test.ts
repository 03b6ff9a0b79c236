import { describe, expect, it } from 'vitest';
import { lesson } from '../support/content.js';

// The expert level's worked retrieval example: a query vector q, passage vectors d1, d2 …, and lines
// "cos(q, dN) = … = 0.94". The test reads the vectors from the text, recomputes each cosine similarity, and checks
// that the best-scoring passage is the one marked as retrieved, in both languages, with the same numbers.
type Example = { vectors: Map<string, number[]>; cosines: Map<string, string>; retrieved: string | undefined };

function readExample(text: string): Example {
  const vectors = new Map<string, number[]>();
  for (const [, name, numbers] of text.matchAll(/^(q|d\d+)\s*=\s*\(([-\d.,\s]+)\)/gm)) {
    vectors.set(name!, numbers!.split(',').map((n) => Number(n.trim())));
  }
  const cosines = new Map<string, string>();
  let retrieved: string | undefined;
  for (const [line, name, value] of text.matchAll(/^cos\(q,\s*(d\d+)\)[^\n]*=\s*(-?\d+\.\d+)[^\n]*$/gm)) {
    cosines.set(name!, value!);
    if (line.includes('←')) retrieved = name;
  }
  return { vectors, cosines, retrieved };
}

const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
const cosine = (a: number[], b: number[]) => dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));

describe('rag-and-tools: the worked cosine-similarity example', () => {
  const examples = { en: readExample(lesson('en', 'rag-and-tools').levels.expert), zh: readExample(lesson('zh', 'rag-and-tools').levels.expert) };

  for (const lang of ['en', 'zh'] as const) {
    const { vectors, cosines, retrieved } = examples[lang];

    it(`(${lang}) has a query, at least two passages and a cosine for each`, () => {
      expect(vectors.get('q'), 'q').toBeDefined();
      const passages = [...vectors.keys()].filter((name) => name !== 'q');
      expect(passages.length).toBeGreaterThanOrEqual(2);
      expect([...cosines.keys()].sort()).toEqual(passages.sort());
      for (const name of passages) expect(vectors.get(name)!.length, name).toBe(vectors.get('q')!.length);
    });

    it(`(${lang}) prints cosines that recompute from the vectors`, () => {
      const q = vectors.get('q')!;
      for (const [name, printed] of cosines) {
        const decimals = printed.split('.')[1]!.length;
        expect(printed, name).toBe(cosine(q, vectors.get(name)!).toFixed(decimals));
      }
    });

    it(`(${lang}) marks the passage with the highest cosine as the one retrieved`, () => {
      const q = vectors.get('q')!;
      const best = [...cosines.keys()].sort((a, b) => cosine(q, vectors.get(b)!) - cosine(q, vectors.get(a)!))[0];
      expect(retrieved).toBe(best);
    });
  }

  it('uses the same numbers in English and Chinese', () => {
    expect(examples.zh.vectors).toEqual(examples.en.vectors);
    expect(examples.zh.cosines).toEqual(examples.en.cosines);
    expect(examples.zh.retrieved).toBe(examples.en.retrieved);
  });
});
