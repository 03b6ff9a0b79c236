/**
 * A teacher's question file through the real telegraf client, the fake Bot API and BullMQ on the test Redis: rights
 * and chat are checked before anything is downloaded, and the file's bytes never sit in a job (a finished job is
 * kept in Redis for an hour): the job carries a reference, the worker takes the bytes once, and nothing is left.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupChat, person } from '../support/fake-telegram/server.js';
import { redisUrl, requireRedisUrl } from '../support/redis.js';
import { startTelegramRig, type TelegramRig } from '../support/telegram-rig.js';

/** A file large enough to see in Redis memory (~200 KB), every row a valid question. */
function questionFile(rows: number): string {
  const lines = ['question,a,b,c,d,answer'];
  for (let i = 0; i < rows; i++) lines.push(`"What does softmax do, case ${i} of this long test file?",Turns scores into weights,Sorts tokens,Adds noise,Counts words,A`);
  return `${lines.join('\n')}\n`;
}

/** Every string value under the rig's prefix (hash fields and plain keys), to search for the file's bytes. */
async function everythingStored(redis: Redis, prefix: string): Promise<string> {
  const keys = await redis.keys(`${prefix}:*`);
  const parts: string[] = [];
  for (const key of keys) {
    const type = await redis.type(key);
    if (type === 'string') parts.push((await redis.get(key)) ?? '');
    else if (type === 'hash') parts.push(...Object.values(await redis.hgetall(key)));
  }
  return parts.join('\n');
}

describe.skipIf(!redisUrl)('uploads through BullMQ on the test Redis', () => {
  let rig: TelegramRig;
  let redis: Redis;
  beforeAll(async () => {
    rig = await startTelegramRig({ redisUrl: requireRedisUrl() });
    redis = new Redis(requireRedisUrl());
  });
  afterAll(async () => {
    redis.disconnect();
    await rig.close();
  });

  it('imports an admin\'s file with no trace of its bytes left in Redis (the job carried a reference, claimed once, and is gone once done)', async () => {
    const chat = groupChat(-1_000_777_001);
    const teacher = person(9101, { firstName: 'Teacher', languageCode: 'en' });
    rig.fake.setChatMember(chat.id, teacher.id, 'administrator');
    const file = questionFile(200);
    expect(file.length).toBeGreaterThan(20_000);
    const sent = rig.fake.pushDocument(chat, teacher, { name: 'questions.csv', bytes: Buffer.from(file), caption: '/quiz import' });
    await rig.fake.waitFor(() => rig.fake.botMessages(chat.id).find((stored) => stored.message.text?.includes('Saved 200 questions')), 15_000, 'the import report');
    expect(rig.fake.botMessages(chat.id)[0]!.message.reply_to_message?.message_id).toBe(sent.message_id);

    const stored = await everythingStored(redis, rig.prefix);
    expect(stored).not.toContain(Buffer.from(file).toString('base64').slice(0, 200));
    expect(stored).not.toContain('questions.csv');
    expect(await redis.keys(`${rig.prefix}:state:upload:*`)).toEqual([]);
  });

  it('downloads nothing for a student in a group or anyone in a private chat: each hears why', async () => {
    const chat = groupChat(-1_000_777_002);
    const student = person(9102, { firstName: 'Student', languageCode: 'en' });
    rig.fake.state.knowUser(student);
    const before = { getFile: rig.fake.callsTo('getFile').length, downloads: rig.fake.downloads.length };
    rig.fake.pushDocument(chat, student, { name: 'mine.csv', bytes: Buffer.from(questionFile(3)), caption: '/quiz import' });
    rig.fake.pushDocument({ id: student.id, type: 'private' }, student, { name: 'mine.csv', bytes: Buffer.from(questionFile(3)), caption: '/quiz import' });
    const [inGroup] = await rig.messages(chat.id, 1);
    const [privately] = await rig.messages(student.id, 1);
    expect(inGroup!.message.text).toMatch(/Only the group's admins/);
    expect(privately!.message.text).toMatch(/Import questions in the group/);
    expect(rig.fake.callsTo('getFile').length).toBe(before.getFile);
    expect(rig.fake.downloads.length).toBe(before.downloads);
  });
});
