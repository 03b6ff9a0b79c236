/**
 * The content this repository ships (locales/), loaded once per process and handed to the core: the UI strings
 * and the Traditional fix list are installed (t() and toScript() read them), the lessons and quiz questions are
 * checked and become the Catalog and the QuizBank. Start-up calls shippedContent() (src/main/create-services.ts and
 * runtime.ts), so a broken lesson stops the process with the file named before any chat is served.
 */
import { fileURLToPath } from 'node:url';
import { en } from '../../locales/en/ui.js';
import { HONG_KONG_FIXES, TAIWAN_FIXES } from '../../locales/zh/traditional.js';
import { zh } from '../../locales/zh/ui.js';
import { installUiStrings } from '../core/i18n.js';
import { Catalog } from '../core/lessons/catalog.js';
import { QuizBank } from '../core/quiz/bank.js';
import { installTraditionalFixes } from '../core/traditional.js';
import { loadContent, type Content } from './load.js';

export const SHIPPED_CONTENT_DIR = fileURLToPath(new URL('../../locales/', import.meta.url));

/** The loaded content and the core objects made of it. */
export interface TutorContent {
  content: Content;
  catalog: Catalog;
  quiz: QuizBank;
}

/** The core's Catalog and QuizBank for some content (the shipped one, or a test's folder). */
export function tutorContent(content: Content): TutorContent {
  return { content, catalog: new Catalog(content.topics, content.lessons, content.uncovered), quiz: new QuizBank(content.questions) };
}

let stringsInstalled = false;
/** The UI strings and the Traditional fix list: TypeScript, for typed message keys (they are code's vocabulary). */
export function installShippedStrings(): void {
  if (stringsInstalled) return;
  installUiStrings({ en, zh });
  installTraditionalFixes({ tw: TAIWAN_FIXES, hk: HONG_KONG_FIXES });
  stringsInstalled = true;
}

let shipped: TutorContent | undefined;
/** Loads and checks locales/ on the first call (throws a ContentError naming each bad file), then returns the same. */
export function shippedContent(): TutorContent {
  installShippedStrings();
  shipped ??= tutorContent(loadContent(SHIPPED_CONTENT_DIR));
  return shipped;
}
