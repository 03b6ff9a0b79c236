/**
 * Reasoning models (Qwen3 and its kind) may think aloud between <think> and </think> before they answer. A student
 * sees the answer only: thought is cut out of the text, and while a reply streams, an unclosed thought — or a "<th"
 * that may be the start of a tag — is withheld until it closes. Stateless over the text so far, as streaming reports it.
 */
const OPEN = '<think>';
const CLOSE = '</think>';

/**
 * The part of a model's text a student may see. `inThought`: the prompt already opened a thought (a template that
 * ends the assistant turn's opening with <think>), so the text starts inside one. `final`: the text is complete, so
 * a dangling tag prefix at the end is text after all.
 */
export function visibleAnswer(text: string, options: { inThought?: boolean; final?: boolean } = {}): string {
  let out = '';
  let rest = text;
  let thinking = options.inThought ?? false;
  for (;;) {
    if (thinking) {
      const close = rest.indexOf(CLOSE);
      if (close < 0) return tidy(out); // an unclosed thought is never shown, streaming or final
      rest = rest.slice(close + CLOSE.length).replace(/^\s+/, '');
      thinking = false;
      continue;
    }
    const open = rest.indexOf(OPEN);
    const stray = rest.indexOf(CLOSE); // a close without an open: what came before was thought
    if (stray >= 0 && (open < 0 || stray < open)) {
      out = '';
      rest = rest.slice(stray + CLOSE.length).replace(/^\s+/, '');
      continue;
    }
    if (open < 0) break;
    out += rest.slice(0, open);
    rest = rest.slice(open + OPEN.length);
    thinking = true;
  }
  if (!options.final) rest = rest.slice(0, rest.length - partialTagLength(rest));
  return tidy(out + rest);
}

/** Does the prompt leave the model inside a thought (its last tag an open <think>)? */
export function promptOpensThought(prompt: string): boolean {
  return prompt.lastIndexOf(OPEN) > prompt.lastIndexOf(CLOSE);
}

/** Characters at the end of `text` that could be the start of <think> or </think>. */
function partialTagLength(text: string): number {
  for (let n = Math.min(text.length, CLOSE.length - 1); n > 0; n--) {
    const tail = text.slice(-n);
    if (OPEN.startsWith(tail) || CLOSE.startsWith(tail)) return n;
  }
  return 0;
}

/** Removing a thought leaves the blank lines around it: the answer starts at its first visible character. */
function tidy(text: string): string {
  return text.replace(/^\s+/, '');
}
