import { randomInt } from 'node:crypto';
import { t } from '../../src/core/i18n.js';
import type { TutorJob } from '../../src/core/jobs.js';
import type { Level } from '../../src/core/lessons/types.js';
import { langOf, type Lang } from '../../src/core/locale.js';
import { escapeMarkdown } from '../../src/core/markdown.js';
import type { ChatGenerator, ChatMessage } from '../../src/core/model-port.js';
import { moderate } from '../../src/core/moderation.js';
import type { ReportUpdate } from '../../src/core/ports.js';
import type { Reply } from '../../src/core/reply.js';
import type { TutorServices } from '../../src/core/services.js';
import { followUpContext } from '../followup/context.js';
import { openButton } from './choices.js';
import { lessonReply } from './lesson.js';

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
/** With top-p, as transformers' generate() defaults to: ranking 50 of Qwen's 151,936 logits is cheap, all of them not. */
const ANSWER_TOP_K = 50;

const SYSTEM_PROMPT: Record<Lang, (title: string, text: string) => string> = {
  en: (title, text) =>
    'You are a friendly tutor who teaches how GPT works. Answer the student\'s question in English, in at most five ' +
    'short sentences, using only the lesson below. If the lesson does not answer it, say so briefly and say what the ' +
    `lesson covers.\n\nLesson: ${title}\n\n${text}`,
  zh: (title, text) =>
    '你是一位亲切的老师，讲解 GPT 的工作原理。请只根据下面的课程内容，用中文回答学生的问题，最多五句短句。' +
    `如果课程里没有答案，就简短说明，并说出这一课讲了什么。\n\n课程：${title}\n\n${text}`,
};

/** The conversation a free question becomes: the lesson in the system turn (the same for every student who asks
 * about it, so its KV cache is reused: src/model/prefix-cache.ts), the question in the user turn. */
export function answerMessages(lang: Lang, title: string, lessonText: string, question: string): ChatMessage[] {
  return [
    { role: 'system', content: lessonSystemPrompt(lang, title, lessonText) },
    { role: 'user', content: question },
  ];
}

/** The system turn of a lesson: the same text for a question and a follow-up, so the prefix cache serves both. */
export function lessonSystemPrompt(lang: Lang, title: string, lessonText: string): string {
  return SYSTEM_PROMPT[lang](title, lessonText);
}


/**
 * With an instruct model (MODEL with a chat template): an answer to a free question, grounded in the best lesson
 * (its text is in the prompt), streamed, marked as generated, with the lesson one button away. In group chats a hub
 * model's text passes the moderation filter; withheld text gives the curated lesson instead. Undefined: no chat model.
 */
export async function generatedAnswer(job: TutorJob, services: TutorServices, report: ReportUpdate, question: string, topicId: string, level: Level): Promise<Reply | undefined> {
  const loader = services.model;
  if (!loader?.chat) return undefined;
  const locale = job.context.locale;
  try {
    const chat = (await loader()).chat;
    return chat ? await answerWith(chat, job, services, report, question, topicId, level) : undefined;
  } catch (error) {
    // The model failed (a download, a session, a step): the student still gets the curated lesson, with a word why.
    services.logger?.warn({ err: error instanceof Error ? error.message : String(error), command: 'explain' }, 'the chat model failed: answered with the lesson');
    const fallback = await lessonReply(job, services, topicId, level);
    return { ...fallback, text: `${t(locale, 'explain.generatedFailed')}\n\n${fallback.text}` };
  }
}

async function answerWith(chat: ChatGenerator, job: TutorJob, services: TutorServices, report: ReportUpdate, question: string, topicId: string, level: Level): Promise<Reply> {
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
  const messages = answerMessages(langOf(locale), lesson.title, lesson.levels[level], question);
  const result = await chat.generate(
    messages,
    { maxNewTokens: ANSWER_MAX_NEW_TOKENS, temperature: ANSWER_TEMPERATURE, topP: ANSWER_TOP_P, topK: ANSWER_TOP_K, seed: randomInt(2_147_483_647) },
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
    followUp: await followUpContext(services, topicId, level, answer),
  };
}
