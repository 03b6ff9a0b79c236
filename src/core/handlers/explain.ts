import { randomInt } from 'node:crypto';
import { explain } from '../../../commands/explain.js';
import { uniqueButtons, type Button, type Reply } from '../reply.js';
import { t } from '../i18n.js';
import type { TutorJob } from '../jobs.js';
import { LEVELS, type Level } from '../lessons/types.js';
import { langOf, type Lang } from '../locale.js';
import { escapeMarkdown } from '../markdown.js';
import type { ChatMessage, ModelKitLoader } from '../model-port.js';
import { moderate } from '../moderation.js';
import type { ReportUpdate } from '../ports.js';
import { argsSchema } from '../options.js';
import type { JobHandler, TutorServices } from '../services.js';
import { commandHint, didYouMean, lessonTitle, noMatch, openButton, topicList } from './explain-choices.js';
import { looksLikeCommand, readExplainQuery } from './explain-query.js';

const explainArgs = argsSchema(explain.options);
const DEFAULT_LEVEL: Level = 'beginner';
const MAX_RELATED_BUTTONS = 3;

// A generated answer takes seconds of model time: it runs on the model queue, so lessons on the fast queue never wait
// behind it. The fast job hands the same job (same reply address) over with this marker and answers nothing itself.
const GENERATE_ON_MODEL_QUEUE = 'generated';

export const handleExplain: JobHandler = async (job, services, report, effects) => {
  const args = explainArgs.parse(job.args);
  if (looksLikeCommand(args.topic)) return commandHint(job, services);
  const { topic: query, level } = readExplainQuery(args.topic, args.level);
  if (!query) return topicList(job, services, level);

  const found = services.retriever.find(query);
  if (!found.best) return noMatch(job, services, query, level);
  if (isFreeQuestion(query) && (services.model as ModelKitLoader | undefined)?.chat) {
    if (job.subcommand !== GENERATE_ON_MODEL_QUEUE && effects) {
      await effects.schedule('model', { ...job, subcommand: GENERATE_ON_MODEL_QUEUE }, { jobId: `explain-${job.address.correlationId}` });
      return null;
    }
    const answer = await generatedAnswer(job, services, report, query, found.best.id, level ?? DEFAULT_LEVEL);
    if (answer) return answer;
  }
  if (found.confident && found.alternatives.length === 0) return lessonReply(job, services, found.best.id, level ?? DEFAULT_LEVEL);
  return didYouMean(job, services, query, [found.best, ...found.alternatives], level);
};

/**
 * A free question (not a short topic request): a question mark, a question word, or a sentence of several words.
 * Short topic requests ("attention", "注意力机制") open the curated lesson.
 */
export function isFreeQuestion(query: string): boolean {
  const q = query.trim();
  if (/[?？]/.test(q)) return true;
  if (/^(what|how|why|when|where|which|who|whom|whose|can|could|does|do|did|is|are|was|were|should|would|will|explain|tell me)\b/i.test(q)) return true;
  if (/(什么|怎么|怎样|为什么|为何|如何|吗|呢|哪|是否|能否|可以|请问|区别)/.test(q)) return true;
  return q.split(/\s+/).filter(Boolean).length >= 5;
}

/** Answers kept short: a chat reply, not an essay; the lesson is one button away. */
const ANSWER_MAX_NEW_TOKENS = 200;
const ANSWER_TEMPERATURE = 0.3;
const ANSWER_TOP_P = 0.9;

const SYSTEM_PROMPT: Record<Lang, (title: string, text: string) => string> = {
  en: (title, text) =>
    'You are a friendly tutor who teaches how GPT works. Answer the student\'s question in English, in at most five ' +
    'short sentences, using only the lesson below. If the lesson does not answer it, say so briefly and say what the ' +
    `lesson covers.\n\nLesson: ${title}\n\n${text}`,
  zh: (title, text) =>
    '你是一位亲切的老师，讲解 GPT 的工作原理。请只根据下面的课程内容，用中文回答学生的问题，最多五句短句。' +
    `如果课程里没有答案，就简短说明，并说出这一课讲了什么。\n\n课程：${title}\n\n${text}`,
};

/**
 * With an instruct model (MODEL with a chat template): an answer to a free question, grounded in the best lesson
 * (its text is in the prompt), streamed, marked as generated, with the lesson one button away. In group chats a hub
 * model's text passes the moderation filter; withheld text gives the curated lesson instead. Undefined: no chat model.
 */
async function generatedAnswer(job: TutorJob, services: TutorServices, report: ReportUpdate, question: string, topicId: string, level: Level): Promise<Reply | undefined> {
  const loader = services.model as ModelKitLoader | undefined;
  if (!loader?.chat) return undefined;
  const chat = (await loader()).chat;
  if (!chat) return undefined;
  const locale = job.context.locale;
  const lesson = services.catalog.lesson(langOf(locale), topicId);
  const heading = t(locale, 'explain.generatedHeading', { title: lesson.title, model: chat.modelName });
  const filtered = job.context.chat.kind === 'group' && chat.external;
  let withheld = false;
  const shown = (text: string): string => {
    if (!filtered || withheld) return withheld ? '' : text;
    const verdict = moderate(text);
    withheld = !verdict.allowed;
    return verdict.text;
  };
  const messages: ChatMessage[] = [
    { role: 'system', content: SYSTEM_PROMPT[langOf(locale)](lesson.title, lesson.levels[level]) },
    { role: 'user', content: question },
  ];
  const result = await chat.generate(
    messages,
    { maxNewTokens: ANSWER_MAX_NEW_TOKENS, temperature: ANSWER_TEMPERATURE, topP: ANSWER_TOP_P, seed: randomInt(2_147_483_647) },
    (textSoFar) => {
      const text = shown(textSoFar);
      if (!withheld) report({ command: 'explain', locale, text: `${heading}\n\n${escapeMarkdown(text)}`, buttons: [], topic: topicId, model: chat.modelName });
    },
  );
  const answer = shown(result.text).trim();
  if (withheld || answer === '') {
    const fallback = await lessonReply(job, services, topicId, level);
    return withheld ? { ...fallback, text: `${t(locale, 'explain.generatedWithheld')}\n\n${fallback.text}` } : fallback;
  }
  const open = await openButton(services, topicId, t(locale, 'explain.buttonLesson', { title: lesson.title }), level);
  return {
    command: 'explain',
    locale,
    text: [heading, escapeMarkdown(answer), t(locale, 'explain.generatedNote')].join('\n\n'),
    buttons: [open],
    topic: topicId,
    model: chat.modelName,
    newTokens: result.newTokens,
  };
}

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
  };
}
