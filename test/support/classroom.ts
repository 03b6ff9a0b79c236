/**
 * One class quiz in one group chat, driven through an edge runtime and read back from its deliveries and the store:
 * start, join, answer right or wrong, wait for each step, and check that every step happened once and the scores
 * are exactly those the answers imply (plain scoring: 1 per right answer). Shared by the fault tests.
 */
import { expect } from 'vitest';
import { itemText } from '../../src/core/class-quiz/render.js';
import type { ClassQuiz } from '../../src/core/class-quiz/types.js';
import type { Delivery } from '../../src/core/delivery.js';
import type { Reply } from '../../src/core/reply.js';
import type { Asker } from '../../src/core/tutor.js';
import type { Runtime } from '../../src/main/runtime.js';
import { quizBank } from '../../src/main/create-services.js';
import type { RedisClassQuizStore } from '../../src/state/class-quiz-redis.js';
import { classmate, pressNow } from './class-quiz.js';
import { waitUntil } from './fault-process.js';

export const STUDENTS = ['a', 'b', 'c', 'd'] as const;
export type Student = (typeof STUDENTS)[number];
/** How long one step (a post, a reveal) may take on a loaded 2-core machine. */
const STEP_MS = 30_000;

export interface RoomDeps {
  store: RedisClassQuizStore;
  /** What still waits or runs in the queues, for messages. */
  outstanding: () => Promise<unknown>;
}

/** One quiz in one group chat, seen from its deliveries and the store. */
export function classroom(chat: string, deliveries: Delivery[], describeProcesses: () => string, room: RoomDeps) {
  const teacher = classmate(`${chat}-teacher`, { chat, admin: true });
  const students = new Map<Student, Asker>(STUDENTS.map((id) => [id, classmate(`${chat}-${id}`, { chat })]));
  let quiz: ClassQuiz | undefined;
  const explain = async () =>
    `${describeProcesses()}\noutstanding: ${JSON.stringify(await room.outstanding())}\ndeliveries:\n${deliveries
      .map((delivery) => `  ${delivery.id} ${delivery.final ? 'final' : 'update'} ${delivery.reply.text.split('\n')[0]!.slice(0, 80)}`)
      .join('\n')}`;
  const waitDelivery = async (what: string, match: (delivery: Delivery) => boolean): Promise<Delivery> => {
    await waitUntil(what, () => deliveries.some(match), { timeoutMs: STEP_MS, intervalMs: 25, explain });
    return deliveries.find(match)!;
  };
  const finals = (correlationId: string) => deliveries.filter((delivery) => delivery.final && delivery.address.correlationId === correlationId);
  const questionStream = (index: number) => `qz${quiz!.id}q${index}`;

  return {
    teacher,
    explain,
    finals,
    questionStream,
    get quiz() {
      return quiz!;
    },
    /** `/quiz start` through the edge; resolves with the lobby once a worker has posted it, and the quiz. */
    async start(edge: Runtime, line: string): Promise<Delivery> {
      const started = await edge.tutor.dispatch(edge.tutor.readText(line, teacher));
      if (started.kind !== 'queued') throw new Error(`/quiz start was answered at once: ${JSON.stringify(started.reply)}`);
      const lobby = await waitDelivery('the lobby', (delivery) => delivery.final && delivery.address.correlationId === started.correlationId);
      expect(lobby.reply.error).toBeUndefined();
      const quizId = await room.store.running(`telegram:${chat}`);
      quiz = quizId ? await room.store.load(quizId) : undefined;
      expect(quiz, 'the running quiz in the store').toBeDefined();
      return lobby;
    },
    async join(edge: Runtime, lobby: Delivery): Promise<void> {
      const acks = await Promise.all([...students.values()].map((student) => pressNow(edge.tutor, student, lobby.reply.buttons[0]!.id)));
      for (const ack of acks) expect(ack?.text).toMatch(/You are in|already in/);
    },
    /** Question `index` as first posted (with its buttons), once it reached the chat. */
    question(index: number): Promise<Delivery> {
      return waitDelivery(`question ${index + 1}`, (delivery) => delivery.id === `post-${questionStream(index)}`);
    },
    /** Each student presses the right ('R') or a wrong ('W') option of the posted question; returns the acks. */
    async answer(edge: Runtime, post: Delivery, index: number, picks: Partial<Record<Student, 'R' | 'W'>>): Promise<(Reply | undefined)[]> {
      const correct = itemText(quizBank(), quiz!.items[index]!, quiz!.locale).correct;
      const presses = Object.entries(picks).map(([id, pick]) => {
        const option = pick === 'R' ? correct : (correct + 1) % post.reply.buttons.length;
        return pressNow(edge.tutor, students.get(id as Student)!, post.reply.buttons[option]!.id);
      });
      return Promise.all(presses);
    },
    reveal(index: number): Promise<Delivery> {
      return waitDelivery(`the reveal of question ${index + 1}`, (delivery) => delivery.final && delivery.address.correlationId === `qz${quiz!.id}r${index}`);
    },
    podium(): Promise<Delivery> {
      return waitDelivery('the podium', (delivery) => delivery.final && delivery.address.correlationId === `qz${quiz!.id}end`);
    },
    /** Posted, closed and revealed once each; the podium once; no delivery id twice. */
    expectEachStepOnce(questions: number): void {
      const ids = deliveries.map((delivery) => delivery.id);
      expect(ids.filter((id, at) => ids.indexOf(id) !== at), 'deliveries seen twice').toEqual([]);
      for (let index = 0; index < questions; index++) {
        const stream = questionStream(index);
        expect(deliveries.filter((delivery) => delivery.id === `post-${stream}`), `question ${index + 1} posts`).toHaveLength(1);
        expect(finals(stream), `question ${index + 1} closed`).toHaveLength(1);
        expect(finals(stream)[0]!.reply.buttons).toEqual([]);
        const reveals = finals(`qz${quiz!.id}r${index}`);
        expect(reveals, `question ${index + 1} revealed`).toHaveLength(1);
        expect(reveals[0]!.reply.text).toContain(`Question ${index + 1}:`);
      }
      expect(deliveries.filter((delivery) => delivery.id === `post-${questionStream(questions)}`)).toEqual([]);
      expect(finals(`qz${quiz!.id}end`), 'podiums').toHaveLength(1);
    },
    /** The finished quiz's standings in the store and on the podium: exactly these points (plain: right answers). */
    async expectScores(points: Record<Student, number>, answered: Record<Student, number>): Promise<void> {
      const finished = await room.store.load(quiz!.id);
      expect(finished?.phase).toBe('finished');
      expect(finished?.history).toHaveLength(3);
      const byStudent = Object.fromEntries(STUDENTS.map((id) => [id, finished!.standings.find((standing) => standing.userId === `${chat}-${id}`)]));
      expect(Object.fromEntries(STUDENTS.map((id) => [id, byStudent[id]?.points]))).toEqual(points);
      expect(Object.fromEntries(STUDENTS.map((id) => [id, byStudent[id]?.correct]))).toEqual(points);
      expect(Object.fromEntries(STUDENTS.map((id) => [id, byStudent[id]?.answered]))).toEqual(answered);
      expect(finished!.standings).toHaveLength(STUDENTS.length);
      const podium = finals(`qz${quiz!.id}end`)[0]!.reply.text;
      const medals = [...podium.matchAll(/^(🥇|🥈|🥉) Student (\S+): (\d+)$/gmu)].map((match) => `${match[2]!.slice(chat.length + 1)} ${match[3]}`);
      const expected = finished!.standings.slice(0, 3).map((standing) => `${standing.userId.slice(chat.length + 1)} ${points[standing.userId.slice(chat.length + 1) as Student]}`);
      expect(medals).toEqual(expected);
      expect(podium).toContain(`${STUDENTS.length} players · 3 questions`);
      expect(await room.store.running(`telegram:${chat}`)).toBeUndefined();
    },
  };
}
