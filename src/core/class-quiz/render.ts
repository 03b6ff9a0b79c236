import type { QuizBank } from '../quiz/bank.js';
import { t } from '../i18n.js';
import { langOf, type Locale } from '../locale.js';
import { escapeMarkdown } from '../markdown.js';
import { sanitizeText } from '../options.js';
import { quoteUserText } from '../reply-format.js';
import { wellFormed } from '../well-formed.js';
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

/**
 * The results file: one row per answer, every cell quoted. A student's name is theirs to choose, and a spreadsheet
 * runs a field that starts with `=` `+` `-` `@` (or tab, CR) as a formula: see csvCell.
 */
export function resultsCsv(quiz: ClassQuiz, bank: QuizBank): string {
  const names = new Map(quiz.standings.map((standing) => [standing.userId, standing.name]));
  const rows = [['student', 'question', 'answer', 'correct', 'ms', 'points']];
  quiz.history.forEach((scored, index) => {
    const item = itemText(bank, quiz.items[index]!, quiz.locale);
    for (const answer of scored) {
      const option = `${LETTERS[answer.option] ?? '?'}. ${item.options[answer.option] ?? ''}`;
      const name = exportedName(names.get(answer.userId) ?? '') || answer.userId;
      rows.push([name, `${index + 1}. ${item.question}`, option, answer.correct ? 'yes' : 'no', String(answer.ms), String(answer.points)]);
    }
  });
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

// Bidi controls (embeddings, overrides, isolates, marks): in a name they reorder the cells a reader sees around it.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** A display name as the file shows it: plain (no control or bidi characters, one line), well-formed. */
function exportedName(name: string): string {
  return sanitizeText(name).replace(BIDI_CONTROLS, '').replace(/\s+/g, ' ');
}

/**
 * Where a field may start: the cell's start, or after any character some spreadsheet may split a line at, quotes or
 * not — comma, semicolon (the list separator of many locales), tab, line breaks — when what follows is a formula
 * trigger: `=` `+` `-` `@`, or tab / CR (which may be skipped before one).
 */
const FIELD_START = /(^|[,;\t\r\n])(?=[=+\-@\t\r])/g;

/**
 * One cell: always quoted (quotes doubled), and a `'` put before every formula trigger that could start a field
 * (FIELD_START), so whichever way a spreadsheet splits the line, it reads text: `x;=1+1` becomes `"x;'=1+1"`.
 */
export function csvCell(value: string): string {
  const text = wellFormed(value).replace(BIDI_CONTROLS, '').replace(FIELD_START, "$1'");
  return `"${text.replace(/"/g, '""')}"`;
}
