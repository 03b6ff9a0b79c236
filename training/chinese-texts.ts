/**
 * Every Chinese text the tutor shows, in Simplified as written: each lesson (title, summary, keywords, all three
 * levels), each quiz question (question, options, explanations), each UI string and each command or option
 * description. Read by the Traditional-output test, the font-coverage test and training/export-font-text.ts.
 */
import { COMMANDS } from '../commands/index.js';
import { LESSONS } from '../locales/lessons.js';
import { QUIZ_TEXTS } from '../locales/quiz.js';
import { zh as uiStrings } from '../locales/zh/ui.js';

export interface ChineseText {
  /** Where it comes from, e.g. `lesson attention.levels.kid`, `quiz gpt-1.options[2]`, `ui start.welcome`. */
  where: string;
  text: string;
}

function stringLeaves(value: unknown, where: string, out: ChineseText[]): ChineseText[] {
  if (typeof value === 'string') out.push({ where, text: value });
  else if (Array.isArray(value)) value.forEach((item, i) => stringLeaves(item, `${where}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) stringLeaves(item, `${where}.${key}`, out);
  }
  return out;
}

/** The `zh` side of every `{ en, zh }` description in the command definitions. */
function chineseDescriptions(value: unknown, where: string, out: ChineseText[]): ChineseText[] {
  if (Array.isArray(value)) value.forEach((item, i) => chineseDescriptions(item, `${where}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'zh' && typeof item === 'string') out.push({ where, text: item });
      else chineseDescriptions(item, `${where}.${key}`, out);
    }
  }
  return out;
}

export function chineseTexts(): ChineseText[] {
  const out: ChineseText[] = [];
  for (const [topic, lesson] of Object.entries(LESSONS.zh)) stringLeaves(lesson, `lesson ${topic}`, out);
  for (const [id, question] of Object.entries(QUIZ_TEXTS.zh)) stringLeaves(question, `quiz ${id}`, out);
  for (const [key, strings] of Object.entries(uiStrings)) stringLeaves(strings, `ui ${key}`, out);
  for (const command of COMMANDS) chineseDescriptions(command, `command /${command.name}`, out);
  return out;
}
