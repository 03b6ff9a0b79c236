import { Cluster, Redis } from 'ioredis';
import { configProblems } from '../support/config-problems.js';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { describeTopology, parseHostPorts, redisTopology } from '../../src/config/redis-topology.js';
import { hashTag, queuePrefix } from '../../src/queue/keys.js';
import { PendingCommands, RESUBMIT_GRACE_MS } from '../../src/queue/pending-commands.js';
import { replicasIn } from '../../src/queue/replication.js';
import { stateKey, userIndexKey } from '../../src/state/redis.js';
import type { TutorJob } from '../../src/core/jobs.js';

const problemsOf = (env: NodeJS.ProcessEnv): string => configProblems(env).join('\n');

describe('Redis topology from the environment', () => {
  it('reads Sentinel and Cluster lists, with credentials and TLS', () => {
    const sentinel = redisTopology(loadConfig({ REDIS_SENTINELS: '10.0.0.1:26379, sentinel-b:26380,[::1]:26381', REDIS_SENTINEL_NAME: 'mymaster', REDIS_PASSWORD: 'pw-for-data-nodes', REDIS_TLS: 'true' }));
    expect(sentinel).toEqual({
      kind: 'sentinel',
      sentinels: [{ host: '10.0.0.1', port: 26379 }, { host: 'sentinel-b', port: 26380 }, { host: '::1', port: 26381 }],
      name: 'mymaster',
      sentinelPassword: undefined,
      username: undefined,
      password: 'pw-for-data-nodes',
      tls: true,
    });
    expect(describeTopology(sentinel!)).toBe('Sentinel master "mymaster" via 10.0.0.1:26379,sentinel-b:26380,[::1]:26381');
    expect(describeTopology(sentinel!)).not.toContain('pw-for');
    const cluster = redisTopology(loadConfig({ REDIS_CLUSTER_NODES: 'a:7000,b:7001' }));
    expect(cluster).toMatchObject({ kind: 'cluster', nodes: [{ host: 'a', port: 7000 }, { host: 'b', port: 7001 }], tls: false });
    expect(redisTopology(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }))).toEqual({ kind: 'standalone', url: 'redis://127.0.0.1:6379' });
    expect(redisTopology(loadConfig({}))).toBeUndefined();
  });

  it('refuses what cannot work, naming the variable and never a value', () => {
    expect(problemsOf({ REDIS_URL: 'redis://a:6379', REDIS_CLUSTER_NODES: 'b:7000' })).toMatch(/set only one of REDIS_URL, REDIS_SENTINELS and REDIS_CLUSTER_NODES/);
    expect(problemsOf({ REDIS_SENTINELS: 'a:26379' })).toMatch(/REDIS_SENTINEL_NAME: required with REDIS_SENTINELS/);
    expect(problemsOf({ REDIS_SENTINEL_NAME: 'mymaster' })).toMatch(/REDIS_SENTINELS: required/);
    expect(problemsOf({ REDIS_CLUSTER_NODES: 'a:7000,secret-host' })).toMatch(/REDIS_CLUSTER_NODES: a comma-separated list of host:port/);
    expect(problemsOf({ REDIS_CLUSTER_NODES: 'a:7000,secret-host' })).not.toContain('secret-host');
    expect(problemsOf({ REDIS_SENTINELS: 'a:99999', REDIS_SENTINEL_NAME: 'm' })).toMatch(/REDIS_SENTINELS/);
    expect(problemsOf({ REDIS_TLS: 'yes' })).toMatch(/REDIS_TLS/);
    expect(problemsOf({ REDIS_WAIT_REPLICAS: '9' })).toMatch(/REDIS_WAIT_REPLICAS/);
    expect(parseHostPorts('a:1,,b:2')).toEqual({ bad: '' });
  });
});

describe('key layout', () => {
  const plain = new Redis({ lazyConnect: true });
  const cluster = new Cluster([{ host: '127.0.0.1', port: 1 }], { lazyConnect: true });
  afterAll(() => {
    plain.disconnect();
    cluster.disconnect();
  });

  it('tags each queue, each person and each quiz on a Cluster, and leaves one server\'s keys as they were', () => {
    expect(queuePrefix(plain, 'gpt-tutor', 'fast')).toBe('gpt-tutor');
    expect(queuePrefix(cluster, 'gpt-tutor', 'fast')).toBe('gpt-tutor:{fast}');
    expect(hashTag(cluster, 'quiz1')).toBe('{quiz1}');
    expect(hashTag(plain, 'quiz1')).toBe('quiz1');
    expect(stateKey('p', 'user:telegram:42:lang')).toBe('p:state:user:telegram:42:lang');
    expect(userIndexKey('p', 'user:telegram:42:lang')).toBe('p:index:user:telegram:42:');
    expect(stateKey('p', 'user:telegram:42:lang', true)).toBe('p:state:{user:telegram:42}:lang');
    expect(userIndexKey('p', 'user:telegram:42:lang', true)).toBe('p:index:{user:telegram:42}');
    expect(stateKey('p', 'button:abc', true)).toBe('p:state:button:abc');
    // A person's keys and their index hash alike (the tag is what is between the first { and the next }).
    const tag = (key: string) => /\{([^}]*)\}/.exec(key)?.[1];
    expect(tag(stateKey('p', 'user:terminal:a}b:rate:x', true))).toBe(tag(userIndexKey('p', 'user:terminal:a}b:', true)!));
  });
});

describe('pending commands (re-submitted after a reconnect)', () => {
  const job = (correlationId: string) => ({ command: 'explain', address: { correlationId } }) as unknown as TutorJob;

  it('keeps a command until its final reply, and forgets one past its deadline', () => {
    let now = 0;
    const pending = new PendingCommands({ fast: 1_000, model: 10_000 }, () => now);
    pending.track({ queue: 'fast', job: job('a'), jobId: 'cmd-a' });
    pending.track({ queue: 'model', job: job('b'), jobId: 'cmd-b' });
    pending.track({ queue: 'fast', job: job('c'), jobId: 'cmd-c' });
    pending.settle('c');
    expect(pending.due().map((command) => command.jobId)).toEqual(['cmd-a', 'cmd-b']);
    now = 1_000 + RESUBMIT_GRACE_MS + 1;
    expect(pending.due().map((command) => command.jobId)).toEqual(['cmd-b']);
    expect(pending.size).toBe(1);
  });
});

describe('replication', () => {
  it('reads the connected replicas from INFO replication', () => {
    expect(replicasIn('# Replication\r\nrole:master\r\nconnected_slaves:2\r\nslave0:ip=127.0.0.1,port=1\r\n')).toBe(2);
    expect(replicasIn('# Replication\r\nrole:master\r\nconnected_slaves:0\r\n')).toBe(0);
  });
});
