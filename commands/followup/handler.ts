import type { CommandHandler, CommandJob } from '../../src/core/define-command.js';
import { digestOf } from '../../src/core/followup/context.js';
import { bestPassage } from '../../src/core/followup/passage.js';
import { FollowUpTurns } from '../../src/core/followup/turns.js';
import { t } from '../../src/core/i18n.js';
import type { Level } from '../../src/core/lessons/types.js';
import { langOf } from '../../src/core/locale.js';
import type { Reply } from '../../src/core/reply.js';
import { openButton } from '../explain/choices.js';
import { lessonReply } from '../explain/lesson.js';
import { followUpContext } from './context.js';
import { generatedFollowUp } from './generated.js';
import type { FOLLOWUP_OPTIONS } from './options.js';

export type FollowUpJob = CommandJob<'followup', undefined, typeof FOLLOWUP_OPTIONS, { onModel: true }>;

const DEFAULT_LEVEL: Level = 'beginner';

/** Another lesson the question names outright ("and what is attention?"), unless it names this lesson too. */
function namedOther(named: ReadonlyMap<string, number>, topic: string): string | undefined {
  if (named.has(topic)) return undefined;
  return [...named.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * A follow-up: retrieval prefers the lesson asked about (a vague "why divide by √d?" stays on attention, where
 * plain retrieval would pick scaled dot-product; a question naming another lesson outright opens that one). It is
 * answered from the lesson's own paragraphs, or (with a chat model) generated with the lesson and the asker's last
 * turns in the prompt.
 */
export const handleFollowUp: CommandHandler<FollowUpJob> = async (job, services, report, effects) => {
  const { locale, platform, user, chat } = job.context;
  const level = job.args.level ?? DEFAULT_LEVEL;
  const question = job.args.question?.trim() ?? '';
  if (!services.catalog.has(job.args.topic)) return { command: 'followup', locale, text: t(locale, 'followup.lessonGone'), buttons: [], topic: null };
  if (question === '') return { command: 'followup', locale, text: t(locale, 'followup.noQuestion'), buttons: [], topic: job.args.topic };
  const topic = job.args.topic;
  const other = namedOther(services.retriever.named(question), topic);
  if (other) return lessonReply(job, services, other, level);
  const turns = new FollowUpTurns(services.store);

  if (services.model?.chat) {
    if (!job.handover && effects) {
      await effects.schedule('model', { ...job, handover: { onModel: true } }, { jobId: `followup-${job.address.correlationId}` });
      return null;
    }
    const earlier = await turns.recent(platform, user.id, chat.id, topic);
    const generated = await generatedFollowUp(job, services, report, { topic, level, question, earlier, digest: job.args.digest });
    if (generated) {
      await turns.add(platform, user.id, chat.id, topic, { question, answer: generated.answer });
      return generated.reply;
    }
  }

  const lesson = services.catalog.lesson(langOf(locale), topic);
  const passage = bestPassage(lesson, level, question);
  const body = passage?.text ?? `${t(locale, 'followup.notFound')}\n\n${lesson.levels[level].split(/\n\s*\n/)[0] ?? ''}`;
  await turns.add(platform, user.id, chat.id, topic, { question, answer: digestOf(body) });
  const open = await openButton(services, topic, t(locale, 'explain.buttonLesson', { title: lesson.title }), passage?.level ?? level);
  const reply: Reply = {
    command: 'followup',
    locale,
    text: [t(locale, 'followup.heading', { title: lesson.title }), body, t(locale, 'followup.note')].join('\n\n'),
    buttons: [open],
    topic,
  };
  return { ...reply, followUp: await followUpContext(services, topic, level, body) };
};
