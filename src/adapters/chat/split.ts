/**
 * Splits a reply written in the markdown subset (src/core/markdown.ts) into parts that each fit a platform's message
 * limit and render on their own: at paragraph boundaries first, then at lines, then inside a line. A fenced code
 * block that must be cut is closed at the end of one part and reopened at the start of the next, so no part leaves a
 * fence open. `fits` is the platform's check (its rendered length against its limit).
 */
export function splitMarkdown(source: string, fits: (part: string) => boolean): string[] {
  const parts: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim() !== '') parts.push(current);
    current = '';
  };
  for (const unit of units(source)) {
    const joined = current === '' ? unit.text : `${current}${unit.separator}${unit.text}`;
    if (fits(joined)) {
      current = joined;
      continue;
    }
    flush();
    if (fits(unit.text)) {
      current = unit.text;
      continue;
    }
    const pieces = unit.fence === undefined ? splitLines(unit.text, fits) : splitCodeBlock(unit.text, unit.fence, fits);
    // The last piece may share a part with what follows.
    parts.push(...pieces.slice(0, -1));
    current = pieces.at(-1) ?? '';
  }
  flush();
  return parts;
}

interface Unit {
  /** The blank lines (or newline) that separated this unit from the one before it. */
  separator: string;
  text: string;
  /** For a fenced code block: its opening line (``` with any language tag). */
  fence?: string;
}

/** Paragraphs (runs of non-blank lines) and whole fenced code blocks, with the line breaks between them. */
function units(source: string): Unit[] {
  const lines = source.split('\n');
  const out: Unit[] = [];
  let blankLines = 0;
  let paragraph: string[] = [];
  const push = (text: string, fence?: string) => {
    out.push({ separator: out.length === 0 ? '' : '\n'.repeat(1 + blankLines), text, ...(fence === undefined ? {} : { fence }) });
    blankLines = 0;
  };
  const endParagraph = () => {
    if (paragraph.length > 0) push(paragraph.join('\n'));
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const close = isFence(line) ? lines.findIndex((candidate, j) => j > i && isFence(candidate)) : -1;
    if (close !== -1) {
      endParagraph();
      push(lines.slice(i, close + 1).join('\n'), line.trim());
      i = close;
    } else if (line.trim() === '') {
      endParagraph();
      blankLines += 1;
    } else {
      paragraph.push(line);
    }
  }
  endParagraph();
  return out;
}

function isFence(line: string): boolean {
  return line.trimStart().startsWith('```');
}

/** Greedy by line; a line too long on its own is cut by characters. */
function splitLines(text: string, fits: (part: string) => boolean): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const joined = current === '' ? line : `${current}\n${line}`;
    if (fits(joined)) {
      current = joined;
      continue;
    }
    if (current !== '') pieces.push(current);
    current = '';
    if (fits(line)) {
      current = line;
      continue;
    }
    const cut = splitCharacters(line, fits);
    pieces.push(...cut.slice(0, -1));
    current = cut.at(-1) ?? '';
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

/** A code block cut into blocks of its own lines, each wrapped in the original fence. */
function splitCodeBlock(block: string, fence: string, fits: (part: string) => boolean): string[] {
  const body = block.split('\n').slice(1, -1);
  const wrap = (lines: string[]) => `${fence}\n${lines.join('\n')}\n\`\`\``;
  const pieces: string[] = [];
  let current: string[] = [];
  for (const line of body) {
    if (fits(wrap([...current, line]))) {
      current.push(line);
      continue;
    }
    if (current.length > 0) pieces.push(wrap(current));
    current = [];
    if (fits(wrap([line]))) {
      current = [line];
      continue;
    }
    for (const piece of splitCharacters(line, (candidate) => fits(wrap([candidate])))) pieces.push(wrap([piece]));
  }
  if (current.length > 0) pieces.push(wrap(current));
  return pieces;
}

/** The longest prefixes that fit, cut between code points (never inside a surrogate pair), found by bisection. */
function splitCharacters(line: string, fits: (part: string) => boolean): string[] {
  const chars = Array.from(line);
  const pieces: string[] = [];
  let start = 0;
  while (start < chars.length) {
    // The largest end in [start + 1, length] whose prefix fits; one character always goes, so the loop ends.
    let low = start + 1;
    let high = chars.length;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (fits(chars.slice(start, middle).join(''))) low = middle;
      else high = middle - 1;
    }
    pieces.push(chars.slice(start, low).join(''));
    start = low;
  }
  return pieces;
}
