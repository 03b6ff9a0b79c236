import type { CommandHandler, CommandJob } from '../../src/core/define-command.js';
import { UserError } from '../../src/core/errors.js';
import { t } from '../../src/core/i18n.js';
import type { Locale } from '../../src/core/locale.js';
import { escapeMarkdown } from '../../src/core/markdown.js';
import type { GenerationRequest, GenerationResult, TextGenerator } from '../../src/core/model-port.js';
import type { Reply, StageAnswer } from '../../src/core/reply.js';
import { toSimplified } from '../../src/core/script.js';
import { candidatesLine, offersEndToken } from '../generate/candidates.js';
import { GENERATE_DEFAULTS } from '../generate/handler.js';
import type { COMPARE_OPTIONS } from './options.js';

export type CompareJob = CommandJob<'compare', undefined, typeof COMPARE_OPTIONS>;

/**
 * Both stages decode alike: greedy (the same question always gives the same pair, so a class can compare notes) with
 * /generate's repetition penalty; an answer ends at the end token (the fine-tuned stage learnt to close its turn) or at
 * the end of a paragraph. No n-gram ban: it counts the prompt, and an answer restates the question's words ("the T in
 * GPT" came out as "the T inGPT"). npm run eval:model measures the held-out accuracy with exactly these settings.
 */
export const COMPARE_DEFAULTS = {
  maxNewTokens: 48,
  temperature: 0,
  repetitionPenalty: GENERATE_DEFAULTS.repetitionPenalty,
  stopAtParagraph: true,
  explainSteps: 1,
} as const satisfies Omit<GenerationRequest, 'prompt'>;

/** The prompt as the reply shows it: one line, its line breaks made visible. */
const shownPrompt = (prompt: string) => prompt.replace(/\n/g, '⏎');

/** /compare: the same prompt to the pretrained and the fine-tuned stage of the tutor's GPT, side by side. */
export const handleCompare: CommandHandler<CompareJob> = async (job, services, report) => {
  const locale = job.context.locale;
  if (!services.model) throw new UserError('not_available', { command: 'compare' });
  const model = await services.model();
  const tuned = model.tuned;
  if (!tuned) throw new UserError('not_available', { command: 'compare' });
  // Both stages learnt Simplified Chinese; a Traditional question is asked in it (the reply is converted back).
  const prompt = tuned.prompt(toSimplified(job.args.question.trim()));
  const stages = [
    { model: model.name, stage: 'pretrained', generator: model.generator },
    { model: tuned.modelName, stage: 'fine-tuned', generator: tuned.generator },
  ] as const;

  const soFar = stages.map(() => '');
  const reply = (texts: readonly string[], results?: readonly GenerationResult[]): Reply => {
    const answers: StageAnswer[] = stages.map((s, i) => ({ model: s.model, stage: s.stage, text: texts[i]!.trim() }));
    return { command: 'compare', locale, text: render(prompt, answers, results, locale), buttons: [], answers };
  };
  const run = (generator: TextGenerator, i: number) =>
    generator.generate({ prompt, ...COMPARE_DEFAULTS }, (text) => {
      soFar[i] = text;
      report(reply(soFar));
    });
  const results = await Promise.all(stages.map((s, i) => run(s.generator, i)));
  return reply(
    results.map((r) => r.text),
    results,
  );
};

function render(prompt: string, answers: readonly StageAnswer[], results: readonly GenerationResult[] | undefined, locale: Locale): string {
  const parts = [t(locale, 'compare.prompt', { prompt: escapeMarkdown(shownPrompt(prompt)) })];
  answers.forEach((answer, i) => {
    const heading = t(locale, answer.stage === 'pretrained' ? 'compare.pretrained' : 'compare.fineTuned', { model: answer.model });
    const text = answer.text.length > 0 ? escapeMarkdown(answer.text) : results ? t(locale, 'compare.empty') : '…';
    const first = results?.[i]?.steps[0];
    parts.push([heading, text, ...(first ? [t(locale, 'compare.firstToken', { candidates: candidatesLine(first, locale) })] : [])].join('\n'));
  });
  if (results) {
    if (offersEndToken(results.map((r) => r.steps[0]).filter((step) => step !== undefined))) parts.push(t(locale, 'generate.endTokenNote'));
    parts.push(t(locale, 'compare.whatChanged'));
  }
  return parts.join('\n\n');
}
