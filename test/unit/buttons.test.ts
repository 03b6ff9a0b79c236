import { describe, expect, it } from 'vitest';
import { ButtonActions } from '../../src/core/buttons.js';
import { MemoryStore } from '../../src/state/memory.js';

/** A memory store that counts writes. */
class CountingStore extends MemoryStore {
  writes = 0;
  override async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.writes += 1;
    return super.set(key, value, ttlMs);
  }
}

describe('button actions', () => {
  it('give the same short id to the same action, different ids to different actions', async () => {
    const buttons = new ButtonActions(new MemoryStore());
    const a = await buttons.register({ command: 'explain', args: { topic: 'attention', level: 'kid' } });
    const b = await buttons.register({ command: 'explain', args: { level: 'kid', topic: 'attention' } });
    const c = await buttons.register({ command: 'explain', args: { topic: 'attention', level: 'expert' } });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(64);
    expect(await buttons.resolve(a)).toEqual({ command: 'explain', args: { topic: 'attention', level: 'kid' } });
  });

  it('write a known button again at most once a day per process', async () => {
    let now = 0;
    const store = new CountingStore();
    const buttons = new ButtonActions(store, () => now);
    const action = { command: 'explain', args: { topic: 'softmax' } };
    for (let i = 0; i < 5; i++) await buttons.register(action);
    expect(store.writes).toBe(1);
    now += 25 * 60 * 60 * 1000;
    await buttons.register(action);
    expect(store.writes).toBe(2);
  });
});
