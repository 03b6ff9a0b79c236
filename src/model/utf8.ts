/**
 * Byte-level BPE tokens carry raw UTF-8 bytes: one Chinese character may be 2–3 tokens that are not text on their
 * own. These helpers read each token's bytes from tokenizer.json and group tokens into whole characters.
 */
import { readFileSync } from 'node:fs';

/** GPT-2's printable stand-in character for each byte, inverted: stand-in code point → byte. */
function standInToByte(): Map<number, number> {
  const direct: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) direct.push(b);
  for (let b = 0xa1; b <= 0xac; b++) direct.push(b);
  for (let b = 0xae; b <= 0xff; b++) direct.push(b);
  const map = new Map<number, number>();
  for (const b of direct) map.set(b, b);
  let n = 0;
  for (let b = 0; b < 256; b++) if (!direct.includes(b)) map.set(256 + n++, b);
  return map;
}

/**
 * The bytes of every token id, from a byte-level BPE tokenizer.json. Added tokens are written as plain text, not in
 * the byte alphabet: a special one (<|im_end|>) gets no bytes, a non-special one (Qwen3's <think>, </think>) its
 * UTF-8 text, so it reaches the generated text (where the reasoning filter finds it). Ids the embedding has beyond
 * the tokenizer (Qwen pads its vocabulary to 151,936) get no bytes either.
 */
export function readTokenBytes(tokenizerJsonPath: string): Uint8Array[] {
  const json = JSON.parse(readFileSync(tokenizerJsonPath, 'utf8')) as {
    model: { vocab: Record<string, number> };
    added_tokens: { id: number; content: string; special?: boolean }[];
  };
  const byteOf = standInToByte();
  const added = new Map(json.added_tokens.map((t) => [t.id, t]));
  const table: Uint8Array[] = [];
  for (const [name, id] of Object.entries(json.model.vocab)) {
    if (added.has(id)) continue;
    table[id] = Uint8Array.from([...name].map((ch) => {
      const b = byteOf.get(ch.codePointAt(0) ?? -1);
      if (b === undefined) throw new Error(`tokenizer.json: token ${id} is not byte-level`);
      return b;
    }));
  }
  const encoder = new TextEncoder();
  for (const [id, token] of added) table[id] = token.special === false ? encoder.encode(token.content) : new Uint8Array(0);
  return Array.from(table, (bytes) => bytes ?? new Uint8Array(0));
}

/** How many bytes a UTF-8 sequence starting with `lead` has (1 for ASCII and for invalid leads). */
function sequenceLength(lead: number): number {
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  if (lead >= 0xe0) return lead <= 0xef ? 3 : 1;
  if (lead >= 0xc2) return 2;
  return 1;
}

/** Length of the longest prefix that does not end inside an unfinished (still completable) character. */
export function completePrefixLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    return sequenceLength(b) > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

const decoder = new TextDecoder('utf-8');

/**
 * Decodes whole characters only: bytes of an unfinished last character wait, and bytes that can never form a
 * character (a sampled stray byte token) are left out rather than shown as U+FFFD. Text decoded from a longer
 * prefix always starts with the text of a shorter one, so streamed text only grows.
 */
export function decodeWhole(bytes: Uint8Array): string {
  return decoder.decode(bytes.subarray(0, completePrefixLength(bytes))).replace(/\uFFFD/g, '');
}

/** A token's text for a candidate list: whole characters, or its bytes as <0xE6> when they are not text. */
export function pieceText(bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  return text.includes('\uFFFD') ? [...bytes].map((b) => `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`).join('') : text;
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A run of consecutive tokens that together decode to whole characters. */
export interface TokenGroup {
  text: string;
  /** Index of the first token and one past the last. */
  start: number;
  end: number;
}

/** Groups tokens into the shortest runs that end on a character boundary. */
export function groupTokens(ids: readonly number[], table: readonly Uint8Array[]): TokenGroup[] {
  const groups: TokenGroup[] = [];
  let start = 0;
  let pending: Uint8Array[] = [];
  ids.forEach((id, i) => {
    pending.push(table[id] ?? new Uint8Array(0));
    const bytes = concatBytes(pending);
    if (completePrefixLength(bytes) === bytes.length || i === ids.length - 1) {
      groups.push({ text: decoder.decode(bytes), start, end: i + 1 });
      start = i + 1;
      pending = [];
    }
  });
  return groups;
}
