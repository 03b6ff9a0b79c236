import type { RedisClient } from '../queue/redis-connection.js';
import { CUSTOM_SET_TTL_MS, RESULTS_TTL_MS, RUNNING_TTL_MS, type ClassQuizStore } from '../core/class-quiz/store.js';
import type { AnswerOutcome, ClassQuiz, CustomItem, Player, RecordedAnswer } from '../core/class-quiz/types.js';
import { anonymousPlayerId, withoutPerson } from '../core/class-quiz/forget.js';
import { wellFormed, wellFormedDeep } from '../core/well-formed.js';
import { hashTag } from '../queue/keys.js';
import { NO_REPLICA_WAIT, ReplicationWait, type ReplicaWait } from '../queue/replication.js';

/** WAITs (of REDIS_WAIT_TIMEOUT_MS each) for an answer before it is acknowledged unconfirmed by any replica. */
const UNCONFIRMED_WAITS = 4;

/** JSON that Lua's cjson can decode: a lone surrogate, written as `\ud800`, makes cjson.decode fail. */
const toJson = (value: unknown) => JSON.stringify(wellFormedDeep(value));
/** Read back well-formed too: a copy stored before writes were made well-formed may still hold a lone surrogate. */
const fromJson = <T>(json: string) => wellFormedDeep(JSON.parse(json) as T);

// Redis's own clock (TIME), in ms: every bot and worker process times answers on the same clock.
const NOW_MS = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * KEYS: live, answers, players. ARGV: index, window ms, ttl ms. Opens the question unless it is already the open one,
 * noting how many players it opened with.
 */
const OPEN = `${NOW_MS}
if redis.call('HGET', KEYS[1], 'index') == ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'index', ARGV[1], 'openedAt', now, 'closesAt', now + tonumber(ARGV[2]), 'closed', '0', 'players', redis.call('HLEN', KEYS[3]))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

/**
 * KEYS: live, answers, players. ARGV: index, user id, option, name, ttl ms. One atomic step: an answer counts only
 * while its question is open, and only a user's first; the answerer joins the players. Returns {status, answered,
 * players, players at opening} with status 1 recorded, 2 again, 0 closed. (The answerer's /forget index is written
 * before, by a command of its own: it is the person's slot on a Cluster, not the quiz's.)
 */
const ANSWER = `${NOW_MS}
local live = redis.call('HMGET', KEYS[1], 'index', 'openedAt', 'closesAt', 'closed', 'players')
local atOpen = tonumber(live[5]) or 0
if live[1] ~= ARGV[1] or live[4] == '1' or now >= tonumber(live[3]) then
  return {0, redis.call('HLEN', KEYS[2]), redis.call('HLEN', KEYS[3]), atOpen}
end
local added = redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[3] .. ':' .. (now - tonumber(live[2])))
if added == 1 then
  redis.call('PEXPIRE', KEYS[2], ARGV[5])
  redis.call('HSETNX', KEYS[3], ARGV[2], ARGV[4])
  redis.call('PEXPIRE', KEYS[3], ARGV[5])
end
return {added == 1 and 1 or 2, redis.call('HLEN', KEYS[2]), redis.call('HLEN', KEYS[3]), atOpen}`;

/**
 * KEYS: quiz. ARGV: the new JSON, the version the writer read, ttl ms. A compare-and-set on the quiz's version.
 * A stored copy cjson cannot decode (a lone surrogate from before writes were made well-formed) is replaced rather
 * than failing every save, and with it every step and /quiz stop, until the chat's claim expires; the new copy is
 * well-formed, so the compare works again from the next save on.
 */
const SAVE_IF_CURRENT = `local stored = redis.call('GET', KEYS[1])
if stored then
  local readable, quiz = pcall(cjson.decode, stored)
  if readable and tostring(quiz.version or 0) ~= ARGV[2] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
return 1`;

/** KEYS: live. ARGV: index. */
const CLOSE = `if redis.call('HGET', KEYS[1], 'index') == ARGV[1] then redis.call('HSET', KEYS[1], 'closed', '1') end return 0`;

/**
 * Class quizzes in Redis under `<prefix>:cq:`, shared by the bot and every worker. With `replicaWait`, an answer and
 * a join are on the replicas before they are acknowledged (see queue/replication.ts): a failover right after a
 * student saw "recorded" does not lose the answer.
 */
export class RedisClassQuizStore implements ClassQuizStore {
  private readonly replication: ReplicationWait;
  /** Acknowledged writes the replicas had not confirmed within the wait's timeout (a replica down or lagging). */
  readonly replicationStats = { waits: 0, unconfirmed: 0, retried: 0 };

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    replicaWait: ReplicaWait = NO_REPLICA_WAIT,
  ) {
    this.replication = new ReplicationWait(redis, replicaWait);
  }

  /**
   * Runs a write, then waits for the replicas to hold it. If the connection breaks before they confirm, the master
   * may have died with the write: it is run once more, on whichever master answers now (the writes are idempotent:
   * a second answer or join of the same person is "again").
   */
  private async durably<T>(key: string, write: () => Promise<T>, merge: (first: T, again: T) => T): Promise<T> {
    const epoch = this.replication.epoch;
    const first = await write();
    try {
      // A replica that is connected but not acknowledging (a stalled link) gets a few more chances: the master may be
      // about to die with the write. If it does, the WAIT fails and the write is made again on the new master.
      for (let wait = 0; ; wait++) {
        const outcome = await this.replication.afterWrite(key, epoch);
        if (wait === 0 && outcome.asked > 0) this.replicationStats.waits += 1;
        if (outcome.acknowledged >= outcome.asked) return first;
        if (wait >= UNCONFIRMED_WAITS) {
          this.replicationStats.unconfirmed += 1;
          return first;
        }
      }
    } catch {
      this.replicationStats.retried += 1;
      return merge(first, await write());
    }
  }

  private key(kind: string, id: string, ...rest: (string | number)[]): string {
    // A quiz's keys share its id as a hash tag on a Cluster (its scripts touch several); a chat's or a person's key
    // stands alone.
    const scoped = kind === 'live' || kind === 'answers' || kind === 'players' ? hashTag(this.redis, id) : id;
    return [`${this.prefix}:cq:${kind}`, scoped, ...rest].join(':');
  }

  /** Which quizzes a person played, for /forget: written before their answer or join, so /forget never misses one. */
  private async notePlayed(userId: string, quizId: string): Promise<void> {
    const played = this.key('played', userId);
    await this.redis.multi().sadd(played, quizId).pexpire(played, RESULTS_TTL_MS).exec();
  }

  async begin(quiz: ClassQuiz): Promise<{ begun: true } | { begun: false; runningId: string }> {
    const set = await this.redis.set(this.key('run', quiz.chatKey), quiz.id, 'PX', RUNNING_TTL_MS, 'NX');
    if (set !== 'OK') return { begun: false, runningId: (await this.redis.get(this.key('run', quiz.chatKey))) ?? '' };
    await this.redis.set(this.key('quiz', quiz.id), toJson(quiz), 'PX', RESULTS_TTL_MS);
    return { begun: true };
  }

  async running(chatKey: string): Promise<string | undefined> {
    return (await this.redis.get(this.key('run', chatKey))) ?? undefined;
  }

  async load(quizId: string): Promise<ClassQuiz | undefined> {
    const json = await this.redis.get(this.key('quiz', quizId));
    return json ? fromJson<ClassQuiz>(json) : undefined;
  }

  async save(quiz: ClassQuiz): Promise<boolean> {
    const next = { ...quiz, version: quiz.version + 1 };
    const saved = await this.redis.eval(SAVE_IF_CURRENT, 1, this.key('quiz', quiz.id), toJson(next), quiz.version, RESULTS_TTL_MS);
    if (saved !== 1) return false;
    quiz.version = next.version;
    return true;
  }

  async open(quizId: string, index: number, windowMs: number): Promise<void> {
    await this.redis.eval(OPEN, 3, this.key('live', quizId), this.key('answers', quizId, index), this.key('players', quizId), index, windowMs, RESULTS_TTL_MS);
  }

  async answer(quizId: string, index: number, player: Player, option: number): Promise<AnswerOutcome> {
    await this.notePlayed(player.userId, quizId);
    return this.durably(this.key('live', quizId), () => this.recordAnswer(quizId, index, player, option), (first, again) =>
      first.status === 'recorded' && again.status === 'again' ? { ...again, status: 'recorded' } : again,
    );
  }

  private async recordAnswer(quizId: string, index: number, player: Player, option: number): Promise<AnswerOutcome> {
    const [status, answered, players, playersAtOpen] = (await this.redis.eval(
      ANSWER,
      3,
      this.key('live', quizId),
      this.key('answers', quizId, index),
      this.key('players', quizId),
      index,
      player.userId,
      option,
      wellFormed(player.name),
      RESULTS_TTL_MS,
    )) as [number, number, number, number];
    return { status: status === 1 ? 'recorded' : status === 2 ? 'again' : 'closed', answered, players, playersAtOpen };
  }

  async join(quizId: string, player: Player): Promise<{ joined: boolean; players: number }> {
    const key = this.key('players', quizId);
    await this.notePlayed(player.userId, quizId);
    return this.durably(key, () => this.recordJoin(key, player), (first, again) => ({ joined: first.joined || again.joined, players: again.players }));
  }

  private async recordJoin(key: string, player: Player): Promise<{ joined: boolean; players: number }> {
    const [[, added], [, players]] = (await this.redis
      .multi()
      .hsetnx(key, player.userId, wellFormed(player.name))
      .hlen(key)
      .pexpire(key, RESULTS_TTL_MS)
      .exec()) as [
      [unknown, number],
      [unknown, number],
      ...unknown[],
    ];
    return { joined: added === 1, players };
  }

  async close(quizId: string, index: number): Promise<void> {
    await this.redis.eval(CLOSE, 1, this.key('live', quizId), index);
  }

  async answers(quizId: string, index: number): Promise<RecordedAnswer[]> {
    const sheet = await this.redis.hgetall(this.key('answers', quizId, index));
    return Object.entries(sheet).map(([userId, value]) => {
      const [option, ms] = value.split(':').map(Number) as [number, number];
      return { userId, option, ms };
    });
  }

  async players(quizId: string): Promise<Player[]> {
    const players = await this.redis.hgetall(this.key('players', quizId));
    return Object.entries(players).map(([userId, name]) => ({ userId, name }));
  }

  async finish(quiz: ClassQuiz): Promise<boolean> {
    const run = this.key('run', quiz.chatKey);
    // Only this quiz's claim on the chat is released (a newer quiz may already run there).
    if (!(await this.save(quiz))) return false;
    await this.redis.eval(`if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end return 0`, 1, run, quiz.id);
    await this.redis.set(this.key('last', quiz.chatKey), quiz.id, 'PX', RESULTS_TTL_MS);
    return true;
  }

  async lastFinished(chatKey: string): Promise<string | undefined> {
    return (await this.redis.get(this.key('last', chatKey))) ?? undefined;
  }

  async customSet(chatKey: string): Promise<CustomItem[] | undefined> {
    const json = await this.redis.get(this.key('set', chatKey));
    return json ? fromJson<CustomItem[]>(json) : undefined;
  }

  async saveCustomSet(chatKey: string, items: CustomItem[]): Promise<void> {
    await this.redis.set(this.key('set', chatKey), toJson(items), 'PX', CUSTOM_SET_TTL_MS);
  }

  async saveResultsLink(token: string, value: { quizId: string; userId: string }): Promise<void> {
    await this.redis.set(this.key('link', token), JSON.stringify(value), 'PX', RESULTS_TTL_MS);
  }

  async forgetPlayer(platform: string, userId: string, name: string): Promise<{ anonymised: number; running: number }> {
    const played = this.key('played', userId);
    const counts = { anonymised: 0, running: 0 };
    for (const quizId of await this.redis.smembers(played)) {
      const quiz = await this.load(quizId);
      // Ids are per platform: the same number on another platform is another person.
      if (quiz && quiz.platform !== platform) continue;
      if (quiz && quiz.phase !== 'finished') {
        counts.running += 1;
        continue;
      }
      if (quiz) {
        const anonymousId = anonymousPlayerId();
        const players = this.key('players', quizId);
        // A hash left empty by the HDEL is deleted, and the HSET makes a new one without a TTL: set it again.
        if (await this.redis.hexists(players, userId)) await this.redis.multi().hdel(players, userId).hset(players, anonymousId, name).pexpire(players, RESULTS_TTL_MS).exec();
        for (let index = 0; index < quiz.items.length; index++) {
          const sheet = this.key('answers', quizId, index);
          const answer = await this.redis.hget(sheet, userId);
          if (answer !== null) await this.redis.multi().hdel(sheet, userId).hset(sheet, anonymousId, answer).pexpire(sheet, RESULTS_TTL_MS).exec();
        }
        if (await this.save(withoutPerson(quiz, userId, anonymousId, name))) counts.anonymised += 1;
      }
      await this.redis.srem(played, quizId);
    }
    return counts;
  }

  async resultsLink(token: string): Promise<{ quizId: string; userId: string } | undefined> {
    const json = await this.redis.get(this.key('link', token));
    return json ? (JSON.parse(json) as { quizId: string; userId: string }) : undefined;
  }
}
