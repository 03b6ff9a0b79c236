import { optionsFor, type CommandDefinition } from './command.js';
import type { RawArg } from './invocation.js';

/** A typed command line (Telegram, terminal) read into command, sub-command and raw options. */
export interface ParsedLine {
  command: string;
  subcommand?: string | undefined;
  args: Record<string, RawArg>;
  /** `@BotName` in `/cmd@BotName`: the adapter decides whether the command was meant for it. */
  addressee?: string | undefined;
  /** Words that fit no option (there is no option left to take them). */
  unparsed?: string | undefined;
  /** An option named twice (`temperature:0 temperature:1`): which one was meant is unknown, so it is refused. */
  repeated?: string | undefined;
}

const COMMAND_HEAD = /^\/([\p{L}\p{N}_-]+)(?:@([A-Za-z0-9_]+))?(?:\s+|$)/u;

/** One token of the argument text: a word, or a `"quoted phrase"`, with where it starts. */
interface Token {
  text: string;
  start: number;
}

/**
 * Reads `/cmd[@bot] [subcommand] words key:value …`. Options may be named anywhere (`key:value`, the value may be
 * quoted); other words fill the remaining options in order, and an option marked `rest` takes the rest of the line.
 * A `key:` that names no option of the command stays an ordinary word ("note: …" in a prompt survives).
 * Returns undefined when the line is not a command (plain text).
 */
export function parseCommandLine(line: string, lookup: (name: string) => CommandDefinition | undefined): ParsedLine | undefined {
  // A Chinese keyboard types a full-width slash (／help): it means the same command.
  const trimmed = line.trim().replace(/^／/, '/');
  const head = COMMAND_HEAD.exec(trimmed);
  if (!head) return undefined;
  const command = head[1]!.toLowerCase();
  const addressee = head[2];
  const body = trimmed.slice(head[0].length);
  const definition = lookup(command);
  if (!definition) return { command, args: {}, addressee };

  let tokens = tokenize(body);
  let subcommand: string | undefined;
  if (definition.subcommands) {
    const first = tokens[0]?.text.toLowerCase();
    if (first && definition.subcommands.some((candidate) => candidate.name === first)) {
      subcommand = first;
      tokens = tokens.slice(1);
    } else if (definition.defaultSubcommand) {
      subcommand = definition.defaultSubcommand;
    } else {
      return { command, subcommand: first, args: {}, addressee };
    }
  }
  const options = optionsFor(definition, subcommand);
  const names = new Set(options.map((option) => option.name));
  const args: Record<string, RawArg> = {};
  const positional: Token[] = [];
  let repeated: string | undefined;
  for (const token of tokens) {
    const named = /^([a-z_]+):(.*)$/s.exec(token.text);
    if (named && names.has(named[1]!) && named[2] !== '') {
      if (named[1]! in args) repeated ??= named[1]!;
      args[named[1]!] = unquote(named[2]!);
    } else positional.push(token);
  }

  // A rest option given by name collects the loose words too: `/generate prompt:Once upon a time`.
  const namedRest = options.find((option) => option.type === 'string' && option.rest && option.name in args);
  let index = 0;
  if (namedRest && positional.length > 0) {
    args[namedRest.name] = `${String(args[namedRest.name])} ${joinRest(body, positional)}`;
    index = positional.length;
  }
  for (const option of options.filter((candidate) => !(candidate.name in args))) {
    if (index >= positional.length) break;
    if (option.type === 'string' && option.rest) {
      args[option.name] = joinRest(body, positional.slice(index));
      index = positional.length;
      break;
    }
    args[option.name] = unquote(positional[index]!.text);
    index += 1;
  }
  const unparsed = index < positional.length ? positional.slice(index).map((token) => token.text).join(' ') : undefined;
  return { command, subcommand, args, addressee, unparsed, ...(repeated ? { repeated } : {}) };
}

function tokenize(body: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /(?:[a-z_]+:)?"[^"]*"|\S+/g;
  for (const match of body.matchAll(pattern)) tokens.push({ text: match[0], start: match.index });
  return tokens;
}

function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}

/** The original text of these tokens, each with the spacing (newlines too) that followed it; named options drop out. */
function joinRest(body: string, tokens: Token[]): string {
  return tokens
    .map((token) => {
      const end = token.start + token.text.length;
      const spacing = /^\s*/.exec(body.slice(end))![0];
      return token.text + spacing;
    })
    .join('')
    .trim();
}
