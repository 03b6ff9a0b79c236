/** How a model's candidates for a token are shown: /generate's "how it chose" and /compare's first-token lines. */
import { t } from '../../src/core/i18n.js';
import type { Locale } from '../../src/core/locale.js';
import { escapeMarkdown } from '../../src/core/markdown.js';
import type { GenerationStep, TokenCandidate } from '../../src/core/model-port.js';

// How the model port names the end-of-text token among the candidates (it has no text of its own): shown as words.
export const END_OF_TEXT = '<|endoftext|>';

/** A token as a reader sees it: spaces and line breaks made visible, never parsed as markup; the end token in words. */
export function candidateText(candidate: TokenCandidate, chosen: boolean, locale: Locale): string {
  const percent = candidate.probability * 100;
  const shown = `${percent >= 10 ? percent.toFixed(0) : percent.toFixed(1)}%${chosen ? ' ✓' : ''}`;
  if (candidate.text === END_OF_TEXT) return `${t(locale, 'generate.endToken')} ${shown}`;
  const visible = candidate.text.replace(/ /g, '␠').replace(/\n/g, '⏎').replace(/\t/g, '⇥') || '∅';
  return `«${escapeMarkdown(visible)}» ${shown}`;
}

/** One step's candidates on one line, the chosen one ticked. */
export function candidatesLine(step: GenerationStep, locale: Locale): string {
  return step.candidates.map((candidate) => candidateText(candidate, candidate.text === step.chosen, locale)).join(' · ');
}

/** Whether any of these steps offered the end token (then the reply says once what it is). */
export function offersEndToken(steps: readonly GenerationStep[]): boolean {
  return steps.some((step) => step.candidates.some((candidate) => candidate.text === END_OF_TEXT));
}
