/**
 * A class quiz's Join and answer buttons count in the quiz's own chat only: the same callback data pressed from
 * another group or a private chat is refused (privately) and recorded nowhere, so an outsider cannot top the podium.
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import type { Delivery } from '../../src/core/delivery.js';
import { toPlainText } from '../../src/core/markdown.js';
import { createRuntime, type Runtime } from '../../src/main/runtime.js';
import { classmate, FAST_TIMING, pressNow, questionPosts, waitFor } from '../support/class-quiz.js';

let runtime: Runtime | undefined;
afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
});

describe('class quiz buttons are bound to their chat', () => {
  it('refuses Join and answers pressed from another group or a private chat, in the presser\'s language', { timeout: 20_000 }, async () => {
    runtime = await createRuntime(loadConfig({}), pino({ level: 'silent' }), { outbox: 'outbox-test', classQuizTiming: FAST_TIMING });
    const deliveries: Delivery[] = [];
    await runtime.serve('telegram', 'outbox-telegram', async (delivery) => void deliveries.push(delivery));
    const tutor = runtime.tutor;
    await tutor.dispatch(tutor.readText('/quiz start attention 1 5', classmate('t', { admin: true })));
    const lobby = await waitFor(() => deliveries.find((delivery) => delivery.final && delivery.reply.text.includes('Class quiz')), 5_000, 'the lobby');
    const join = lobby.reply.buttons[0]!.id;
    const outsiderInOtherGroup = classmate('x', { chat: 'other-class' });
    const outsiderAlone = { ...classmate('y', { locale: 'zh-CN' }), chat: { id: 'y', kind: 'private' as const } };
    expect((await pressNow(tutor, outsiderInOtherGroup, join))?.error?.code).toBe('button_other_chat');
    await pressNow(tutor, classmate('a'), join);

    const post = await waitFor(() => questionPosts(deliveries, 0).find((delivery) => !delivery.final), 5_000, 'the question');
    const answer = post.reply.buttons[0]!.id;
    const refused = await pressNow(tutor, outsiderInOtherGroup, answer);
    expect(refused?.error?.code).toBe('button_other_chat');
    expect(refused?.askerOnly).toBe(true);
    const refusedZh = await pressNow(tutor, outsiderAlone, answer);
    expect(refusedZh?.text).toContain('另一个群');
    expect((await pressNow(tutor, classmate('a'), answer))?.text).toMatch(/recorded/);

    const end = await waitFor(() => deliveries.find((delivery) => delivery.address.correlationId.endsWith('end')), 5_000, 'the podium');
    const podium = toPlainText(end.reply.text);
    expect(podium).toContain('Student a');
    expect(podium).not.toMatch(/Student [xy]/);
    expect(podium).toContain('1 players');
  });
});
