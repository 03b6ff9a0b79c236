import type { QuizBank } from '../quiz/bank.js';
import { t } from '../i18n.js';
import { langOf, type Locale } from '../locale.js';
import { escapeMarkdown } from '../markdown.js';
import { quoteUserText } from '../replies.js';
import type { Button } from '../reply.js';
import type { ClassQuiz, CustomItem, QuizItem, ScoredAnswer, Standing } from './types.js';

export const LETTERS = ['A', 'B', 'C', 'D'] as const;
export const LEADERBOARD_SIZE = 5;
const PODIUM = ['🥇', '🥈', '🥉'] as const;
const MAX_NAME_CHARS = 32;

/** One question in the quiz's language, whichever set it came from. */
export function itemText(bank: QuizBank, item: QuizItem, locale: Locale): CustomItem {
  if ('custom' in item) return item.custom;
  const question = bank.get(item.bankId);
  if (!question) throw new Error(`quiz question ${item.bankId} is not in the bank`);
  const text = question.text[langOf(locale)];
  return { question: text.question, options: [...text.options], correct: question.correct, explanations: [...text.explanations] };
}

/**
 * A player's name as shown to the class: literal (no markup), short, and never a mention — "@" becomes a
 * full-width "＠" so no name can notify someone (Telegram) or everyone.
 */
export function playerName(name: string): string {
  return quoteUserText(name.replace(/@/g, '＠'), MAX_NAME_CHARS) || '?';
}

export function questionText(quiz: ClassQuiz, item: CustomItem, live: string): string {
  const heading = t(quiz.locale, 'classQuiz.question', { number: quiz.index + 1, total: quiz.items.length, seconds: quiz.secondsPerQuestion });
  const options = item.options.map((option, index) => `${LETTERS[index]}. ${escapeMarkdown(option)}`).join('\n');
  return [heading, escapeMarkdown(item.question), options, live].join('\n\n');
}

export function answerButtons(ids: string[]): Button[] {
  return ids.map((id, index) => ({ id, label: LETTERS[index] ?? String(index + 1) }));
}

/** After a question: the answer, how the class answered, the commonest mistake and why, the top five. */
export function revealText(quiz: ClassQuiz, item: CustomItem, scored: readonly ScoredAnswer[], last: boolean, pauseSeconds: number): string {
  const locale = quiz.locale;
  const lines = [t(locale, 'classQuiz.reveal', { number: quiz.index + 1, letter: LETTERS[item.correct] ?? '?', answer: escapeMarkdown(item.options[item.correct] ?? '') })];
  const explanation = item.explanations?.[item.correct];
  if (explanation) lines.push(escapeMarkdown(explanation));
  if (scored.length === 0) lines.push(t(locale, 'classQuiz.noAnswers'));
  else {
    const counts = item.options.map((_, index) => `${LETTERS[index]}: ${scored.filter((answer) => answer.option === index).length}`).join(' · ');
    lines.push(t(locale, 'classQuiz.distribution', { counts }));
    const mistake = commonestMistake(item, scored);
    if (mistake !== undefined && item.explanations?.[mistake]) {
      lines.push(t(locale, 'classQuiz.commonMistake', { letter: LETTERS[mistake] ?? '?', explanation: escapeMarkdown(item.explanations[mistake]) }));
    }
  }
  if (quiz.standings.length > 0) lines.push(leaderboard(quiz.locale, quiz.standings));
  if (!last) lines.push(t(locale, 'classQuiz.nextSoon', { seconds: pauseSeconds }));
  return lines.join('\n\n');
}

export function leaderboard(locale: Locale, standings: readonly Standing[]): string {
  const top = standings.slice(0, LEADERBOARD_SIZE);
  const rows = top.map((standing, index) => t(locale, 'classQuiz.standing', { rank: index + 1, name: playerName(standing.name), points: standing.points }));
  return [t(locale, 'classQuiz.leaderboard', { count: top.length }), ...rows].join('\n');
}

/** The end: podium, totals, and per question what the class got wrong most and what that reveals. */
export function finalText(quiz: ClassQuiz, bank: QuizBank, stoppedEarly: boolean): string {
  const locale = quiz.locale;
  const asked = quiz.history.length;
  const lines = [t(locale, 'classQuiz.podium', { title: escapeMarkdown(quiz.title) })];
  if (stoppedEarly) lines.push(t(locale, 'classQuiz.stopped', { questions: asked }));
  if (quiz.standings.length === 0) {
    lines.push(t(locale, 'classQuiz.noPlayers'));
    return lines.join('\n\n');
  }
  lines.push(
    quiz.standings
      .slice(0, PODIUM.length)
      .map((standing, index) => `${PODIUM[index]} ${playerName(standing.name)}: ${standing.points}`)
      .join('\n'),
  );
  lines.push(t(locale, 'classQuiz.summary', { players: quiz.standings.length, questions: asked }));
  const report = quiz.history.map((scored, index) => reportLine(quiz, bank, index, scored));
  if (report.length > 0) lines.push([t(locale, 'classQuiz.report'), ...report].join('\n'));
  return lines.join('\n\n');
}

function reportLine(quiz: ClassQuiz, bank: QuizBank, index: number, scored: readonly ScoredAnswer[]): string {
  const item = itemText(bank, quiz.items[index]!, quiz.locale);
  const share = scored.length === 0 ? 0 : Math.round((100 * scored.filter((answer) => answer.correct).length) / scored.length);
  let line = t(quiz.locale, 'classQuiz.reportLine', { number: index + 1, share });
  const mistake = commonestMistake(item, scored);
  if (mistake !== undefined) {
    const why = item.explanations?.[mistake] ?? item.options[mistake] ?? '';
    line += t(quiz.locale, 'classQuiz.reportMistake', { letter: LETTERS[mistake] ?? '?', explanation: escapeMarkdown(why) });
  }
  return line;
}

/** The wrong option most students picked, if any did. */
export function commonestMistake(item: CustomItem, scored: readonly ScoredAnswer[]): number | undefined {
  let best: number | undefined;
  let bestCount = 0;
  item.options.forEach((_, option) => {
    if (option === item.correct) return;
    const count = scored.filter((answer) => answer.option === option).length;
    if (count > bestCount) {
      best = option;
      bestCount = count;
    }
  });
  return best;
}

/** The results file: one row per answer. Cells that a spreadsheet would run as a formula are quoted as text. */
export function resultsCsv(quiz: ClassQuiz, bank: QuizBank): string {
  const names = new Map(quiz.standings.map((standing) => [standing.userId, standing.name]));
  const rows = [['student', 'question', 'answer', 'correct', 'ms', 'points']];
  quiz.history.forEach((scored, index) => {
    const item = itemText(bank, quiz.items[index]!, quiz.locale);
    for (const answer of scored) {
      const option = `${LETTERS[answer.option] ?? '?'}. ${item.options[answer.option] ?? ''}`;
      rows.push([names.get(answer.userId) ?? answer.userId, `${index + 1}. ${item.question}`, option, answer.correct ? 'yes' : 'no', String(answer.ms), String(answer.points)]);
    }
  });
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
