/** A job run again (its worker died, an attempt failed) tells its student the stream started over (to-outbox.ts). */
import { describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/core/delivery.js';
import { t, toScript } from '../../src/core/i18n.js';
import type { TutorJob } from '../../src/core/jobs.js';
import type { Locale } from '../../src/core/locale.js';
import type { JobProcessor } from '../../src/core/ports.js';
import { processToOutbox } from '../../src/queue/to-outbox.js';

const job = (locale: Locale): TutorJob => ({
  command: 'generate',
  args: { prompt: 'The' },
  context: { user: { id: 'u1' }, chat: { id: 'c1', kind: 'private' }, platform: 'terminal', locale },
  address: { platform: 'terminal', chatId: 'c1', userId: 'u1', correlationId: 'corr12345', outbox: 'outbox-test' },
});

/** Streams one update, then answers. */
const streaming: JobProcessor = async (tutorJob, report) => {
  report?.({ command: 'generate', locale: tutorJob.context.locale, text: 'The cat', buttons: [] });
  return { command: 'generate', locale: tutorJob.context.locale, text: 'The cat sat.', buttons: [] };
};

async function run(locale: Locale, attempt: number): Promise<Delivery[]> {
  const sent: Delivery[] = [];
  await processToOutbox(streaming, job(locale), { send: async (delivery) => void sent.push(delivery) }, undefined, { attempt });
  return sent;
}

describe('a restarted job', () => {
  it('says nothing extra on its first run', async () => {
    const sent = await run('en', 1);
    expect(sent.map((delivery) => [delivery.id, delivery.reply.text])).toEqual([
      ['update-corr12345-1', 'The cat'],
      ['final-corr12345', 'The cat sat.'],
    ]);
  });

  it.each(['en', 'zh', 'zh-Hant'] as const)('notes the restart above its updates and final reply (%s), under update ids of its own', async (locale) => {
    const sent = await run(locale, 2);
    const note = `_${toScript(locale, t(locale, 'queue.restarted'))}_\n\n`;
    expect(sent.map((delivery) => [delivery.id, delivery.reply.text])).toEqual([
      ['update-corr12345-a2-1', `${note}The cat`],
      ['final-corr12345', `${note}The cat sat.`],
    ]);
    if (locale === 'zh-Hant') expect(note).toContain('後');
  });
});
