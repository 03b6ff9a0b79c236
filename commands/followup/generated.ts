import { randomInt } from 'node:crypto';
import { digestOf } from '../../src/core/followup/context.js';
import { estimateTokens, followUpMessages } from '../../src/core/followup/prompt.js';
import type { FollowUpTurn } from '../../src/core/followup/turns.js';
import { t } from '../../src/core/i18n.js';
import type { TutorJob } from '../../src/core/jobs.js';
import type { Level } from '../../src/core/lessons/types.js';
import { langOf, type Lang } from '../../src/core/locale.js';
import { escapeMarkdown } from '../../src/core/markdown.js';
import { moderate } from '../../src/core/moderation.js';
import type { ReportUpdate } from '../../src/core/ports.js';
import type { Reply } from '../../src/core/reply.js';
import type { TutorServices } from '../../src/core/services.js';
import { openButton } from '../explain/choices.js';
import { lessonSystemPrompt } from '../explain/generated-answer.js';
import { followUpContext } from './context.js';

/** As /explain's answers: a chat reply, not an essay. */
const FOLLOWUP_MAX_NEW_TOKENS = 200;
const FOLLOWUP_TEMPERATURE = 0.3;
const FOLLOWUP_TOP_P = 0.9;
const FOLLOWUP_TOP_K = 50;

const ASKED_ABOUT: Record<Lang, (digest: string) => string> = {
  en: (digest) => `\n\nThe student asks about this message of yours: ${digest}`,
  zh: (digest) => `\n\n学生追问的是你的这条消息：${digest}`,
};

export interface FollowUpAsk {
  topic: string;
  level: Level;
  question: string;
  earlier: readonly FollowUpTurn[];
  digest?: string | undefined;
}

/** A generated follow-up and the digest of its answer (kept as the next turn); undefined: no chat model, or it failed. */
export async function generatedFollowUp(job: TutorJob, services: TutorServices, report: ReportUpdate, ask: FollowUpAsk): Promise<{ reply: Reply; answer: string } | undefined> {
  const locale = job.context.locale;
  const lang = langOf(locale);
  try {
    const chat = (await services.model!()).chat;
    if (!chat) return undefined;
    const lesson = services.catalog.lesson(lang, ask.topic);
    // The first follow-up of a chain: the message asked about (a generated answer is not in the lesson).
    const system = lessonSystemPrompt(lang, lesson.title, lesson.levels[ask.level]) + (ask.earlier.length === 0 && ask.digest ? ASKED_ABOUT[lang](ask.digest) : '');
    const count = chat.countTokens ? (text: string) => chat.countTokens!(text) : estimateTokens;
    const messages = followUpMessages(system, ask.earlier, ask.question, count);
    const heading = t(locale, 'explain.generatedHeading', { title: lesson.title, model: chat.modelName });
    const filtered = job.context.chat.kind === 'group' && chat.external;
    const result = await chat.generate(
      messages,
      { maxNewTokens: FOLLOWUP_MAX_NEW_TOKENS, temperature: FOLLOWUP_TEMPERATURE, topP: FOLLOWUP_TOP_P, topK: FOLLOWUP_TOP_K, seed: randomInt(2_147_483_647) },
      filtered ? undefined : (textSoFar) => report({ command: 'followup', locale, text: `${heading}\n\n${escapeMarkdown(textSoFar)}`, buttons: [], topic: ask.topic, model: chat.modelName }),
    );
    const verdict = filtered ? moderate(result.text) : { allowed: true, text: result.text };
    const answer = verdict.allowed ? verdict.text.trim() : '';
    // Withheld or empty: the caller answers from the lesson's own words.
    if (answer === '') return undefined;
    const open = await openButton(services, ask.topic, t(locale, 'explain.buttonLesson', { title: lesson.title }), ask.level);
    const reply: Reply = {
      command: 'followup',
      locale,
      text: [heading, escapeMarkdown(answer), t(locale, 'explain.generatedNote')].join('\n\n'),
      buttons: [open],
      topic: ask.topic,
      model: chat.modelName,
      newTokens: result.newTokens,
      followUp: await followUpContext(services, ask.topic, ask.level, answer),
    };
    return { reply, answer: digestOf(answer) };
  } catch (error) {
    services.logger?.warn({ err: error instanceof Error ? error.message : String(error), command: 'followup' }, 'the chat model failed: answered from the lesson');
    return undefined;
  }
}
