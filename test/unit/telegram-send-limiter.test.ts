import { describe, expect, it } from 'vitest';
import { SendLimiter, type LimiterClock, type SendLimits } from '../../src/adapters/telegram/send-limiter.js';

/** A clock the test moves by hand; timers fire when it passes them. */
class ManualClock implements LimiterClock {
  private time = 0;
  private timers: { at: number; callback: () => void }[] = [];
  now = () => this.time;
  setTimer = (callback: () => void, ms: number) => {
    const timer = { at: this.time + ms, callback };
    this.timers.push(timer);
    return { cancel: () => (this.timers = this.timers.filter((candidate) => candidate !== timer)) };
  };
  /** Moves time forward in 1 ms steps, letting promises settle at each step. */
  async advance(ms: number): Promise<void> {
    for (let i = 0; i < ms; i++) {
      this.time += 1;
      const due = this.timers.filter((timer) => timer.at <= this.time);
      this.timers = this.timers.filter((timer) => timer.at > this.time);
      for (const timer of due) timer.callback();
      await settle();
    }
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

const LIMITS: SendLimits = { globalMax: 5, globalWindowMs: 100, chatSpacingMs: 10, groupMax: 3, groupWindowMs: 200 };

function rig(floodWaitMs: (error: unknown) => number | undefined = () => undefined) {
  const clock = new ManualClock();
  const limiter = new SendLimiter(LIMITS, floodWaitMs, clock);
  const sent: { chat: string; at: number; label: string }[] = [];
  const send = (chat: string, label: string, group = false) =>
    limiter.schedule(chat, group, async () => {
      sent.push({ chat, at: clock.now(), label });
      return label;
    });
  return { clock, limiter, sent, send };
}

describe('SendLimiter', () => {
  it('spaces messages to one chat and keeps their order', async () => {
    const { clock, sent, send } = rig();
    const results = ['a', 'b', 'c'].map((label) => send('1', label));
    await settle();
    await clock.advance(30);
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
    expect(sent.map((entry) => [entry.label, entry.at])).toEqual([['a', 0], ['b', 10], ['c', 20]]);
  });

  it('holds a group to its window, delaying rather than dropping', async () => {
    const { clock, sent, send } = rig();
    for (let i = 0; i < 5; i++) void send('-1', `g${i}`, true);
    await settle();
    await clock.advance(500);
    expect(sent.map((entry) => entry.at)).toEqual([0, 10, 20, 200, 210]);
  });

  it('holds the bot to the global window across chats, delaying rather than dropping', async () => {
    const { clock, sent, send } = rig();
    for (let i = 0; i < 12; i++) void send(String(100 + i), `p${i}`);
    await settle();
    await clock.advance(500);
    expect(sent.map((entry) => entry.at)).toEqual([0, 0, 0, 0, 0, 100, 100, 100, 100, 100, 200, 200]);
    expect(new Set(sent.map((entry) => entry.label)).size).toBe(12);
  });

  it('pauses a chat for retry_after on a flood error and sends the same message first afterwards', async () => {
    const clock = new ManualClock();
    const flood = new Error('429');
    const limiter = new SendLimiter(LIMITS, (error) => (error === flood ? 50 : undefined), clock);
    const attempts: { label: string; at: number }[] = [];
    let refuse = true;
    const make = (label: string) => async () => {
      attempts.push({ label, at: clock.now() });
      if (label === 'a' && refuse) {
        refuse = false;
        throw flood;
      }
      return label;
    };
    const a = limiter.schedule('1', false, make('a'));
    const b = limiter.schedule('1', false, make('b'));
    await settle();
    await clock.advance(100);
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(attempts).toEqual([{ label: 'a', at: 0 }, { label: 'a', at: 50 }, { label: 'b', at: 60 }]);
  });

  it('gives up on a message refused for another reason, and goes on with the next', async () => {
    const { clock, limiter } = rig();
    const failing = limiter.schedule('1', false, async () => {
      throw new Error('400');
    });
    const next = limiter.schedule('1', false, async () => 'next');
    await settle();
    await clock.advance(20);
    await expect(failing).rejects.toThrow('400');
    expect(await next).toBe('next');
    expect(limiter.pending).toBe(0);
  });

  describe('best-effort edits (a live "12 answered" counter)', () => {
    const QUIZ_LIMITS: SendLimits = { ...LIMITS, groupMax: 4, groupDeferrableMax: 2 };

    function quizRig() {
      const clock = new ManualClock();
      const limiter = new SendLimiter(QUIZ_LIMITS, () => undefined, clock);
      const sent: { at: number; label: string }[] = [];
      const send = (label: string, deferrable: boolean) =>
        limiter.schedule(
          '-1',
          true,
          async () => {
            sent.push({ at: clock.now(), label });
            return label;
          },
          { deferrable },
        );
      return { clock, sent, send };
    }

    it('count toward a group window like messages: messages after edits wait for the window', async () => {
      const { clock, sent, send } = quizRig();
      void send('edit0', true);
      void send('edit1', true);
      await settle();
      await clock.advance(50);
      for (const label of ['m1', 'm2', 'm3']) void send(label, false);
      await settle();
      await clock.advance(300);
      expect(sent.map((entry) => [entry.label, entry.at])).toEqual([['edit0', 0], ['edit1', 10], ['m1', 50], ['m2', 60], ['m3', 200]]);
    });

    it('go after messages already waiting in the chat, never before them', async () => {
      const { clock, sent, send } = quizRig();
      void send('question', false);
      void send('edit', true);
      void send('reveal', false);
      await settle();
      await clock.advance(300);
      expect(sent.map((entry) => entry.label)).toEqual(['question', 'reveal', 'edit']);
    });

    it('leave the last slots of a group window to messages: edits stop at groupDeferrableMax, messages go on to groupMax', async () => {
      const { clock, sent, send } = quizRig();
      for (let i = 0; i < 4; i++) void send(`edit${i}`, true);
      await settle();
      await clock.advance(50);
      // Two edits fill the window to its deferrable share; the others wait although two slots are free...
      expect(sent.map((entry) => entry.label)).toEqual(['edit0', 'edit1']);
      void send('reveal', false);
      void send('leaderboard', false);
      await settle();
      await clock.advance(50);
      // ...which the messages take at once (chat spacing only).
      expect(sent.map((entry) => entry.label)).toEqual(['edit0', 'edit1', 'reveal', 'leaderboard']);
      expect(sent.slice(2).map((entry) => entry.at)).toEqual([50, 60]);
      await clock.advance(400);
      // The waiting edits go once the window has room to spare again; nothing is dropped.
      expect(sent.map((entry) => entry.label)).toEqual(['edit0', 'edit1', 'reveal', 'leaderboard', 'edit2', 'edit3']);
      expect(sent[4]!.at).toBeGreaterThanOrEqual(200 + 50);
    });

    it('in a private chat only keep their place behind messages (there is no group window)', async () => {
      const clock = new ManualClock();
      const limiter = new SendLimiter(QUIZ_LIMITS, () => undefined, clock);
      const sent: string[] = [];
      for (let i = 0; i < 5; i++) void limiter.schedule('7', false, async () => void sent.push(`edit${i}`), { deferrable: true });
      await settle();
      await clock.advance(60);
      expect(sent).toHaveLength(5);
    });
  });
});
