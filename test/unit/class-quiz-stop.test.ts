/**
 * `/quiz stop` always frees the chat: a stop whose save is overtaken by a concurrent step (a timer closing the same
 * question) tries again from where that step left the quiz, and a finished quiz whose claim on the chat was never
 * released (a worker died between the save and the release) is released instead of answering "no quiz is running".
 */
import { describe, expect, it } from 'vitest';
import { ClassQuizEngine } from '../../src/core/class-quiz/engine.js';
import type { ClassQuiz } from '../../src/core/class-quiz/types.js';
import type { TutorJob } from '../../src/core/jobs.js';
import type { JobEffects } from '../../src/core/ports.js';
import { createServices } from '../../src/main/create-services.js';
import { MemoryClassQuizStore } from '../../src/state/class-quiz-memory.js';
import { MemoryStore } from '../../src/state/memory.js';
import { FAST_TIMING } from '../support/class-quiz.js';

const CHAT = 'stop-chat';
const job: TutorJob = {
  command: 'quiz',
  subcommand: 'stop',
  args: {},
  context: { user: { id: 'teacher', chatAdmin: true }, chat: { id: CHAT, kind: 'group' }, platform: 'telegram', locale: 'en' },
  address: { platform: 'telegram', chatId: CHAT, userId: 'teacher', correlationId: 'corr-stop-0001', outbox: 'outbox-telegram' },
};
const quiz = (phase: ClassQuiz['phase']): ClassQuiz => ({
  id: 'quizToStop',
  platform: 'telegram',
  chatId: CHAT,
  chatKey: `telegram:${CHAT}`,
  locale: 'en',
  starterId: 'teacher',
  outbox: 'outbox-telegram',
  title: 'test',
  scoring: 'plain',
  secondsPerQuestion: 20,
  items: [{ custom: { question: 'Q1', options: ['a', 'b'], correct: 0 } }, { custom: { question: 'Q2', options: ['a', 'b'], correct: 1 } }],
  phase,
  index: phase === 'lobby' ? -1 : 0,
  standings: [],
  history: [],
  startedAt: 0,
  version: 0,
});
const effects: JobEffects = { post: async () => undefined, schedule: async () => undefined };
const engineOn = (store: MemoryClassQuizStore) =>
  new ClassQuizEngine(createServices(new MemoryStore(), 'en', undefined, { classQuiz: store, classQuizTiming: FAST_TIMING }), effects);

describe('/quiz stop', () => {
  it('overtaken by the timer opening question 1 at the same moment: reads the quiz again and still stops it', async () => {
    const store = new MemoryClassQuizStore();
    await store.begin(quiz('lobby'));
    const finish = store.finish.bind(store);
    let raced = false;
    store.finish = async (stopping) => {
      if (!raced) {
        raced = true;
        // The lobby timer's step saves first: the stop's copy is one version behind, so its save is refused.
        const timer = (await store.load(stopping.id))!;
        await store.save({ ...timer, phase: 'question', index: 0 });
      }
      return finish(stopping);
    };
    await engineOn(store).stop(job);
    expect(raced).toBe(true);
    expect(await store.running(`telegram:${CHAT}`)).toBeUndefined();
    expect(await store.load('quizToStop')).toMatchObject({ phase: 'finished' });
  });

  it('a finished quiz still holding its chat is released (a new quiz can start)', async () => {
    const store = new MemoryClassQuizStore();
    await store.begin(quiz('lobby'));
    // Saved as finished, but the worker died before it freed the chat.
    await store.save({ ...(await store.load('quizToStop'))!, phase: 'finished' });
    expect(await store.running(`telegram:${CHAT}`)).toBe('quizToStop');
    await engineOn(store).stop(job);
    expect(await store.running(`telegram:${CHAT}`)).toBeUndefined();
    expect((await store.begin({ ...quiz('lobby'), id: 'nextQuiz' })).begun).toBe(true);
  });

  it('nothing running: says so', async () => {
    await expect(engineOn(new MemoryClassQuizStore()).stop(job)).rejects.toMatchObject({ key: expect.stringMatching(/not_running/) });
  });
});
