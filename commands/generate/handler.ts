import { randomInt } from 'node:crypto';
import type { CommandHandler, CommandJob } from '../../src/core/define-command.js';
import { finalDeliveryId } from '../../src/core/delivery.js';
import { UserError } from '../../src/core/errors.js';
import { t } from '../../src/core/i18n.js';
import type { Locale } from '../../src/core/locale.js';
import { escapeMarkdown } from '../../src/core/markdown.js';
import type { GenerationResult } from '../../src/core/model-port.js';
import { localize } from '../../src/core/reply-format.js';
import type { Reply } from '../../src/core/reply.js';
import { candidatesLine, candidateText, END_OF_TEXT, offersEndToken } from './candidates.js';
import type { GENERATE_OPTIONS } from './options.js';

export type GenerateJob = CommandJob<'generate', undefined, typeof GENERATE_OPTIONS>;

/** Defaults a student gets without options: enough text to see where it goes, sampled with a little variety. */
const DEFAULT_MAX_NEW_TOKENS = 60;
const DEFAULT_TEMPERATURE = 0.8;
const DEFAULT_TOP_K = 40;
// Readable by default (measured on 20 prompts with the shipped model, greedy: 4-gram loops in 80% of outputs → 0%,
// distinct bigrams 0.20 → 0.70, blank-line floods 35% → 0%). The first token is chosen before either rule applies.
const READABLE = { repetitionPenalty: 1.2, noRepeatNgram: 3, stopAtParagraph: true } as const;

/** What /generate asks the model without options (npm run eval:model measures the model with exactly these). */
export const GENERATE_DEFAULTS = {
  maxNewTokens: DEFAULT_MAX_NEW_TOKENS,
  temperature: DEFAULT_TEMPERATURE,
  topK: DEFAULT_TOP_K,
  ...READABLE,
} as const;
const SEED_LIMIT = 2_147_483_647;
// The teaching mode reveals one step at a time, slowly enough to read (and above the outbox's update interval).
const STEP_PACE_MS = 800;

/** /generate: the tutor's own GPT continues the prompt, streaming, and shows how it chose. */
export const handleGenerate: CommandHandler<GenerateJob> = async (job, services, report, effects) => {
  const args = job.args;
  const locale = job.context.locale;
  if (!services.model) throw new UserError('not_available', { command: 'generate' });
  const model = await services.model();
  const temperature = args.temperature ?? DEFAULT_TEMPERATURE;
  const seed = temperature > 0 ? (args.seed ?? randomInt(SEED_LIMIT)) : undefined;
  const prompt = args.prompt;
  const shown = (text: string) => `**${escapeMarkdown(prompt)}**${escapeMarkdown(text)}`;
  const partial = (text: string): Reply => ({ command: 'generate', locale, text: shown(text), buttons: [], model: model.name });

  const steps = args.steps ?? 0;
  const result = await model.generator.generate(
    {
      prompt,
      maxNewTokens: args.max_new_tokens ?? DEFAULT_MAX_NEW_TOKENS,
      temperature,
      topK: args.top_k ?? (temperature > 0 ? DEFAULT_TOP_K : undefined),
      topP: args.top_p,
      seed,
      explainSteps: Math.max(1, steps),
      ...READABLE,
    },
    // The teaching mode replays the steps instead: streaming the whole text first would give the ending away.
    (textSoFar) => (steps > 0 ? undefined : report(partial(textSoFar))),
  );

  // Teaching mode: replay the first steps one by one, the text growing by the token chosen at each.
  const frames: Reply[] = [];
  for (let step = 1; step <= Math.min(steps, result.steps.length); step++) {
    const sofar = result.steps.slice(0, step).map((taken) => (taken.chosen === END_OF_TEXT ? '' : taken.chosen)).join('');
    frames.push({ ...partial(sofar), text: [shown(sofar), howItChose(result, step, locale)].join('\n\n') });
  }

  const parts = [shown(result.text)];
  if (result.stoppedBy === 'end_token') parts.push(t(locale, 'generate.stoppedEnd'));
  if (result.stoppedBy === 'paragraph_end') parts.push(t(locale, 'generate.stoppedParagraph'));
  if (result.promptTrimmed) parts.push(t(locale, 'generate.trimmed', { context: model.context }));
  parts.push(howItChose(result, steps, locale));
  parts.push(seed === undefined ? t(locale, 'generate.greedy') : t(locale, 'generate.seed', { seed }));
  parts.push(t(locale, 'generate.decoding', { penalty: READABLE.repetitionPenalty, ngram: READABLE.noRepeatNgram }));
  parts.push(t(locale, 'generate.note', { model: model.name, parameters: formatCount(model.parameters, locale) }));
  const final: Reply = { ...partial(result.text), text: parts.join('\n\n'), newTokens: result.newTokens };
  if (frames.length === 0) return final;
  if (!effects) {
    // A processor run on its own (no outbox to schedule on): the frames are paced here.
    for (const frame of frames) {
      report(frame);
      await new Promise((resolve) => setTimeout(resolve, STEP_PACE_MS));
    }
    return final;
  }
  // Paced by the outbox (delayed deliveries), so the model slot is free as soon as the text is generated. Posted here,
  // they skip the processor's conversion: Traditional readers get them converted like every other reply.
  const address = job.address;
  for (const [index, frame] of frames.entries()) {
    await effects.post({ id: `update-${address.correlationId}-step${index + 1}`, address, reply: localize(frame), final: false, delayMs: index * STEP_PACE_MS });
  }
  await effects.post({ id: finalDeliveryId(address.correlationId), address, reply: localize(final), final: true, delayMs: frames.length * STEP_PACE_MS });
  return null;
};

/** The top candidates for the first token, or for each of the first `steps` steps in the teaching mode. */
function howItChose(result: GenerationResult, steps: number, locale: Locale): string {
  const first = result.steps[0];
  const shownSteps = steps <= 0 ? result.steps.slice(0, 1) : result.steps.slice(0, steps);
  // The end token is no text: said once what it is, where it is a candidate.
  const endNote = offersEndToken(shownSteps) ? [t(locale, 'generate.endTokenNote')] : [];
  if (steps <= 0) {
    const lines = (first?.candidates ?? []).map((candidate) => `- ${candidateText(candidate, candidate.text === first?.chosen, locale)}`);
    return [t(locale, 'generate.howItChose'), ...lines, ...endNote].join('\n');
  }
  const lines = shownSteps.map((step, index) => t(locale, 'generate.step', { step: index + 1, candidates: candidatesLine(step, locale) }));
  return [t(locale, 'generate.stepsTitle'), ...lines, ...endNote].join('\n');
}

function formatCount(count: number, locale: Locale): string {
  if (locale === 'en') return count >= 1e6 ? `${(count / 1e6).toFixed(1)} million` : count.toLocaleString('en');
  return count >= 1e4 ? `${(count / 1e4).toFixed(0)} 万` : String(count);
}
