import { describe, expect, it } from 'vitest';
import { findCommand } from '../../commands/index.js';
import { parseCommandLine } from '../../src/core/parse-text.js';

const parse = (line: string) => parseCommandLine(line, findCommand);

describe('typed command syntax', () => {
  it('is not a command without a leading slash', () => {
    expect(parse('what is attention?')).toBeUndefined();
    expect(parse('  ')).toBeUndefined();
  });

  it('gives the rest of the line to the rest option and reads key:value anywhere', () => {
    expect(parse('/generate temperature:0 Attention is')).toMatchObject({ command: 'generate', args: { temperature: '0', prompt: 'Attention is' } });
    expect(parse('/generate Attention temperature:0.5 is all')).toMatchObject({ args: { temperature: '0.5', prompt: 'Attention is all' } });
    expect(parse('/explain 什么是预训练')).toMatchObject({ command: 'explain', args: { topic: '什么是预训练' } });
    expect(parse('/explain what does the T mean? level:kid')).toMatchObject({ args: { topic: 'what does the T mean?', level: 'kid' } });
  });

  it('keeps key:value words that name no option as text', () => {
    expect(parse('/generate Note: this is http://x.y')).toMatchObject({ args: { prompt: 'Note: this is http://x.y' } });
  });

  it('takes quoted values and a named rest option with loose words after it', () => {
    expect(parse('/explain topic:"self attention" level:expert')).toMatchObject({ args: { topic: 'self attention', level: 'expert' } });
    expect(parse('/generate prompt:Once upon a time')).toMatchObject({ args: { prompt: 'Once upon a time' } });
  });

  it('fills sub-command options positionally', () => {
    expect(parse('/quiz start attention 5 20')).toMatchObject({
      command: 'quiz',
      subcommand: 'start',
      args: { topic: 'attention', questions: '5', seconds: '20' },
    });
    expect(parse('/quiz start topic:attention questions:5 seconds:20')).toMatchObject({ args: { topic: 'attention', questions: '5', seconds: '20' } });
  });

  it('uses the default sub-command for a bare command or an unknown first word', () => {
    expect(parse('/quiz')).toMatchObject({ subcommand: 'practice', args: {} });
    expect(parse('/quiz attention')).toMatchObject({ subcommand: 'practice', args: { topic: 'attention' } });
    expect(parse('/quiz review')).toMatchObject({ subcommand: 'review', args: {} });
  });

  it('reports words no option can take', () => {
    expect(parse('/lang zh group please')).toMatchObject({ args: { language: 'zh', scope: 'group' }, unparsed: 'please' });
    expect(parse('/quiz review now')).toMatchObject({ unparsed: 'now' });
  });

  it('reads /cmd@BotName and leaves the addressee to the adapter', () => {
    expect(parse('/help@GptTutorBot explain')).toMatchObject({ command: 'help', addressee: 'GptTutorBot', args: { command: 'explain' } });
  });

  it('lower-cases the command and keeps unknown commands for a clear error', () => {
    expect(parse('/EXPLAIN attention')).toMatchObject({ command: 'explain' });
    expect(parse('/nosuch a b')).toEqual({ command: 'nosuch', args: {}, addressee: undefined });
  });

  it('reports an option named twice, and reads a full-width slash as a command', () => {
    expect(parse('/generate temperature:0 temperature:1 hi')).toMatchObject({ args: { prompt: 'hi' }, repeated: 'temperature' });
    expect(parse('/generate temperature:0 hi')?.repeated).toBeUndefined();
    expect(parse('／help explain')).toMatchObject({ command: 'help', args: { command: 'explain' } });
    expect(parse('/')).toBeUndefined();
  });

  it('keeps newlines inside a rest option', () => {
    expect(parse('/generate line one\nline two')).toMatchObject({ args: { prompt: 'line one\nline two' } });
  });
});
