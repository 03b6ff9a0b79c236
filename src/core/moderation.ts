/**
 * A simple moderation filter for text a hub model (MODEL) writes into group chats, where a class reads along.
 * Deliberately plain and predictable (documented in the README):
 * - blocked: text with a word from a short list of sexual, violent, hateful, self-harm and drug terms (English
 *   whole words, Chinese substrings) — the whole answer is withheld and the curated lesson is offered instead;
 * - neutralised: links (shown without their scheme, so they do not become clickable) and mass mentions
 *   (`@everyone`, `@here`, `@all`), so a model cannot ping or send a class anywhere.
 * It is not a safety classifier; the model's own alignment and the lesson in its prompt do most of the work.
 */

const BLOCKED_EN = [
  'sex', 'sexy', 'porn', 'porno', 'pornography', 'nude', 'naked', 'nsfw', 'fuck', 'fucking', 'shit', 'bitch', 'cunt',
  'dick', 'pussy', 'whore', 'slut', 'rape', 'raped', 'kill yourself', 'suicide', 'self-harm', 'cocaine', 'heroin',
  'meth', 'nazi', 'genocide', 'terrorist', 'bomb-making', 'nigger', 'faggot', 'retard',
];
const BLOCKED_ZH = ['色情', '做爱', '性交', '裸体', '操你', '傻逼', '妈的', '强奸', '自杀', '自残', '毒品', '海洛因', '冰毒', '炸弹制作', '恐怖分子', '法西斯'];

const EN_PATTERN = new RegExp(`\\b(?:${BLOCKED_EN.map((w) => w.replace(/[-\s]/g, '[-\\s]?')).join('|')})\\b`, 'i');

export interface ModerationResult {
  /** False when the text must not be shown at all. */
  allowed: boolean;
  /** The text with links and mass mentions neutralised (meaningful when allowed). */
  text: string;
}

export function moderate(text: string): ModerationResult {
  if (EN_PATTERN.test(text) || BLOCKED_ZH.some((term) => text.includes(term))) return { allowed: false, text: '' };
  const cleaned = text
    .replace(/\bhttps?:\/\/(\S+)/gi, '$1')
    .replace(/(^|\s)@(everyone|here|all|channel)\b/gi, '$1@\u200b$2');
  return { allowed: true, text: cleaned };
}
