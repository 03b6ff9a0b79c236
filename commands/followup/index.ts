import { z } from 'zod';
import { defineCommand } from '../../src/core/define-command.js';
import { handleFollowUp } from './handler.js';
import { FOLLOWUP_OPTIONS } from './options.js';

/**
 * A question about a tutor message (Telegram: a reply to it; Discord: its "Ask about this" button), answered in the
 * context of that lesson. Hidden: nobody types it; the adapters fill its options from the message.
 */
export const followup = defineCommand({
  name: 'followup',
  menuOrder: 25,
  hidden: true,
  description: { en: 'Ask about a lesson', zh: '追问一课' },
  options: FOLLOWUP_OPTIONS,
  queue: 'fast',
  available: true,
  example: { en: '(reply to a lesson)', zh: '（回复一条课程消息）' },
  // A generated answer runs on the model queue: the fast job hands itself over, marked.
  handover: z.object({ onModel: z.literal(true) }),
  handler: handleFollowUp,
});
