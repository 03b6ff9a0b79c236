/**
 * Interaction state as Discord keeps it: one callback per interaction within the 3 s window, then the webhook
 * (valid 15 minutes) to edit @original and send follow-ups. Every rule that Discord enforces answers an error here.
 */
import { randomBytes } from 'node:crypto';
import { snowflake } from './http.js';
import { applyMessage, messageJson, newMessage } from './messages.js';
import { EPHEMERAL_FLAG, validateAutocomplete, validateMessage, validateModal } from './validate.js';
import { FakeDiscordError, InteractionKind, type FakeInteraction, type RecordedFile, type StoredMessage } from './types.js';

export const CallbackType = { Pong: 1, Reply: 4, DeferReply: 5, DeferUpdate: 6, Update: 7, Autocomplete: 8, Modal: 9 } as const;

export const INTERACTION_CALLBACK_DEADLINE_MS = 3_000;
export const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60 * 1_000;

const unknownInteraction = () => new FakeDiscordError(404, { message: 'Unknown interaction', code: 10062 });
const unknownWebhook = () => new FakeDiscordError(404, { message: 'Unknown Webhook', code: 10015 });
const unknownMessage = () => new FakeDiscordError(404, { message: 'Unknown Message', code: 10008 });

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface DeskOptions {
  appId: string;
  bot: { id: string; username: string };
  now: () => number;
  callbackDeadlineMs: number;
  tokenLifetimeMs: number;
}

export class InteractionDesk {
  private readonly byId = new Map<string, FakeInteraction>();
  private readonly byToken = new Map<string, FakeInteraction>();

  constructor(private readonly options: DeskOptions) {}

  get all(): FakeInteraction[] {
    return [...this.byId.values()];
  }

  get(id: string): FakeInteraction | undefined {
    return this.byId.get(id);
  }

  /** Completes a payload from payloads.ts into what the gateway sends, and starts its 3 s clock. */
  create(partial: Json): FakeInteraction {
    const id = snowflake();
    // Real tokens are long opaque strings; a long one checks that nothing truncates or logs it.
    const token = `aW50ZXJhY3Rpb246${randomBytes(96).toString('base64url')}`;
    const payload: Json = {
      app_permissions: '2248473465835073',
      entitlements: [],
      attachment_size_limit: 10 * 1024 * 1024,
      version: 1,
      ...partial,
      id,
      token,
      application_id: this.options.appId,
    };
    const interaction: FakeInteraction = {
      id,
      token,
      type: Number(payload['type']),
      payload,
      pushedAt: this.options.now(),
      channelId: String(payload['channel_id'] ?? ''),
      originalFilled: false,
      followUps: [],
    };
    this.byId.set(id, interaction);
    this.byToken.set(token, interaction);
    return interaction;
  }

  /** The interaction behind an interaction-callback URL, if the id and token match. */
  forCallback(id: string, token: string): FakeInteraction | undefined {
    const interaction = this.byId.get(id);
    return interaction && interaction.token === token ? interaction : undefined;
  }

  forWebhook(appId: string, token: string): FakeInteraction | undefined {
    return appId === this.options.appId ? this.byToken.get(token) : undefined;
  }

  /** POST /interactions/{id}/{token}/callback. */
  callback(interaction: FakeInteraction, body: unknown, files: RecordedFile[], withResponse: boolean): { status: number; body?: unknown } {
    const at = this.options.now();
    if (at - interaction.pushedAt > this.options.callbackDeadlineMs) throw unknownInteraction();
    if (interaction.callback) throw new FakeDiscordError(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
    const type = isObject(body) ? body['type'] : undefined;
    const data = isObject(body) && isObject(body['data']) ? body['data'] : {};
    const isComponent = interaction.type === InteractionKind.Component || interaction.type === InteractionKind.ModalSubmit;
    const allowed: Record<number, boolean> = {
      [CallbackType.Pong]: interaction.type === InteractionKind.Ping,
      [CallbackType.Reply]: interaction.type !== InteractionKind.Autocomplete && interaction.type !== InteractionKind.Ping,
      [CallbackType.DeferReply]: interaction.type !== InteractionKind.Autocomplete && interaction.type !== InteractionKind.Ping,
      [CallbackType.DeferUpdate]: isComponent,
      [CallbackType.Update]: isComponent,
      [CallbackType.Autocomplete]: interaction.type === InteractionKind.Autocomplete,
      [CallbackType.Modal]: interaction.type === InteractionKind.Command || interaction.type === InteractionKind.Component,
    };
    if (typeof type !== 'number' || !allowed[type]) throw new FakeDiscordError(400, { message: 'Interaction callback type is not valid for this interaction', code: 50035 });

    if (type === CallbackType.Reply || type === CallbackType.Update) validateMessage(data, { hasFiles: files.length > 0 });
    if (type === CallbackType.Autocomplete) validateAutocomplete(data);
    if (type === CallbackType.Modal) validateModal(data);

    const ephemeral = ((Number(data['flags'] ?? 0) & EPHEMERAL_FLAG) !== 0);
    interaction.callback = { type, at, ephemeral };
    if (type === CallbackType.Reply || type === CallbackType.DeferReply) {
      interaction.original = this.message(interaction, type === CallbackType.Reply ? data : {}, files, ephemeral ? EPHEMERAL_FLAG : 0);
      interaction.originalFilled = type === CallbackType.Reply;
    }
    if (type === CallbackType.DeferUpdate || type === CallbackType.Update) {
      interaction.original = this.componentMessage(interaction);
      if (type === CallbackType.Update) this.apply(interaction.original, data, files);
      interaction.originalFilled = true;
    }
    if (!withResponse) return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: { id: interaction.id, type: interaction.type, response_message_id: interaction.original?.id, response_message_loading: type === CallbackType.DeferReply, response_message_ephemeral: ephemeral },
        resource: { type, ...(interaction.original ? { message: this.toJson(interaction.original) } : {}) },
      },
    };
  }

  /** GET/PATCH/DELETE …/messages/@original and …/messages/{id}. */
  webhookMessage(interaction: FakeInteraction, messageId: string, method: string, body: unknown, files: RecordedFile[]): { status: number; body?: unknown } {
    this.checkWebhook(interaction);
    const message = messageId === '@original' ? interaction.original : interaction.followUps.find((candidate) => candidate.id === messageId);
    if (!message) throw unknownMessage();
    if (method === 'GET') return { status: 200, body: this.toJson(message) };
    if (method === 'DELETE') {
      if (messageId === '@original') interaction.original = undefined;
      else interaction.followUps = interaction.followUps.filter((candidate) => candidate !== message);
      return { status: 204 };
    }
    validateMessage(body, { hasFiles: files.length > 0, existing: message });
    this.apply(message, body as Json, files);
    if (messageId === '@original') interaction.originalFilled = true;
    return { status: 200, body: this.toJson(message) };
  }

  /** POST /webhooks/{app}/{token}: a follow-up message. */
  followUp(interaction: FakeInteraction, body: unknown, files: RecordedFile[], wait: boolean): { status: number; body?: unknown } {
    this.checkWebhook(interaction);
    validateMessage(body, { hasFiles: files.length > 0 });
    const data = body as Json;
    const message = this.message(interaction, data, files, Number(data['flags'] ?? 0) & EPHEMERAL_FLAG);
    interaction.followUps.push(message);
    return wait ? { status: 200, body: this.toJson(message) } : { status: 204 };
  }

  private checkWebhook(interaction: FakeInteraction): void {
    // Until the interaction is acknowledged there is no response to edit and no webhook to follow up on.
    if (!interaction.callback || interaction.callback.type === CallbackType.Autocomplete) throw unknownWebhook();
    if (this.options.now() - interaction.pushedAt > this.options.tokenLifetimeMs) throw new FakeDiscordError(401, { message: 'Invalid Webhook Token', code: 50027 });
  }

  private message(interaction: FakeInteraction, data: Json, files: RecordedFile[], flags: number): StoredMessage {
    return newMessage(interaction.channelId, data, files, flags);
  }

  /** The message a button sat on, which callback 6/7 and later @original edits change. */
  private componentMessage(interaction: FakeInteraction): StoredMessage {
    const raw = isObject(interaction.payload['message']) ? interaction.payload['message'] : {};
    return {
      id: String(raw['id'] ?? snowflake()),
      channel_id: interaction.channelId,
      content: String(raw['content'] ?? ''),
      components: Array.isArray(raw['components']) ? raw['components'] : [],
      embeds: [],
      attachments: [],
      flags: Number(raw['flags'] ?? 0),
      created_at: String(raw['timestamp'] ?? new Date().toISOString()),
      edited_at: null,
    };
  }

  private apply(message: StoredMessage, data: Json, files: RecordedFile[]): void {
    applyMessage(message, data, files);
  }

  private toJson(message: StoredMessage): Json {
    return messageJson(message, this.options.bot, { type: 20, webhook_id: this.options.appId, application_id: this.options.appId });
  }
}
