import { describe, expect, it } from 'vitest';
import { askerOf, lineFor, type IncomingText } from '../../src/adapters/telegram/incoming.js';
import { chatSpokenAs, speaksAsOtherChat, speaksAsThisChat } from '../../src/core/chat-identity.js';
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

describe('messages sent as a chat (anonymous admins, channels)', () => {
  const anonymous = { id: 1_087_968_824, is_bot: true, first_name: 'Group' };
  const group = { id: -100, type: 'supergroup' };

  it('answers a command sent as the group or as a channel, never an automatic forward', () => {
    expect(lineFor(message('/quiz stop', 'supergroup', { from: anonymous, sender_chat: { ...group, title: 'Class 7' } }), BOT, () => true)).toBe('/quiz stop');
    expect(lineFor(message('/quiz stop', 'supergroup', { from: { id: 136_817_688, is_bot: true, first_name: 'Channel' }, sender_chat: { id: -200, type: 'channel' } }), BOT, () => true)).toBe('/quiz stop');
    expect(lineFor(message('/quiz stop', 'supergroup', { from: { id: 777_000, is_bot: false, first_name: 'Telegram' }, sender_chat: { id: -200, type: 'channel' }, is_automatic_forward: true }), BOT, () => true)).toBeUndefined();
    // The shared account without sender_chat is just a bot.
    expect(lineFor(message('/help', 'supergroup', { from: anonymous }), BOT, knows)).toBeUndefined();
  });

  it('keys the asker by the chat sent as, named after it, with no language of its own', () => {
    expect(askerOf({ from: anonymous, sender_chat: { ...group, title: 'Class 7' } })).toEqual({ id: 'chat_-100', displayName: 'Class 7' });
    expect(askerOf({ from: { id: 7, is_bot: false, first_name: 'Ann', language_code: 'en' } })).toEqual({ id: '7', displayName: 'Ann', locale: 'en' });
    expect(chatSpokenAs('chat_-100')).toBe('-100');
    expect(chatSpokenAs('7')).toBeUndefined();
    expect(speaksAsThisChat({ user: { id: 'chat_-100' }, chat: { id: '-100' } })).toBe(true);
    expect(speaksAsOtherChat({ user: { id: 'chat_-200' }, chat: { id: '-100' } })).toBe(true);
    expect(speaksAsOtherChat({ user: { id: '7' }, chat: { id: '-100' } })).toBe(false);
  });
});
