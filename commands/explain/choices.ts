/**
 * The replies of /explain that offer lessons to choose from instead of one lesson: the learning path, "did you
 * mean", and what to try when nothing matched. The choices are the buttons themselves (the terminal numbers them):
 * the text never lists them a second time.
 */
import { t } from '../../src/core/i18n.js';
import type { TutorJob } from '../../src/core/jobs.js';
import type { TopicMatch } from '../../src/core/lessons/retrieval.js';
import { suggestTopics } from '../../src/core/lessons/suggest.js';
import type { Level } from '../../src/core/lessons/types.js';
import type { UncoveredTerm } from '../../src/core/lessons/uncovered.js';
import { langOf, type Locale } from '../../src/core/locale.js';
import { quoteUserText } from '../../src/core/reply-format.js';
import { uniqueButtons, type Button, type Reply } from '../../src/core/reply.js';
import type { TutorServices } from '../../src/core/services.js';

/** Few enough to read at a glance: the full list is one button away. */
const MAX_SUGGESTIONS = 3;
// Below this many letters, a substring says little ("6" is in a summary's "2016"): suggest the path instead.
const MIN_SUGGEST_QUERY_CHARS = 3;

/** The learning path: one button per topic in order, ✓ on those opened, → on where to go on. */
export async function topicList(job: TutorJob, services: TutorServices, level: Level | undefined): Promise<Reply> {
  const { locale, platform, user } = job.context;
  const seen = await services.progress.seen(platform, user.id);
  const topics = services.catalog.topics;
  const opened = topics.filter((topic) => seen.has(topic.id)).length;
  const next = opened > 0 ? topics.find((topic) => !seen.has(topic.id)) : undefined;
  const buttons = await Promise.all(
    topics.map((topic) => {
      const title = lessonTitle(services, locale, topic.id);
      const label = seen.has(topic.id) ? t(locale, 'explain.topicSeen', { title }) : topic === next ? t(locale, 'explain.topicNext', { title }) : title;
      return openButton(services, topic.id, label, level);
    }),
  );
  const lines = [t(locale, 'explain.topicsTitle', { count: topics.length })];
  if (level) lines.push(t(locale, 'explain.levelForList', { level: t(locale, `explain.levelName.${level}`) }));
  if (next) lines.push(t(locale, 'explain.progress', { seen: opened, total: topics.length, next: lessonTitle(services, locale, next.id) }));
  else if (opened > 0) lines.push(t(locale, 'explain.progressDone', { total: topics.length }));
  return { command: 'explain', locale, text: lines.join('\n\n'), buttons };
}

/** Not sure which lesson was meant: the likely ones as choices, each with its one-line summary, and no lesson yet. */
export async function didYouMean(job: TutorJob, services: TutorServices, query: string, matches: readonly TopicMatch[], level: Level | undefined): Promise<Reply> {
  const locale = job.context.locale;
  const choices = await Promise.all(matches.map((match) => lessonChoice(services, locale, match.id, level)));
  const key = matches.length === 1 ? 'explain.didYouMeanOne' : 'explain.didYouMean';
  const text = t(locale, key, { query: quoteUserText(query) });
  return { command: 'explain', locale, text, buttons: uniqueButtons([...choices, await allTopicsButton(services, locale, level)]), topic: null };
}

/** Nothing matched: a few lessons to try (close spellings, else the next ones on this student's path), not all 19. */
export async function noMatch(job: TutorJob, services: TutorServices, query: string, level: Level | undefined): Promise<Reply> {
  const { locale, platform, user } = job.context;
  const similar = [...query].length >= MIN_SUGGEST_QUERY_CHARS ? suggestTopics(query, locale, services.catalog).slice(0, MAX_SUGGESTIONS) : [];
  let ids = similar.map((suggestion) => suggestion.value);
  if (ids.length === 0) {
    const seen = await services.progress.seen(platform, user.id);
    ids = services.catalog.topics.filter((topic) => !seen.has(topic.id)).slice(0, MAX_SUGGESTIONS).map((topic) => topic.id);
  }
  const choices = await Promise.all(ids.map((id) => lessonChoice(services, locale, id, level)));
  const key = similar.length > 0 ? 'explain.noMatchSimilar' : 'explain.noMatch';
  const text = t(locale, key, { query: quoteUserText(query) });
  return { command: 'explain', locale, text, buttons: [...choices, await allTopicsButton(services, locale, level)], topic: null };
}

/**
 * Not about how GPT works (cooking, football, another subject's homework): said plainly, with where the
 * curriculum starts for this student (their next lesson) and the full list — no lesson guessed from a shared word.
 */
export async function notCovered(job: TutorJob, services: TutorServices, query: string, level: Level | undefined): Promise<Reply> {
  const { locale, platform, user } = job.context;
  const seen = await services.progress.seen(platform, user.id);
  const start = services.catalog.topics.find((topic) => !seen.has(topic.id)) ?? services.catalog.topics[0]!;
  const text = t(locale, 'explain.notCovered', { query: quoteUserText(query) });
  return { command: 'explain', locale, text, buttons: [await lessonChoice(services, locale, start.id, level), await allTopicsButton(services, locale, level)], topic: null };
}

/** A term of the field without a lesson yet: said so, with the lessons nearest to it as choices. */
export async function uncoveredTerm(job: TutorJob, services: TutorServices, term: UncoveredTerm, level: Level | undefined): Promise<Reply> {
  const locale = job.context.locale;
  const nearest = term.nearest.filter((id) => services.catalog.has(id));
  const choices = await Promise.all(nearest.map((id) => lessonChoice(services, locale, id, level)));
  const text = t(locale, 'explain.uncovered', { term: term.term[langOf(locale)] });
  return { command: 'explain', locale, text, buttons: [...choices, await allTopicsButton(services, locale, level)], topic: null };
}

/** `/` alone (or a slash before no command): how commands are typed, with the list of commands a press away. */
export async function commandHint(job: TutorJob, services: TutorServices): Promise<Reply> {
  const locale = job.context.locale;
  const help = { id: await services.buttons.register({ command: 'help', args: {} }), label: t(locale, 'explain.buttonHelp') };
  return { command: 'explain', locale, text: t(locale, 'explain.commandHint'), buttons: [help, await allTopicsButton(services, locale, undefined)], topic: null };
}

export function lessonTitle(services: TutorServices, locale: Locale, topicId: string): string {
  return services.catalog.lesson(langOf(locale), topicId).title;
}

export async function openButton(services: TutorServices, topicId: string, label: string, level: Level | undefined): Promise<Button> {
  const args: Record<string, string> = { topic: topicId };
  if (level) args['level'] = level;
  return { id: await services.buttons.register({ command: 'explain', args }), label };
}

/** A lesson offered as a choice: its title, and its one-line summary for adapters with room to show it. */
async function lessonChoice(services: TutorServices, locale: Locale, topicId: string, level: Level | undefined): Promise<Button> {
  const lesson = services.catalog.lesson(langOf(locale), topicId);
  return { ...(await openButton(services, topicId, lesson.title, level)), description: lesson.summary };
}

async function allTopicsButton(services: TutorServices, locale: Locale, level: Level | undefined): Promise<Button> {
  const args: Record<string, string> = level ? { level } : {};
  const label = t(locale, 'explain.buttonAllTopics', { count: services.catalog.topics.length });
  return { id: await services.buttons.register({ command: 'explain', args }), label };
}
