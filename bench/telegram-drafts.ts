/**
 * `npm run bench:telegram-drafts`: Bot API calls per streamed reply in a private chat, and the longest a student
 * waits between two visible updates, with paced edits (before) and streamed drafts (after), side by side in one run.
 *
 * Each mode has its own fake Bot API on 127.0.0.1 and a real Telegram adapter (telegraf, the send limiter at
 * Telegram's limits, the production pacing: 1.1 s between updates of a private chat). The same scripted delivery
 * timelines are played into both at once, as the worker's outbox would hand them over:
 *   - generate: a streamed /generate, an update every 500 ms (the worker's interval) for 8 s, then the final;
 *   - generate_steps: /generate steps:8, one step every 800 ms, then the final with the "how it chose" table;
 *   - explain: a generated /explain answer (a hub model), an update every 500 ms for 12 s, then a 1,500-char final;
 *   - explain_with_pause: the same with the model silent for 25 s in the middle (a long prompt, a busy GPU).
 * "Visible update" = a call that changed what the student sees (a draft with new or refreshed text, an edit, a
 * message). One JSON object on stdout.
 */
import { pino } from 'pino';
import { TELEGRAM_OUTBOX, TelegramAdapter } from '../src/adapters/telegram/index.js';
import type { Delivery } from '../src/core/delivery.js';
import { loadConfig } from '../src/config/config.js';
import { createRuntime } from '../src/main/runtime.js';
import { FakeTelegram, person } from '../test/support/fake-telegram/server.js';

const WORKER_UPDATE_MS = 500;
const STEP_MS = 800;
const PAUSE_MS = 25_000;
const VISIBLE = new Set(['sendMessage', 'editMessageText', 'sendMessageDraft']);

interface Scenario {
  name: string;
  /** When each update is handed over (ms from the start) and its text; then the final. */
  updates: { at: number; text: string }[];
  final: { at: number; text: string };
}

const words = (count: number) => Array.from({ length: count }, (_, i) => `word${i}`).join(' ');

function scenarios(): Scenario[] {
  const every = (ms: number, count: number, from = 0, wordsPer = 6) => Array.from({ length: count }, (_, i) => ({ at: from + (i + 1) * ms, text: words((i + 1) * wordsPer) }));
  const explain = every(WORKER_UPDATE_MS, 24, 0, 10);
  const paused = [...every(WORKER_UPDATE_MS, 12, 0, 10), ...every(WORKER_UPDATE_MS, 12, 6_000 + PAUSE_MS, 10).map((update, i) => ({ ...update, text: words((13 + i) * 10) }))];
  return [
    { name: 'generate', updates: every(WORKER_UPDATE_MS, 16), final: { at: 8_500, text: `${words(100)}\n\n**How it chose** …` } },
    { name: 'generate_steps', updates: every(STEP_MS, 8, 0, 1), final: { at: 7_000, text: `${words(8)}\n\n**How it chose**: step table …` } },
    { name: 'explain', updates: explain, final: { at: 12_500, text: `${'x'.repeat(1_400)} ${words(10)}` } },
    { name: 'explain_with_pause', updates: paused, final: { at: paused.at(-1)!.at + 500, text: `${'x'.repeat(1_400)} ${words(10)}` } },
  ];
}

function delivery(chatId: number, correlationId: string, text: string, final: boolean, order: number): Delivery {
  return {
    id: `${final ? 'final' : `update-${String(order).padStart(4, '0')}`}-${correlationId}`,
    final,
    address: { platform: 'telegram', chatId: String(chatId), userId: String(chatId), correlationId, outbox: TELEGRAM_OUTBOX },
    reply: { command: 'generate', locale: 'en', text, buttons: [] },
  };
}

async function play(adapter: TelegramAdapter, chatId: number, scenario: Scenario): Promise<number> {
  const started = Date.now();
  const correlationId = `bench-${scenario.name}-${chatId}`;
  const handed: Promise<void>[] = [];
  for (const [index, update] of scenario.updates.entries()) {
    await sleepUntil(started + update.at);
    // The outbox does not wait for an update to be shown before handing over the next one.
    handed.push(adapter.deliver(delivery(chatId, correlationId, update.text, false, index + 1)));
  }
  await sleepUntil(started + scenario.final.at);
  await adapter.deliver(delivery(chatId, correlationId, scenario.final.text, true, 0));
  await Promise.all(handed);
  return started;
}

function measure(fake: FakeTelegram, chatId: number, started: number) {
  const calls = fake.calls.filter((call) => String(call.params['chat_id']) === String(chatId) && VISIBLE.has(call.method));
  const byMethod: Record<string, number> = {};
  for (const call of calls) byMethod[call.method] = (byMethod[call.method] ?? 0) + 1;
  const times = [started, ...calls.filter((call) => call.status === 200).map((call) => call.at)];
  const gaps = times.slice(1).map((at, i) => at - times[i]!);
  return {
    bot_api_calls: calls.length,
    by_method: byMethod,
    refused: calls.filter((call) => call.status >= 400).length,
    first_visible_ms: gaps[0] ?? 0,
    longest_gap_without_visible_update_ms: Math.max(0, ...gaps),
    // A draft left alone vanishes after ~30 s: how long the student saw nothing at all (drafts only).
    drafts_expired: fake.state.drafts.expiries(chatId).length,
    messages_in_chat: fake.botMessages(chatId).length,
  };
}

async function runMode(drafts: boolean, runtime: Awaited<ReturnType<typeof createRuntime>>) {
  const fake = await FakeTelegram.start();
  const adapter = new TelegramAdapter(runtime.tutor, { token: fake.token, apiRoot: fake.apiRoot, logger: pino({ level: 'warn' }, process.stderr), pacing: { drafts } });
  try {
    const list = scenarios();
    const chats = list.map((_, i) => person(700_000 + i));
    for (const chat of chats) fake.state.knowUser(chat);
    const starts = await Promise.all(list.map((scenario, i) => play(adapter, chats[i]!.id, scenario)));
    return Object.fromEntries(list.map((scenario, i) => [scenario.name, measure(fake, chats[i]!.id, starts[i]!)]));
  } finally {
    await adapter.stop();
    await fake.close();
  }
}

async function main(): Promise<void> {
  const runtime = await createRuntime(loadConfig({}), pino({ level: 'silent' }), { outbox: 'outbox-bench-drafts' });
  try {
    const [edits, drafts] = await Promise.all([runMode(false, runtime), runMode(true, runtime)]);
    const side = Object.fromEntries(Object.keys(edits).map((name) => [name, { before_edits: edits[name], after_drafts: drafts[name] }]));
    process.stdout.write(`${JSON.stringify({ bench: 'telegram-drafts', private_update_interval_ms: 1_100, worker_update_ms: WORKER_UPDATE_MS, scenarios: side, node: process.version })}\n`);
  } finally {
    await runtime.close();
  }
}

async function sleepUntil(at: number): Promise<void> {
  const wait = at - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

await main().catch((error: unknown) => {
  process.stderr.write(`bench:telegram-drafts failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
