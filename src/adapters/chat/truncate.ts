/**
 * Cutting text to a platform's limit (a button label, a toast, a caption, a menu description) without breaking a
 * character: cuts fall between code points, so an emoji is never split into a lone surrogate, which platforms refuse.
 * Two counts, because platforms count differently: code points (Telegram's characters) or UTF-16 units (Discord,
 * and JavaScript's `length`).
 */

/** What marks a cut, unless the caller says otherwise. */
export const CUT_MARK = '…';

/**
 * At most `maxChars` code points, the mark included when it had to cut; the text itself when it fits. An empty mark
 * cuts without marking (Telegram cuts over-long labels on screen anyway).
 */
export function truncateChars(text: string, maxChars: number, mark = CUT_MARK): string {
  const chars = [...text];
  if (chars.length <= maxChars) return text;
  return `${chars.slice(0, Math.max(0, maxChars - [...mark].length)).join('')}${mark}`;
}

/** At most `maxUnits` UTF-16 units, the mark included when it had to cut, cut between code points. */
export function truncateUtf16(text: string, maxUnits: number, mark = CUT_MARK): string {
  if (text.length <= maxUnits) return text;
  let kept = '';
  for (const char of text) {
    if (kept.length + char.length > maxUnits - mark.length) break;
    kept += char;
  }
  return `${kept}${mark}`;
}
