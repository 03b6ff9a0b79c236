/**
 * A class quiz on the offline runtime, driven through the Tutor as adapters drive it: /quiz start in a group, students
 * join and answer by buttons (answered at the edge), timers open and close questions, the chat gets questions with
 * live counts, reveals, a leaderboard and a podium with a report; the teacher gets the CSV.
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import type { Delivery } from '../../src/core/delivery.js';
import { toPlainText } from '../../src/core/markdown.js';
import { createRuntime, type Runtime } from '../../src/main/runtime.js';
import { classmate, FAST_TIMING, pressNow, questionPosts, waitFor } from '../support/class-quiz.js';
import { BANK } from '../support/quiz.js';

let runtime: Runtime | undefined;
afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
});

async function start(): Promise<{ runtime: Runtime; deliveries: Delivery[] }> {
  runtime = await createRuntime(loadConfig({}), pino({ level: 'silent' }), { outbox: 'outbox-test', classQuizTiming: FAST_TIMING });
  const deliveries: Delivery[] = [];
  await runtime.serve('telegram', 'outbox-telegram', async (delivery) => void deliveries.push(delivery));
  return { runtime, deliveries };
}

/** The bank question a posted question shows, found by its text. */
function bankQuestionOf(text: string) {
  const plain = toPlainText(text);
  const found = BANK.all.find((question) => plain.includes(question.text.en.question) || plain.includes(question.text.zh.question));
  if (!found) throw new Error(`not a bank question: ${plain.slice(0, 80)}`);
  return found;
}

describe('a class quiz in a group (offline runtime)', () => {
  it('runs from /quiz start to the podium: one answer per student, speed points, reveals, report, results CSV', { timeout: 20_000 }, async () => {
    const { runtime, deliveries } = await start();
    const teacher = classmate('t', { admin: true });
    const students = ['a', 'b', 'c'].map((id) => classmate(id));
    const started = await runtime.tutor.dispatch(runtime.tutor.readText('/quiz start attention 3 5', teacher));
    expect(started.kind).toBe('queued');
    const lobby = await waitFor(() => deliveries.find((delivery) => delivery.final && delivery.reply.text.includes('Class quiz')), 5000, 'the lobby');
    expect(lobby.reply.buttons.map((button) => button.label)).toEqual(['Join']);
    // Joining twice is one player; the ack is private.
    const joined = await pressNow(runtime.tutor, students[0]!, lobby.reply.buttons[0]!.id);
    expect(joined).toMatchObject({ askerOnly: true });
    expect(joined!.text).toMatch(/You are in! 1 players/);
    expect((await pressNow(runtime.tutor, students[0]!, lobby.reply.buttons[0]!.id))!.text).toMatch(/already in/);
    for (const student of students.slice(1)) await pressNow(runtime.tutor, student, lobby.reply.buttons[0]!.id);

    for (let index = 0; index < 3; index++) {
      const post = await waitFor(() => questionPosts(deliveries, index).find((delivery) => !delivery.final), 5000, `question ${index + 1}`);
      expect(post.reply.buttons.map((button) => button.label)).toEqual(['A', 'B', 'C', 'D']);
      const question = bankQuestionOf(post.reply.text);
      // a: right at once; b: wrong; c: right but only on the last question. a presses twice.
      const right = post.reply.buttons[question.correct]!.id;
      const wrong = post.reply.buttons[(question.correct + 1) % 4]!.id;
      const first = await pressNow(runtime.tutor, students[0]!, right);
      expect(first).toMatchObject({ askerOnly: true });
      expect(first!.text).toMatch(/recorded/);
      expect((await pressNow(runtime.tutor, students[0]!, wrong))!.text).toMatch(/already answered/);
      await pressNow(runtime.tutor, students[1]!, wrong);
      if (index === 2) await pressNow(runtime.tutor, students[2]!, right);
      // The question closes (every player answered, or its timer), then the reveal comes.
      const reveal = await waitFor(() => deliveries.find((delivery) => delivery.address.correlationId.endsWith(`r${index}`)), 5000, `reveal ${index + 1}`);
      expect(toPlainText(reveal.reply.text)).toContain(`Question ${index + 1}: ${'ABCD'[question.correct]}.`);
      expect(toPlainText(reveal.reply.text)).toMatch(/Top \d/);
      const closed = questionPosts(deliveries, index).find((delivery) => delivery.final)!;
      expect(closed.reply.buttons).toEqual([]);
      // Too late: the question is closed.
      expect((await pressNow(runtime.tutor, students[2]!, right))!.text).toMatch(/closed/);
    }

    const end = await waitFor(() => deliveries.find((delivery) => delivery.address.correlationId.endsWith('end')), 5000, 'the podium');
    const podium = toPlainText(end.reply.text);
    expect(podium).toMatch(/🥇 Student a: \d+/);
    expect(podium).toContain('3 players · 3 questions');
    expect(podium).toContain('What the class found hard');
    expect(podium).toMatch(/Q1: 50% right · most chosen wrong: [ABCD]\./);

    // Answers after the end do nothing; a new quiz can start.
    const results = await runtime.tutor.handleText('/quiz results', teacher);
    expect(results.file?.mime).toBe('text/csv');
    expect(results.directMessage?.startParam).toMatch(/^r/);
    const bytes = Buffer.from(results.file!.base64, 'base64');
    // A UTF-8 byte-order mark, so spreadsheet programs read the Chinese right.
    expect(bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const rows = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    // Every cell quoted.
    expect(rows[0]).toBe('"student","question","answer","correct","ms","points"');
    expect(rows).toHaveLength(1 + 3 + 3 + 1);
    expect(rows.filter((row) => row.startsWith('"Student a",')).every((row) => row.includes(',"yes",'))).toBe(true);
    expect(rows.filter((row) => row.startsWith('"Student b",')).every((row) => /,"no","\d+","0"$/.test(row))).toBe(true);
    // A student may not take the results.
    expect((await runtime.tutor.handleText('/quiz results', students[1]!)).error?.code).toBe('quiz_starter_only');
  });

  it('one quiz per chat; stop and skip for the starter or admins only; answers after stop are closed', { timeout: 20_000 }, async () => {
    const { runtime, deliveries } = await start();
    const teacher = classmate('t2', { chat: 'class-2' });
    const student = classmate('s2', { chat: 'class-2' });
    await runtime.tutor.handleText('/quiz start questions:2 seconds:30', teacher);
    expect((await runtime.tutor.handleText('/quiz start', student)).text).toMatch(/already running/);
    expect((await runtime.tutor.handleText('/quiz stop', student)).error?.code).toBe('quiz_starter_only');
    // Skip the lobby: the first question comes at once.
    expect((await runtime.tutor.handleText('/quiz skip', teacher)).text).toMatch(/Skipped/);
    const post = await waitFor(() => questionPosts(deliveries, 0).find((delivery) => !delivery.final), 3000, 'question 1');
    await runtime.tutor.handleText('/quiz stop', classmate('admin', { chat: 'class-2', admin: true }));
    const end = await waitFor(() => deliveries.find((delivery) => delivery.address.correlationId.endsWith('end')), 3000, 'the end');
    expect(toPlainText(end.reply.text)).toMatch(/stopped after 1 questions|Nobody played/);
    expect((await pressNow(runtime.tutor, student, post.reply.buttons[0]!.id))!.text).toMatch(/closed/);
    expect((await runtime.tutor.handleText('/quiz stop', teacher)).error?.code).toBe('quiz_not_running');
  });

  it('counts 50 simultaneous answers exactly once, and closes the question as soon as all have answered', { timeout: 20_000 }, async () => {
    const { runtime, deliveries } = await start();
    const teacher = classmate('t3', { chat: 'class-3' });
    const lobby = { reply: await runtime.tutor.handleText('/quiz start tokens 1 300', teacher) };
    const students = Array.from({ length: 50 }, (_, index) => classmate(`p${index}`, { chat: 'class-3' }));
    await Promise.all(students.map((student) => pressNow(runtime.tutor, student, lobby.reply.buttons[0]!.id)));
    const post = await waitFor(() => questionPosts(deliveries, 0).find((delivery) => !delivery.final), 5000, 'question');
    const button = post.reply.buttons[1]!.id;
    // Every student clicks twice at once: 100 clicks, 50 answers.
    const acks = await Promise.all([...students, ...students].map((student) => pressNow(runtime.tutor, student, button)));
    expect(acks.filter((ack) => /recorded/.test(ack!.text))).toHaveLength(50);
    expect(acks.filter((ack) => /already answered/.test(ack!.text))).toHaveLength(50);
    // All answered: closed long before its 300 s.
    const reveal = await waitFor(() => deliveries.find((delivery) => delivery.address.correlationId.endsWith('r0')), 3000, 'early reveal');
    expect(toPlainText(reveal.reply.text)).toMatch(/B: 50/);
    // Live counts are throttled (far fewer edits than answers); the closed question shows the total.
    const live = questionPosts(deliveries, 0).filter((delivery) => !delivery.final);
    expect(live.length).toBeLessThan(10);
    const closed = await waitFor(() => questionPosts(deliveries, 0).find((delivery) => delivery.final), 3000, 'closed question');
    expect(toPlainText(closed.reply.text)).toContain("Time's up: 50 answered.");
  });
});
