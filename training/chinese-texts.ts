/**
 * Every Chinese text the tutor shows, in Simplified as written: each lesson (title, summary, keywords, all three
 * levels), each quiz question (question, options, explanations), each UI string and each command or option
 * description. Read by the Traditional-output test, the font-coverage test, bench:traditional and
 * training/export-font-text.ts. Lessons and questions come from the same files the tutor loads (src/content).
 */
import { COMMANDS } from '../commands/index.js';
import { zh as uiStrings } from '../locales/zh/ui.js';
import type { Content } from '../src/content/load.js';
import { shippedContent } from '../src/content/shipped.js';

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

/** The Chinese texts of the shipped content (loading it installs the strings toScript() needs), or of the given one. */
export function chineseTexts(content: Content = shippedContent().content): ChineseText[] {
  const out: ChineseText[] = [];
  for (const [topic, lesson] of Object.entries(content.lessons.zh)) stringLeaves(lesson, `lesson ${topic}`, out);
  for (const question of content.questions) stringLeaves(question.text.zh, `quiz ${question.id}`, out);
  for (const [key, strings] of Object.entries(uiStrings)) stringLeaves(strings, `ui ${key}`, out);
  for (const command of COMMANDS) chineseDescriptions(command, `command /${command.name}`, out);
  return out;
}
