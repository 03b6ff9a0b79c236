/**
 * The fake Discord in a process of its own for bench:discord, so its HTTP and gateway work does not run on the
 * adapter's event loop (real Discord is another machine). Driven over IPC: push interactions, then report when
 * each was pushed, acknowledged and last edited (times on this process's clock, so they compare with each other).
 */
import { FakeDiscord } from '../../test/support/fake-discord/index.js';

export type ChildRequest =
  | { type: 'interact'; id: number; payloads: Record<string, unknown>[] }
  | { type: 'report'; id: number; interactionIds: string[] };

export interface InteractionTimes {
  id: string;
  pushedAt: number;
  callbackAt: number | undefined;
  /** Arrival of the last successful edit of the response (after the final delivery, this is the final reply). */
  lastEditAt: number | undefined;
  edits: number;
}

export type ChildReply =
  | { type: 'ready'; api: string; token: string; appId: string }
  | { type: 'pushed'; id: number; interactions: { id: string; token: string }[] }
  | { type: 'report'; id: number; times: InteractionTimes[]; refused: number };

const fake = await new FakeDiscord().start();
const send = (reply: ChildReply) => process.send?.(reply);

process.on('message', (request: ChildRequest) => {
  if (request.type === 'interact') {
    const pushed = request.payloads.map((payload) => fake.interact(payload));
    send({ type: 'pushed', id: request.id, interactions: pushed.map((interaction) => ({ id: interaction.id, token: interaction.token })) });
    return;
  }
  const times = request.interactionIds.map((id): InteractionTimes => {
    const interaction = fake.interaction(id)!;
    const edits = fake.callsOf(id).filter((call) => call.route === 'original.patch' && call.status === 200);
    return { id, pushedAt: interaction.pushedAt, callbackAt: interaction.callback?.at, lastEditAt: edits.at(-1)?.at, edits: edits.length };
  });
  send({ type: 'report', id: request.id, times, refused: fake.calls.filter((call) => call.status >= 400).length });
});
process.on('disconnect', () => void fake.close().finally(() => process.exit(0)));
send({ type: 'ready', api: fake.api, token: fake.token, appId: fake.appId });
