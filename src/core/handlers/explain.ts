import { explain } from '../../../commands/explain.js';
import type { Button, Reply } from '../reply.js';
import { t } from '../i18n.js';
import type { TutorJob } from '../jobs.js';
import { LEVELS, type Level } from '../lessons/types.js';
import { langOf, type Locale } from '../locale.js';
import { argsSchema } from '../options.js';
import { quoteUserText } from '../replies.js';
import type { JobHandler, TutorServices } from '../services.js';

const explainArgs = argsSchema(explain.options);
const DEFAULT_LEVEL: Level = 'beginner';
const MAX_RELATED_BUTTONS = 3;

export const handleExplain: JobHandler = async (job, services) => {
  const { topic: query, level } = explainArgs.parse(job.args);
  const locale = job.context.locale;
  if (!query) return topicList(job, services, t(locale, 'explain.topicsTitle'));

  const found = services.retriever.find(query);
  if (!found.best) {
    const intro = t(locale, 'explain.noMatch', { query: quoteUserText(query) });
    return { ...(await topicList(job, services, intro)), topic: null };
  }
  const lesson = await lessonReply(job, services, found.best.id, level ?? DEFAULT_LEVEL);
  if (found.confident && found.alternatives.length === 0) return lesson;

  const choices = await Promise.all(
    found.alternatives.map((match) =>
      openButton(services, match.id, t(locale, 'explain.buttonOpen', { title: lessonTitle(services, locale, match.id) }), level),
    ),
  );
  return { ...lesson, text: `${t(locale, 'explain.didYouMean')}\n\n${lesson.text}`, buttons: [...choices, ...lesson.buttons] };
};

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
    .filter((id) => services.catalog.has(id) && id !== next?.id)
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
    buttons: await Promise.all(buttons),
    topic: topicId,
  };
}

/** The learning path: every topic in order, marked where this user has been, and where to go on. */
async function topicList(job: TutorJob, services: TutorServices, intro: string): Promise<Reply> {
  const { locale, platform, user } = job.context;
  const seen = await services.progress.seen(platform, user.id);
  const topics = services.catalog.topics;
  const lines = topics.map((topic, index) =>
    t(locale, 'explain.topicLine', { index: index + 1, mark: seen.has(topic.id) ? '✓ ' : '', id: topic.id, title: lessonTitle(services, locale, topic.id) }),
  );
  const buttons: Promise<Button>[] = [];
  const next = topics.find((topic) => !seen.has(topic.id));
  if (seen.size > 0 && next) {
    buttons.push(openButton(services, next.id, t(locale, 'explain.buttonContinue', { title: lessonTitle(services, locale, next.id) }), undefined));
  }
  for (const topic of topics) buttons.push(openButton(services, topic.id, lessonTitle(services, locale, topic.id), undefined));
  const progress = seen.size > 0 ? [t(locale, 'explain.progress', { seen: seen.size, total: topics.length })] : [];
  const text = [intro, lines.join('\n'), ...progress, t(locale, 'explain.topicsHint')].join('\n\n');
  return { command: 'explain', locale, text, buttons: await Promise.all(buttons) };
}

function lessonTitle(services: TutorServices, locale: Locale, topicId: string): string {
  return services.catalog.lesson(langOf(locale), topicId).title;
}

async function openButton(services: TutorServices, topicId: string, label: string, level: Level | undefined): Promise<Button> {
  const args: Record<string, string> = { topic: topicId };
  if (level) args['level'] = level;
  return { id: await services.buttons.register({ command: 'explain', args }), label };
}
