import { t } from '../../src/core/i18n.js';
import type { TutorJob } from '../../src/core/jobs.js';
import { LEVELS, type Level } from '../../src/core/lessons/types.js';
import { langOf } from '../../src/core/locale.js';
import { uniqueButtons, type Button, type Reply } from '../../src/core/reply.js';
import type { TutorServices } from '../../src/core/services.js';
import { followUpContext } from '../followup/context.js';
import { lessonTitle, openButton } from './choices.js';

const MAX_RELATED_BUTTONS = 3;

/** One lesson at one level, with the next steps as buttons: simpler, deeper, related topics, next lesson. */
export async function lessonReply(job: TutorJob, services: TutorServices, topicId: string, level: Level): Promise<Reply> {
  const { locale, platform, user } = job.context;
  const lesson = services.catalog.lesson(langOf(locale), topicId);
  const seen = await services.progress.seen(platform, user.id);
  await services.progress.markSeen(platform, user.id, topicId, seen);
  const heading = t(locale, 'explain.heading', { title: lesson.title, level: t(locale, `explain.levelName.${level}`) });
  const levelIndex = LEVELS.indexOf(level);
  const buttons: Promise<Button>[] = [];
  const simpler = LEVELS[levelIndex - 1];
  const deeper = LEVELS[levelIndex + 1];
  if (simpler) buttons.push(openButton(services, topicId, t(locale, 'explain.buttonSimpler'), simpler));
  if (deeper) buttons.push(openButton(services, topicId, t(locale, 'explain.buttonDeeper'), deeper));
  // A prerequisite this user has not opened yet comes first.
  const missing = services.catalog.topic(topicId)?.prerequisites.find((id) => !seen.has(id) && services.catalog.has(id));
  if (missing) {
    const label = t(locale, 'explain.buttonPrerequisite', { title: lessonTitle(services, locale, missing) });
    buttons.push(openButton(services, missing, label, level));
  }
  const next = services.catalog.next(topicId);
  const related = (services.catalog.topic(topicId)?.related ?? [])
    .filter((id) => services.catalog.has(id) && id !== next?.id && id !== missing)
    .slice(0, MAX_RELATED_BUTTONS);
  for (const id of related) {
    const label = t(locale, 'explain.buttonRelated', { title: lessonTitle(services, locale, id) });
    buttons.push(openButton(services, id, label, level));
  }
  if (next) {
    const label = t(locale, 'explain.buttonNext', { title: lessonTitle(services, locale, next.id) });
    buttons.push(openButton(services, next.id, label, level));
  }
  if (services.quiz.forTopic(topicId).length > 0) {
    const quizMe = services.buttons.register({ command: 'quiz', subcommand: 'practice', args: { topic: topicId } });
    buttons.push(quizMe.then((id) => ({ id, label: t(locale, 'quiz.buttonQuizMe') })));
  }
  return {
    command: 'explain',
    locale,
    text: `${heading}\n\n${lesson.levels[level]}`,
    // One button per target, whatever its label: a choice is never offered twice.
    buttons: uniqueButtons(await Promise.all(buttons)),
    topic: topicId,
    followUp: await followUpContext(services, topicId, level, lesson.levels[level]),
  };
}
