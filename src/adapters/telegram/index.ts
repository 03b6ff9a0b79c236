/** The Telegram adapter: `new TelegramAdapter(tutor, options)`, `start()`, `stop()`, and `deliver` as the outbox handler. */
export { TELEGRAM_CAPABILITIES, TELEGRAM_OUTBOX, TelegramAdapter, type TelegramAdapterOptions, type TelegramWebhook } from './adapter.js';
export { GROUP_EDIT_INTERVAL_MS, PRIVATE_EDIT_INTERVAL_MS } from './replies.js';
export { TELEGRAM_SEND_LIMITS, type SendLimits } from './send-limiter.js';
