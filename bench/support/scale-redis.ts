/** bench:scale's redis-servers (one per part), remembered so that an exit or a signal mid-part stops them too. */
import { startRedis, type BenchRedis } from './redis.js';

const running = new Set<BenchRedis>();

export async function startScaleRedis(): Promise<BenchRedis> {
  const redis = await startRedis();
  running.add(redis);
  return {
    ...redis,
    stop: async () => {
      running.delete(redis);
      await redis.stop();
    },
  };
}

/** Synchronous last resort (process 'exit'): SIGKILL by PID whatever is left. */
export function killScaleRedisNow(): void {
  for (const redis of running) {
    try {
      process.kill(redis.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
