import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/core/lessons/catalog.js';
import { LessonRetriever } from '../../src/core/lessons/retrieval.js';

/**
 * Students' questions in their own words (not titles or aliases), with the topics that answer them.
 * Several ids are accepted where topics overlap.
 */
const QUESTIONS: [string, string[]][] = [
  ['what does the T in GPT stand for', ['gpt', 'transformer']],
  ['who created chatgpt and how many versions are there', ['gpt']],
  ['is GPT-4 bigger than GPT-3', ['gpt']],
  ['how does GPT come up with new sentences', ['generative']],
  ['why does the model give a different answer every time', ['generative']],
  ['can the bot invent facts that are wrong', ['generative']],
  ['how is the model taught before it is fine tuned', ['pretraining']],
  ['how can a model learn from text nobody labelled', ['pretraining', 'learning-paradigms']],
  ['is guessing the hidden word in the middle how GPT learns', ['pretraining']],
  ['difference between supervised and unsupervised learning', ['learning-paradigms']],
  ['what is learning from rewards', ['learning-paradigms']],
  ['why did the 2017 paper replace recurrent networks', ['transformer']],
  ['what are encoder and decoder stacks', ['transformer']],
  ['how does the model decide which earlier words matter', ['attention']],
  ['what are queries keys and values', ['attention']],
  ['why divide by the square root of the dimension', ['attention']],
  ['GPT 三个字母分别代表什么', ['gpt']],
  ['ChatGPT 是哪家公司做的', ['gpt']],
  ['模型是怎么一个字一个字写出回答的', ['generative']],
  ['为什么每次回答都不一样', ['generative']],
  ['模型会不会一本正经地胡说八道', ['generative']],
  ['什么是预训练', ['pretraining']],
  ['没有标注的数据怎么训练模型', ['pretraining', 'learning-paradigms']],
  ['监督学习和强化学习有什么不同', ['learning-paradigms']],
  ['奖励机制是怎么回事', ['learning-paradigms']],
  ['为什么 Transformer 能取代循环神经网络', ['transformer']],
  ['编码器和解码器是干什么的', ['transformer']],
  ['模型怎么知道一句话里哪些词更重要', ['attention']],
  ['查询、键和值分别是什么', ['attention']],
  ['为什么要除以根号 d', ['attention']],
];

describe('lesson retrieval', () => {
  const retriever = new LessonRetriever(new Catalog());

  it('answers students’ own questions in both languages (top-1 ≥ 90%)', () => {
    const misses = QUESTIONS.filter(([question, accepted]) => !accepted.includes(retriever.find(question).best?.id ?? '-'));
    expect(misses.length / QUESTIONS.length, `missed: ${misses.map(([question]) => question).join(' | ')}`).toBeLessThanOrEqual(0.1);
  });

  it('takes a topic id, a title or an alias as an exact request', () => {
    expect(retriever.find('attention')).toMatchObject({ best: { id: 'attention' }, exact: true, confident: true });
    expect(retriever.find('Learning-Paradigms')).toMatchObject({ best: { id: 'learning-paradigms' }, exact: true });
    expect(retriever.find('预训练')).toMatchObject({ best: { id: 'pretraining' }, exact: true });
  });

  it('finds nothing, or nothing it is sure of, in text that is not about the curriculum', () => {
    for (const noise of ['banana bread recipe', 'asdfghjkl', 'the', '?!', '12345']) expect(retriever.find(noise).best, noise).toBeUndefined();
    expect(retriever.find('@everyone').confident).toBe(false);
  });

  it('is not confident about a match that only lesson bodies share', () => {
    expect(retriever.find('softmax')).toMatchObject({ best: { id: 'attention' }, exact: false, confident: false });
  });
});
