import type { ClassQuizStore } from '../core/class-quiz/store.js';
import type { KeyValueStore } from '../core/ports.js';
import { MemoryClassQuizStore } from './class-quiz-memory.js';
import { RedisClassQuizStore } from './class-quiz-redis.js';
import { RedisStore } from './redis.js';

/** Class quizzes live beside the rest of the state: in the same Redis under the same prefix, or in this process. */
export function classQuizStoreFor(store: KeyValueStore): ClassQuizStore {
  return store instanceof RedisStore ? new RedisClassQuizStore(store.redis, store.prefix) : new MemoryClassQuizStore();
}
