/**
 * A teacher's own questions for a class quiz, read from a CSV or JSON file (`/quiz import`).
 * Pure: bytes in, questions or problems out; the caller stores the set and posts the report.
 * All or nothing: a file with any problem imports no question, and every problem is listed at once
 * (up to MAX_REPORTED_PROBLEMS) so the teacher can fix the file in one go.
 *
 * One step a file in question-file/: decode (bytes → text), csv and json (text → raw rows), check (raw rows →
 * questions or problems), report (problems → the teacher's message); types holds the limits and shapes they share.
 */
import { check } from './question-file/check.js';
import { readCsv } from './question-file/csv.js';
import { decode, formatOf } from './question-file/decode.js';
import { readJson } from './question-file/json.js';
import { MAX_IMPORT_QUESTIONS, MAX_REPORTED_PROBLEMS, type CustomQuestion, type ImportProblem, type ImportResult } from './question-file/types.js';

export { fileTooLarge } from './question-file/decode.js';
export { describeImportProblems } from './question-file/report.js';
export {
  IMPORT_ERROR_CODES,
  MAX_EXPLANATION_CHARS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_QUESTIONS,
  MAX_OPTION_CHARS,
  MAX_OPTIONS,
  MAX_QUESTION_CHARS,
  MAX_REPORT_CHARS,
  MAX_REPORTED_PROBLEMS,
  MIN_OPTIONS,
  type CustomQuestion,
  type ImportErrorCode,
  type ImportProblem,
  type ImportResult,
} from './question-file/types.js';

/** Reads a teacher's question file: CSV or JSON by extension, sniffed from the content when the name says neither. */
export function parseQuestionFile(fileName: string, content: Uint8Array): ImportResult {
  const decoded = decode(content);
  if (typeof decoded !== 'string') return fail([decoded]);
  if (decoded.trim() === '') return fail([{ code: 'file_empty' }]);
  const read = formatOf(fileName, decoded) === 'json' ? readJson(decoded) : readCsv(decoded);
  if (!Array.isArray(read)) return fail([read]);

  const fileProblems: ImportProblem[] = [];
  if (read.length === 0) fileProblems.push({ code: 'no_questions' });
  if (read.length > MAX_IMPORT_QUESTIONS) {
    fileProblems.push({ code: 'too_many_questions', params: { count: read.length, max: MAX_IMPORT_QUESTIONS } });
  }
  const questions: CustomQuestion[] = [];
  const rowProblems: ImportProblem[] = [];
  for (const row of read) {
    if ('problems' in row) {
      rowProblems.push(...row.problems);
      continue;
    }
    const checked = check(row);
    if ('problems' in checked) rowProblems.push(...checked.problems);
    else questions.push(checked.question);
  }
  const problems = [...fileProblems, ...rowProblems];
  return problems.length > 0 ? fail(problems) : { questions, errors: [] };
}

function fail(problems: ImportProblem[]): ImportResult {
  if (problems.length <= MAX_REPORTED_PROBLEMS) return { questions: [], errors: problems };
  const rest = problems.length - MAX_REPORTED_PROBLEMS;
  return { questions: [], errors: [...problems.slice(0, MAX_REPORTED_PROBLEMS), { code: 'more_problems', params: { count: rest } }] };
}
