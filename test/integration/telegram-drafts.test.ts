/**
 * Streamed drafts on Telegram (sendMessageDraft) through the real telegraf client against the fake Bot API: a
 * private chat sees the answer grow as a draft and gets exactly one message, never an edit; a group keeps paced
 * edits; a server without the method falls back to edits for the process, logged once; the draft id survives
 * another renderer (a replica, a restart); an idle draft is refreshed before it vanishes, a bounded number of times.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { draftIdOf } from '../../src/adapters/telegram/drafts.js';
import { TELEGRAM_OUTBOX, TelegramAdapter } from '../../src/adapters/telegram/index.js';
import type { Delivery } from '../../src/core/delivery.js';
import { toPlainText } from '../../src/core/markdown.js';
import type { GenerationResult, ModelKit } from '../../src/core/model-port.js';
import { groupChat, person } from '../support/fake-telegram/server.js';
import { slowModelKit } from '../support/slow-model-kit.js';
import { shown, startTelegramRig, TEST_LIMITS, TEST_PACING, TEST_RETRY_AFTER_UNIT_MS, type RigOptions, type TelegramRig } from '../support/telegram-rig.js';

const DRAFT_LOG = 'telegram: sendMessageDraft refused; streaming by paced edits instead';

function delivery(chatId: number, correlationId: string, text: string, final: boolean, order = 1): Delivery {
  return {
    id: `${final ? 'final' : `update-${String(order).padStart(4, '0')}`}-${correlationId}`,
    final,
    address: { platform: 'telegram', chatId: String(chatId), userId: String(Math.abs(chatId)), correlationId, outbox: TELEGRAM_OUTBOX },
    reply: { command: 'explain', locale: 'en', text, buttons: [] },
  };
}

function callsIn(rig: TelegramRig, method: string, chatId: number) {
  return rig.fake.callsTo(method).filter((call) => call.params['chat_id'] === String(chatId) || call.params['chat_id'] === chatId);
}

/** The scripted model, with six steps for teaching mode to replay. */
async function sixStepModel(): Promise<ModelKit> {
  const kit = await slowModelKit({ stepMs: 1 })();
  const generate = kit.generator.generate.bind(kit.generator);
  const generator = {
    ...kit.generator,
    async generate(...args: Parameters<typeof generate>): Promise<GenerationResult> {
      const result = await generate(...args);
      return { ...result, steps: [...result.text].slice(0, 6).map((chosen) => ({ chosen, candidates: [{ text: chosen, probability: 0.9 }] })) };
    },
  };
  return { ...kit, generator };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Telegram adapter: streamed drafts', () => {
  let rig: TelegramRig | undefined;
  const start = async (options: RigOptions = {}) => (rig = await startTelegramRig(options));
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('streams /generate steps: in a private chat as a growing draft, then exactly one message and no edit', async () => {
    const { fake, deliveries } = await start({ model: sixStepModel });
    const student = person(6001, { languageCode: 'en' });
    fake.pushPrivateMessage(student, '/generate steps:6 temperature:0 Attention is');
    const final = await fake.waitFor(() => deliveries.find((item) => item.final && item.address.chatId === String(student.id)), 20_000);
    const [message] = await rig!.messages(student.id, 1, { ready: (sent) => shown(sent[0]!) === toPlainText(final.reply.text).trim() });

    const drafts = fake.state.drafts.versions(student.id);
    expect(drafts.length).toBeGreaterThanOrEqual(3);
    expect(new Set(drafts.map((draft) => draft.draftId))).toEqual(new Set([draftIdOf(final.address.correlationId)]));
    // Each version shows more of the answer than the one before (the steps replayed one by one).
    for (let i = 1; i < drafts.length; i++) expect(drafts[i]!.text.length).toBeGreaterThan(drafts[i - 1]!.text.length);
    for (let i = 1; i < drafts.length; i++) expect(drafts[i]!.at - drafts[i - 1]!.at).toBeGreaterThanOrEqual(TEST_PACING.privateEditIntervalMs! - 5);
    expect(fake.botMessages(student.id)).toHaveLength(1);
    expect(message!.versions).toHaveLength(1);
    expect(callsIn(rig!, 'editMessageText', student.id)).toEqual([]);
    // The final message took the draft's place.
    expect(fake.state.drafts.current(student.id)).toBeUndefined();
    expect(fake.calls.filter((call) => call.status >= 400)).toEqual([]);
  }, 30_000);

  it('keeps paced edits of one message in a group: no draft', async () => {
    const { fake, deliveries } = await start();
    const group = groupChat(-1_000_600);
    fake.pushGroupMessage(group, person(6002, { languageCode: 'en' }), `/generate@${fake.bot.username} Attention is`);
    const final = await fake.waitFor(() => deliveries.find((item) => item.final && item.address.chatId === String(group.id)), 20_000);
    await rig!.messages(group.id, 1, { ready: (sent) => shown(sent[0]!) === toPlainText(final.reply.text).trim() });
    expect(callsIn(rig!, 'sendMessageDraft', group.id)).toEqual([]);
    expect(callsIn(rig!, 'editMessageText', group.id).length).toBeGreaterThanOrEqual(1);
    expect(fake.botMessages(group.id)).toHaveLength(1);
  }, 30_000);

  it('falls back to paced edits when the server does not know sendMessageDraft, for the process, logged once', async () => {
    const { fake, deliveries, logger } = await start({ fake: { unknownMethods: ['sendMessageDraft'] } });
    const students = [person(6003, { languageCode: 'en' }), person(6004, { languageCode: 'en' })];
    for (const student of students) {
      fake.pushPrivateMessage(student, '/generate Attention is');
      const final = await fake.waitFor(() => deliveries.find((item) => item.final && item.address.chatId === String(student.id)), 20_000);
      const [message] = await rig!.messages(student.id, 1, { ready: (sent) => shown(sent[0]!) === toPlainText(final.reply.text).trim() });
      expect(message!.versions.length).toBeGreaterThanOrEqual(2);
      expect(fake.botMessages(student.id)).toHaveLength(1);
    }
    expect(fake.callsTo('sendMessageDraft')).toHaveLength(1);
    expect(fake.callsTo('sendMessageDraft')[0]!.status).toBe(404);
    expect(callsIn(rig!, 'editMessageText', students[1]!.id).length).toBeGreaterThanOrEqual(1);
    expect(logger.entries.filter((entry) => entry.message === DRAFT_LOG)).toHaveLength(1);
  }, 40_000);

  it('animates the same draft from another renderer (a replica or a restarted bot) and waits out a 429', async () => {
    const { fake, runtime } = await start();
    const student = person(6005, { languageCode: 'en' });
    fake.state.knowUser(student);
    const other = new TelegramAdapter(runtime.tutor, { token: fake.token, apiRoot: fake.apiRoot, logger: rig!.logger, pacing: TEST_PACING, sending: { limits: TEST_LIMITS, retryAfterUnitMs: TEST_RETRY_AFTER_UNIT_MS } });
    const correlationId = 'replica-draft-0001';
    fake.failNext('sendMessageDraft', { code: 429, retryAfter: 1 });
    await rig!.adapter.deliver(delivery(student.id, correlationId, 'Attention lets', false, 1));
    await other.deliver(delivery(student.id, correlationId, 'Attention lets every token', false, 2));
    await other.deliver(delivery(student.id, correlationId, 'Attention lets every token look back.', true));

    const drafts = fake.state.drafts.versions(student.id);
    expect(drafts.map((draft) => draft.text)).toEqual(['Attention lets', 'Attention lets every token']);
    expect(drafts.map((draft) => draft.draftId)).toEqual([draftIdOf(correlationId), draftIdOf(correlationId)]);
    expect(draftIdOf(correlationId)).toBeGreaterThan(0);
    expect(draftIdOf(correlationId)).toBeLessThan(2 ** 31);
    expect(fake.callsTo('sendMessageDraft').map((call) => call.status)).toEqual([429, 200, 200]);
    expect(fake.botMessages(student.id).map(shown)).toEqual(['Attention lets every token look back.']);
  });

  it('re-sends an idle draft before it vanishes, and stops after the bounded number of refreshes', async () => {
    const ttlMs = 600;
    const { fake, adapter } = await start({ fake: { draftTtlMs: ttlMs }, pacing: { ...TEST_PACING, draftRefreshMs: 250, maxDraftRefreshes: 4 } });
    const [waiting, forgotten] = [person(6006), person(6007)];
    for (const student of [waiting, forgotten]) fake.state.knowUser(student);

    // A pause of 1.5 s (2.5 draft lifetimes) in a stream, then its final: the draft never vanished meanwhile.
    await adapter.deliver(delivery(waiting.id, 'idle-draft-0001', 'Thinking about attention…', false));
    await sleep(1_500);
    expect(fake.state.drafts.current(waiting.id)?.text).toBe('Thinking about attention…');
    await adapter.deliver(delivery(waiting.id, 'idle-draft-0001', 'Attention, explained.', true));
    const versions = fake.state.drafts.versions(waiting.id);
    expect(versions.length).toBeGreaterThanOrEqual(4);
    expect(new Set(versions.map((version) => version.text))).toEqual(new Set(['Thinking about attention…']));
    expect(fake.state.drafts.expiries(waiting.id)).toEqual([]);
    expect(fake.botMessages(waiting.id).map(shown)).toEqual(['Attention, explained.']);

    // A stream whose final never comes: 4 refreshes, then the draft is left to vanish.
    await adapter.deliver(delivery(forgotten.id, 'idle-draft-0002', 'Lost in thought', false));
    await sleep(2_500);
    expect(fake.state.drafts.versions(forgotten.id)).toHaveLength(1 + 4);
    expect(fake.state.drafts.current(forgotten.id)).toBeUndefined();
  }, 20_000);
});
