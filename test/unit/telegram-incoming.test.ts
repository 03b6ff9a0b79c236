import { describe, expect, it } from 'vitest';
import { lineFor, type IncomingText } from '../../src/adapters/telegram/incoming.js';
import { typedEntities } from '../support/fake-telegram/objects.js';

const BOT = { id: 42, username: 'TutorBot' };
const knows = (name: string) => ['explain', 'help', 'lang', 'start'].includes(name.toLowerCase());

function message(text: string, chatType: string, extra: Partial<IncomingText> = {}): IncomingText {
  return {
    message_id: 1,
    text,
    entities: typedEntities(text),
    chat: { id: chatType === 'private' ? 7 : -100, type: chatType },
    from: { id: 7, is_bot: false, first_name: 'Ann' },
    ...extra,
  };
}

describe('which Telegram messages the tutor answers', () => {
  it.each([
    ['private', '/explain attention', '/explain attention'],
    ['private', 'what is attention?', 'what is attention?'],
    ['private', '/explain@TutorBot attention', '/explain attention'],
    ['private', '/explain@tutorbot attention', '/explain attention'],
    ['private', '/explain@OtherBot attention', undefined],
    ['private', '/nosuch', '/nosuch'],
    ['supergroup', '/explain attention', '/explain attention'],
    ['supergroup', '/explain@TutorBot attention', '/explain attention'],
    ['group', '/explain@OtherBot attention', undefined],
    ['supergroup', '/weather', undefined],
    ['supergroup', '/nosuch@TutorBot', '/nosuch'],
    ['supergroup', 'good morning everyone', undefined],
    ['supergroup', '@TutorBot what is attention?', 'what is attention?'],
    ['supergroup', 'hey @TutorBot, what is a token', 'hey , what is a token'],
    ['supergroup', '@TutorBot', '/start'],
    ['supergroup', '@OtherBot what is attention?', undefined],
    ['channel', '/explain attention', undefined],
  ])('%s: %j → %j', (chatType, text, expected) => {
    expect(lineFor(message(text, chatType), BOT, knows)).toBe(expected);
  });

  it('answers a reply to its own message in a group, not a reply to someone else', () => {
    expect(lineFor(message('and tokens?', 'supergroup', { reply_to_message: { from: { id: 42 } } }), BOT, knows)).toBe('and tokens?');
    expect(lineFor(message('and tokens?', 'supergroup', { reply_to_message: { from: { id: 8 } } }), BOT, knows)).toBeUndefined();
  });

  it('never answers bots (another bot, or itself)', () => {
    expect(lineFor(message('/explain attention', 'private', { from: { id: 9, is_bot: true, first_name: 'Bot' } }), BOT, knows)).toBeUndefined();
  });
});
