/**
 * `npm start` as a student meets it: a real pseudo-terminal, offline (no REDIS_URL), read from the screen of a
 * headless xterm. One tutor process per block, reused by its tests in order (each starts at a fresh prompt).
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t, toScript } from '../../src/core/i18n.js';
import { cleanEnv } from '../support/child.js';
import { KEYS, PtyScreen } from '../support/pty-screen.js';

/** Types a line, waits for the prompt after its reply, and returns the reply as shown: the lines between the two. */
async function ask(screen: PtyScreen, line: string): Promise<string> {
  const before = screen.prompts();
  screen.send(line);
  await screen.waitForPrompt(before + 1);
  return replyAfter(screen, line);
}

/** What the screen shows under the last prompt on which `line` was typed, up to the empty prompt after it. */
function replyAfter(screen: PtyScreen, line: string): string {
  return screen
    .textAfter(`› ${line}\n`)
    .replace(/\n*›$/, '')
    .trimEnd();
}

const lines = (text: string) => text.split('\n');
/** A UI string as the terminal shows it: markdown emphasis drawn as styles, not asterisks. */
const plain = (markdown: string) => markdown.replace(/\*\*|\*/g, '');
const ptyEnv = (lang: string) => cleanEnv({ LANG: lang, TERM: 'xterm-256color' });

describe('the terminal in a pseudo-terminal (en)', () => {
  let screen: PtyScreen;
  beforeAll(async () => {
    screen = await PtyScreen.start({ env: ptyEnv('en_US.UTF-8') });
  });
  afterAll(() => screen?.kill());

  it('shows the welcome, then the prompt; typed text is echoed; a blank line comes before the next prompt', async () => {
    expect(screen.text()).toContain('Welcome to GPT Tutor!');
    const before = screen.prompts();
    screen.type('/hel');
    await screen.waitForText('› /hel');
    screen.send('p');
    await screen.waitForPrompt(before + 1);
    expect(replyAfter(screen, '/help')).toContain('Commands');
    const shown = lines(screen.text());
    expect(shown.at(-1)).toBe('›');
    expect(shown.at(-2)).toBe('');
  });

  it('updates a streamed /generate in place: its final text is on screen exactly once', async () => {
    const reply = await ask(screen, '/generate max_new_tokens:40 temperature:0 The Transformer');
    // Every streamed frame starts with the prompt in bold: one such line means the frames were redrawn, not appended.
    expect(lines(reply).filter((line) => line.startsWith('The Transformer'))).toHaveLength(1);
    expect(reply.split(plain(t('en', 'generate.howItChose')))).toHaveLength(2);
    expect(reply).toContain('gpt-tutor-tiny is a tiny GPT');
  });

  it('shows each step of steps: mode once', async () => {
    const reply = await ask(screen, '/generate steps:3 temperature:0 The Transformer');
    for (const step of ['Step 1:', 'Step 2:', 'Step 3:']) expect(reply.split(step), step).toHaveLength(2);
    expect(lines(reply).filter((line) => line.startsWith('The Transformer'))).toHaveLength(1);
  });

  it('Ctrl-C while an answer streams: back to the prompt with “(stopped)”, and nothing more of that answer appears', async () => {
    // steps: mode is paced by the outbox (800 ms a step), so the answer is surely still streaming when Ctrl-C lands
    // (a 200-token stream of the shipped model can end within a second here); max steps leaves the most room.
    const stopped = '/generate steps:8 temperature:0 Attention is';
    const before = screen.prompts();
    screen.send(stopped);
    await screen.waitFor(() => replyAfter(screen, stopped).includes('Step 1:'), 'the first step');
    screen.type(KEYS.ctrlC);
    await screen.waitForPrompt(before + 1);
    const atStop = replyAfter(screen, stopped);
    expect(atStop.endsWith(t('en', 'terminal.stopped'))).toBe(true);
    expect(atStop).not.toContain(t('en', 'generate.greedy'));

    // The next answer is paced the same way and started later: by its end, every step the stopped one had left is due.
    const next = await ask(screen, '/generate steps:8 temperature:0 Hello there');
    expect(next).toContain('Step 8:');
    expect(screen.textAfter(`› ${stopped}\n`).split('› /generate steps:8 temperature:0 Hello there')[0]!.trimEnd()).toBe(atStop);
    expect(screen.count(t('en', 'terminal.stopped'))).toBe(1);
  });

  it('a line typed while an answer streams is not echoed into it: it waits, then is shown at a prompt and answered', async () => {
    const streaming = '/generate steps:2 temperature:0 Hi';
    const before = screen.prompts();
    screen.send(streaming);
    await screen.waitFor(() => replyAfter(screen, streaming).includes('Step 1:'), 'the first step');
    screen.send('/help generate');
    // The answer's prompt, then the waiting line's, then the empty one after its reply.
    await screen.waitForPrompt(before + 2);
    const answer = screen.textAfter(`› ${streaming}\n`);
    const [generated, help] = answer.split('› /help generate\n') as [string, string];
    expect(generated).toContain('Step 2:');
    expect(generated).toContain(t('en', 'generate.greedy'));
    expect(help).toMatch(/max_new_tokens/);
    expect(screen.count('› /help generate')).toBe(1);
  });

  it('shows /compare\'s two stages once each, redrawn in place while they stream', async () => {
    const reply = await ask(screen, '/compare What does the T in GPT stand for?');
    expect(reply.split('1 · Pretrained (gpt-tutor-tiny)')).toHaveLength(2);
    expect(reply.split('2 · Fine-tuned (gpt-tutor-tiny-chat)')).toHaveLength(2);
    expect(reply.split('First token, top 5:')).toHaveLength(3);
    expect(reply).toContain('What fine-tuning changed:');
  });

  it('still draws the heatmap and the saved image’s path for /attention', async () => {
    const reply = await ask(screen, '/attention I like GPT');
    // The block map is framed: a column ruler, numbered rows with their tokens, a scale from 0 to the strongest weight.
    expect(reply).toMatch(/^ +1 2 3/m);
    expect(reply).toMatch(/^ 1 I$/m); // (the screen keeps no trailing spaces)
    expect(reply).toMatch(/^ +0 +\d\.\d\d$/m);
    const path = /🖼\s+(\S+\.png)$/m.exec(reply)?.[1];
    expect(path, reply).toBeDefined();
    expect(existsSync(path!)).toBe(true);
  });

  it('a number picks the choice printed with it; one out of range is told the range', async () => {
    const lesson = await ask(screen, '/explain attention');
    const choices = [...lesson.matchAll(/^\s*\[(\d+)\] (.+)$/gm)];
    expect(choices.map((choice) => Number(choice[1]))).toEqual(choices.map((_, index) => index + 1));
    const deeper = choices.find((choice) => choice[2]!.startsWith('Deeper'));
    expect(deeper, lesson).toBeDefined();
    const picked = await ask(screen, deeper![1]!);
    expect(lines(picked)[0]).toMatch(/expert/);

    const count = [...picked.matchAll(/^\s*\[(\d+)\] /gm)].length;
    const outOfRange = await ask(screen, String(count + 1));
    expect(outOfRange).toBe(t('en', 'terminal.pickRange', { number: count + 1, count }));
  });

  it('Ctrl-C at an empty prompt says how to exit; Ctrl-D exits with code 0', async () => {
    const before = screen.prompts();
    screen.type(KEYS.ctrlC);
    await screen.waitForText(t('en', 'terminal.exitHint'));
    await screen.waitForPrompt(before + 1);
    screen.type(KEYS.ctrlD);
    expect((await screen.exited).exitCode).toBe(0);
  });
});

describe('the terminal in a pseudo-terminal (zh)', () => {
  let screen: PtyScreen;
  beforeAll(async () => {
    screen = await PtyScreen.start({ env: ptyEnv('zh_CN.UTF-8') });
  });
  afterAll(() => screen?.kill());

  it('answers a number out of range in Chinese, also in Traditional characters after /lang zh-Hant', async () => {
    const lesson = await ask(screen, '/explain attention');
    const count = [...lesson.matchAll(/^\s*\[(\d+)\] /gm)].length;
    expect(count).toBeGreaterThan(1);
    expect(await ask(screen, '99')).toBe(t('zh', 'terminal.pickRange', { number: 99, count }));

    await ask(screen, '/lang zh-Hant');
    const traditional = await ask(screen, '/explain attention');
    const traditionalCount = [...traditional.matchAll(/^\s*\[(\d+)\] /gm)].length;
    expect(await ask(screen, '0')).toBe(toScript('zh-Hant', t('zh', 'terminal.pickRange', { number: 0, count: traditionalCount })));
  });

  it('a second Ctrl-C at an empty prompt exits with code 0', async () => {
    screen.type(KEYS.ctrlC);
    await screen.waitForText(toScript('zh-Hant', t('zh', 'terminal.exitHint')));
    screen.type(KEYS.ctrlC);
    expect((await screen.exited).exitCode).toBe(0);
  });
});
