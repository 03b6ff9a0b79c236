/**
 * Well-formed text: no lone surrogate (half of an emoji, from text cut in the wrong place or a JSON `"\ud800"`).
 * A lone surrogate is not Unicode: it has no UTF-8 form, so Telegram refuses the whole message, and Redis's Lua
 * cjson cannot decode the JSON that carries it as `\ud800`. Every text from a user or a file is made well-formed
 * where it enters the core; each lone surrogate becomes U+FFFD (the replacement character), as `TextDecoder` does.
 */

// String.prototype.toWellFormed is ES2024 (Node 20 has it); the project's TypeScript lib is ES2023.
interface Es2024String {
  isWellFormed(): boolean;
  toWellFormed(): string;
}
const es2024 = (text: string) => text as unknown as Es2024String;

/** True when `text` has no lone surrogate. */
export function isWellFormed(text: string): boolean {
  return es2024(text).isWellFormed();
}

/** `text` with every lone surrogate replaced by U+FFFD; well-formed text comes back unchanged. */
export function wellFormed(text: string): string {
  return es2024(text).toWellFormed();
}

/** A JSON-like value (plain objects, arrays, strings — keys too — and anything else) with every string well-formed. */
export function wellFormedDeep<T>(value: T): T {
  return deep(value) as T;
}

function deep(value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (Array.isArray(value)) return value.map(deep);
  if (value === null || typeof value !== 'object') return value;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  // fromEntries defines own properties: a `__proto__` key from JSON stays a key and never becomes the prototype.
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [wellFormed(key), deep(item)]));
}
