/** How a token group is shown as a label: visible whitespace, bounded length. */

export const MAX_LABEL_CHARS = 10;

/** Spaces around a word are dropped; a label that is only whitespace shows it (␣ space, ⏎ newline). */
export function displayLabel(token: string): string {
  const trimmed = token.trim();
  const shown = trimmed === '' ? token.replace(/\r?\n/g, '⏎').replace(/[ \t]/g, '␣') : trimmed.replace(/\s+/g, ' ');
  const chars = [...shown];
  return chars.length > MAX_LABEL_CHARS ? `${chars.slice(0, MAX_LABEL_CHARS - 1).join('')}…` : shown;
}
