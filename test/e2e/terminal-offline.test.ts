/** `npm start --json` as a child process, offline (no REDIS_URL): one JSON reply per input line, in order. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n.js';
import { ANSI_ESCAPE, cleanEnv, expectSessionAnswered, HAN, jsonLines, runTutor, SESSION, type JsonReply } from '../support/child.js';

describe('terminal --json, offline', () => {
  it('answers each line with exactly one JSON reply, in order, and /lang zh sticks', async () => {
    const run = await runTutor(SESSION, { env: cleanEnv() });
    const [explainEn, , explainZh, help, pretraining] = expectSessionAnswered(run, t('zh', 'help.privacyMemory'));
    expect(explainEn.buttons.length).toBeGreaterThan(0);
    expect(explainZh.text).toMatch(HAN);
    expect(help.text).toContain('/explain');
    expect(pretraining.text).toContain('预训练');
  });

  it('runs /generate and /attention on the shipped model: updates marked final:false, then one final reply each', async () => {
    // A fixed seed for the sampled one: a first token drawn at random can be the end token (no new tokens).
    const run = await runTutor(['/generate seed:7 注意力机制', '/generate Attention is', '/attention 我喜欢学习GPT'], { env: cleanEnv() });
    expect(run.code).toBe(0);
    const replies = jsonLines(run.stdout);
    const finals = replies.filter((reply) => reply.final);
    expect(finals.map((reply) => reply.command)).toEqual(['generate', 'generate', 'attention']);
    expect(replies.filter((reply) => !reply.final).every((reply) => reply.command === 'generate')).toBe(true);
    for (const reply of finals.slice(0, 2)) expect(reply).toMatchObject({ model: 'gpt-tutor-tiny' });
    expect(finals[0]!.new_tokens).toBeGreaterThan(0);
    const image = finals[2]!.image!;
    expect(existsSync(image)).toBe(true);
    expect(readFileSync(image).subarray(0, 4).toString('hex')).toBe('89504e47');
  });

  it('runs /compare on both shipped stages: the final reply lists each stage\'s answer', async () => {
    const run = await runTutor(['/compare What does the T in GPT stand for?'], { env: cleanEnv() });
    expect(run.code).toBe(0);
    const finals = jsonLines(run.stdout).filter((reply) => reply.final);
    expect(finals).toHaveLength(1);
    const answers = finals[0]!.answers!;
    expect(answers.map(({ model, stage }) => ({ model, stage }))).toEqual([
      { model: 'gpt-tutor-tiny', stage: 'pretrained' },
      { model: 'gpt-tutor-tiny-chat', stage: 'fine-tuned' },
    ]);
    expect(answers[1]!.text).toMatch(/transformer/i);
  });

  it('a bare number picks the first choice of the last reply: the same topic at another level', async () => {
    const run = await runTutor(['/explain attention', '1', '1'], { env: cleanEnv() });
    expect(run.code).toBe(0);
    const [first, picked, pickedAgain] = jsonLines(run.stdout) as [JsonReply, JsonReply, JsonReply];
    expect(first.buttons[0]?.label).toBe('Simpler');
    expect(picked).toMatchObject({ command: 'explain', lang: 'en', topic: 'attention', final: true });
    expect(picked.text).not.toBe(first.text);
    expect(picked.text.split('\n')[0]).toContain('kid');
    expect(first.text.split('\n')[0]).toContain('beginner');
    // The choices are now those of the kid-level reply: its first is "Deeper", back to beginner.
    expect(picked.buttons[0]?.label).toBe('Deeper');
    expect(pickedAgain).toMatchObject({ command: 'explain', topic: 'attention' });
    expect(pickedAgain.text).toBe(first.text);
  });

  it('LANG=zh_CN.UTF-8 answers the first line in Simplified Chinese without /lang', async () => {
    const run = await runTutor(['/explain attention'], { env: cleanEnv({ LANG: 'zh_CN.UTF-8' }) });
    expect(run.code).toBe(0);
    const [reply] = jsonLines(run.stdout) as [JsonReply];
    expect(reply).toMatchObject({ lang: 'zh', locale: 'zh', topic: 'attention' });
    expect(reply.text).toContain('注意力机制');
    expect(reply.text).not.toContain('機');
  });

  it('LANG=zh_TW.UTF-8 answers in Traditional characters, buttons included', async () => {
    const run = await runTutor(['/explain attention', '/explain 什么是预训练'], { env: cleanEnv({ LANG: 'zh_TW.UTF-8' }) });
    expect(run.code).toBe(0);
    const [attention, pretraining] = jsonLines(run.stdout) as [JsonReply, JsonReply];
    expect(attention).toMatchObject({ lang: 'zh', locale: 'zh-Hant', topic: 'attention' });
    expect(attention.text).toContain('注意力機制');
    expect(attention.text).not.toContain('机');
    expect(attention.buttons.map((button) => button.label).join(' ')).toContain('講');
    expect(pretraining.topic).toBe('pretraining');
    expect(pretraining.text).toContain('預訓練');
    expect(pretraining.text).not.toContain('预训练');
  });

  it('LC_ALL wins over LANG, as the C library reads it', async () => {
    const run = await runTutor(['/help'], { env: cleanEnv({ LANG: 'zh_CN.UTF-8', LC_ALL: 'en_US.UTF-8' }) });
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout)[0]?.lang).toBe('en');
  });

  it('without --json and with piped stdin, prints plain readable text with numbered choices', async () => {
    const run = await runTutor(['/explain attention'], { env: cleanEnv(), args: [] });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(ANSI_ESCAPE);
    expect(run.stdout).toContain('Attention');
    expect(run.stdout).toMatch(/^\s*\[1\] Simpler$/m);
    expect(run.stdout).toMatch(/^\s*\[2\] Deeper$/m);
    expect(run.stdout).not.toContain('**');
    for (const line of run.stdout.split('\n')) expect(line.trimStart().startsWith('{"')).toBe(false);
    expect(() => JSON.parse(run.stdout)).toThrow();
  });

  it('stops with exit code 2 and names DEFAULT_LANG when it is invalid, printing nothing on stdout', async () => {
    const run = await runTutor(['/help'], { env: cleanEnv({ DEFAULT_LANG: 'fr' }) });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('DEFAULT_LANG');
  });

  it('names an invalid REDIS_URL without echoing its value (it may hold a password)', async () => {
    const run = await runTutor(['/help'], { env: cleanEnv({ REDIS_URL: 'http://user:hunter2@example.invalid:6379' }) });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('REDIS_URL');
    expect(run.stderr).not.toContain('hunter2');
  });
});
