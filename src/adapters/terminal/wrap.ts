/**
 * Word wrapping for the terminal: the terminal itself breaks a long line at the last column, in the middle of a
 * word ("beg" / "inner"). Lines are broken at spaces instead (Chinese, which has none, between any two characters),
 * continuation lines keep the line's indent (code, choices, list items), and ANSI colour codes take no room.
 */

const ANSI_SGR = /\x1b\[[0-9;]*m/y;
// Two columns: CJK, Hangul, full-width forms and emoji shown as pictures (as terminals and string-width count them).
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]|\p{Emoji_Presentation}/u;
// No columns: combining marks (variation selectors among them) and zero-width spaces and joiners.
const ZERO = /[\p{Mn}\p{Me}]|[\u200b-\u200f]/u;
/** A list item's or a numbered choice's marker: continuation lines start under the text after it. */
const ITEM_MARKER = /^(\s*)(- |\d{1,3}\. |\[\d{1,3}\] )/;
/** Full-width punctuation that must not start a line: it stays with the character before it. */
const NO_LINE_START = /[，。！？；：、）」』》〉”’]/u;
/** Never indent a continuation by more than this share of the width: a deep indent would leave no room. */
const MAX_INDENT_SHARE = 0.5;

/** Columns one character takes in a terminal. */
export function charWidth(char: string): number {
  if (ZERO.test(char)) return 0;
  return WIDE.test(char) ? 2 : 1;
}

/** Columns a string takes in a terminal, colour codes not counted. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const token of tokens(text)) if (!token.startsWith('\x1b')) for (const char of token) width += charWidth(char);
  return width;
}

/** Wraps every line of `text` to at most `width` columns. */
export function wrapText(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => wrapLine(line, width))
    .join('\n');
}

/** One line as lines of at most `width` columns, broken at spaces where it can be. */
export function wrapLine(line: string, width: number): string[] {
  if (width < 2 || displayWidth(line) <= width) return [line];
  const plain = line.replace(/\x1b\[[0-9;]*m/g, '');
  const marker = ITEM_MARKER.exec(plain);
  const indentWidth = Math.min(Math.floor(width * MAX_INDENT_SHARE), marker ? displayWidth(marker[0]) : (/^\s*/.exec(plain)?.[0].length ?? 0));
  const indent = ' '.repeat(indentWidth);

  const lines: string[] = [];
  let current = '';
  let used = 0;
  let pendingSpace = '';
  const breakLine = () => {
    lines.push(current);
    current = indent;
    used = indentWidth;
    pendingSpace = '';
  };
  for (const token of tokens(line)) {
    if (token.startsWith('\x1b')) {
      current += token;
    } else if (/^\s+$/.test(token)) {
      // At the start of the line spaces are its indent; later they wait for the next word (dropped at a break).
      if (lines.length === 0 && used === 0) {
        current += token;
        used += token.length;
      } else {
        pendingSpace += token;
      }
    } else {
      const tokenWidth = displayWidth(token);
      if (used + pendingSpace.length + tokenWidth <= width) {
        current += pendingSpace + token;
        used += pendingSpace.length + tokenWidth;
        pendingSpace = '';
        continue;
      }
      if (used > indentWidth) breakLine();
      pendingSpace = '';
      // A word longer than a whole line is cut where the line ends.
      for (const char of token) {
        const w = charWidth(char);
        if (used + w > width && used > indentWidth) breakLine();
        current += char;
        used += w;
      }
    }
  }
  lines.push(current);
  return lines;
}

/** Colour codes, runs of spaces, single wide characters (breakable anywhere), and words. */
function tokens(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    ANSI_SGR.lastIndex = i;
    const ansi = ANSI_SGR.exec(text);
    if (ansi) {
      out.push(ansi[0]);
      i += ansi[0].length;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(i)!);
    if (/\s/.test(char)) {
      let end = i;
      while (end < text.length && /\s/.test(text[end]!)) end += 1;
      out.push(text.slice(i, end));
      i = end;
    } else if (charWidth(char) === 2) {
      const previous = out.at(-1);
      if (NO_LINE_START.test(char) && previous !== undefined && !/^\s|^\x1b/.test(previous)) out[out.length - 1] = previous + char;
      else out.push(char);
      i += char.length;
    } else {
      let end = i;
      while (end < text.length) {
        const next = String.fromCodePoint(text.codePointAt(end)!);
        if (/\s/.test(next) || next === '\x1b' || charWidth(next) === 2) break;
        end += next.length;
      }
      out.push(text.slice(i, end));
      i = end;
    }
  }
  return out;
}
