/** The teacher's report of an import, in their language and within one chat message. */
import { t, type MessageParams } from '../../i18n.js';
import type { Locale } from '../../locale.js';
import { quoteUserText } from '../../reply-format.js';
import { MAX_QUOTED_CHARS, MAX_REPORT_CHARS, type ImportProblem, type ImportResult } from './types.js';

/**
 * A short report of an import in the teacher's language, at most MAX_REPORT_CHARS long: "Imported N questions", or
 * "Nothing imported" and one line per problem ("Row 3, answer: …"), then how many more there are when they do not fit.
 * Markdown, as replies are; the teacher's text is escaped. Chinese comes out Simplified: localize() the whole reply
 * for zh-Hant, as every reply is.
 */
export function describeImportProblems(locale: Locale, result: ImportResult): string {
  if (result.errors.length === 0) {
    const count = result.questions.length;
    return count === 1 ? t(locale, 'quizImport.importedOne') : t(locale, 'quizImport.imported', { count });
  }
  const unlisted = result.errors.find((problem) => problem.code === 'more_problems')?.params?.count;
  const lines = result.errors.filter((problem) => problem.code !== 'more_problems').map((problem) => `- ${describeProblem(locale, problem)}`);
  const total = lines.length + (typeof unlisted === 'number' ? unlisted : 0);
  const reserve = t(locale, 'quizImport.more', { count: total }).length + 1;

  let report = t(locale, 'quizImport.nothingImported');
  let shown = 0;
  for (const line of lines) {
    const fits = report.length + 1 + line.length + (shown + 1 < total ? reserve : 0) <= MAX_REPORT_CHARS;
    if (!fits) break;
    report += `\n${line}`;
    shown += 1;
  }
  if (shown < total) report += `\n${t(locale, 'quizImport.more', { count: total - shown })}`;
  return report;
}

function describeProblem(locale: Locale, problem: ImportProblem): string {
  const params: MessageParams = {};
  for (const [key, value] of Object.entries(problem.params ?? {})) {
    params[key] = typeof value === 'string' ? quoteUserText(value, key === 'found' ? 200 : MAX_QUOTED_CHARS) : value;
  }
  const message = t(locale, `quizImport.problem.${problem.code}`, params);
  if (problem.row === undefined) return message;
  if (problem.field === undefined) return t(locale, 'quizImport.row', { row: problem.row, message });
  return t(locale, 'quizImport.rowField', { row: problem.row, field: fieldLabel(locale, problem.field), message });
}

function fieldLabel(locale: Locale, field: string): string {
  if (field === 'question' || field === 'options' || field === 'answer' || field === 'explanations') {
    return t(locale, `quizImport.field.${field}`);
  }
  const explanation = /^explanation_([a-h])$/.exec(field)?.[1];
  if (explanation) return t(locale, 'quizImport.field.explanation', { letter: explanation.toUpperCase() });
  if (/^[a-h]$/.test(field)) return t(locale, 'quizImport.field.option', { letter: field.toUpperCase() });
  return quoteUserText(field);
}
