import { ValidationError } from '../shared/errors.js';
import { normalizeTags } from '../shared/tags.js';
import { INPUT_LIMITS, quoted, requireLabel, requireSecret } from '../shared/validation.js';
import type { WebhookInput } from './commands.js';
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS, type WebhookDefinition, type WebhookEventKind, type WebhookFormat } from './events.js';

export const WEBHOOK_LIMITS = { urlLength: 2048, secretMinLength: 16 } as const;

/**
 * An absolute http(s) URL without user name or password (those would land in events and read models).
 * Parsed with WHATWG `URL`, available in every runtime the domain runs in.
 */
export function requireWebhookUrl(value: unknown): string {
  const text = requireLabel(value, 'url', WEBHOOK_LIMITS.urlLength).trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ValidationError(`url ${quoted(text)} is not an absolute URL`, 'url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ValidationError(`url must use http or https (got ${quoted(url.protocol)})`, 'url');
  if (url.hostname === '') throw new ValidationError('url must name a host', 'url');
  if (url.username !== '' || url.password !== '') throw new ValidationError('url must not carry a user name or password; use the secret', 'url');
  return url.toString();
}

export function requireWebhookEvents(value: unknown): WebhookEventKind[] {
  if (!Array.isArray(value) || value.length === 0) throw new ValidationError('events must name at least one event', 'events');
  for (const event of value)
    if (!(WEBHOOK_EVENTS as readonly unknown[]).includes(event)) throw new ValidationError(`unknown event ${quoted(event)}; known: ${WEBHOOK_EVENTS.join(', ')}`, 'events');
  return WEBHOOK_EVENTS.filter((event) => value.includes(event));
}

export function requireWebhookFormat(value: unknown): WebhookFormat {
  if (!(WEBHOOK_FORMATS as readonly unknown[]).includes(value)) throw new ValidationError(`unknown format ${quoted(value)}; known: ${WEBHOOK_FORMATS.join(', ')}`, 'format');
  return value as WebhookFormat;
}

/** The HMAC key: at least 16 characters, so a signature cannot be forged by guessing it. */
export function requireWebhookSecret(value: unknown): string {
  const secret = requireSecret(value, 'secret');
  if (secret.length < WEBHOOK_LIMITS.secretMinLength)
    throw new ValidationError(`secret must be at least ${WEBHOOK_LIMITS.secretMinLength} characters`, 'secret');
  if (secret.length > INPUT_LIMITS.secretLength) throw new ValidationError(`secret must be at most ${INPUT_LIMITS.secretLength} characters`, 'secret');
  return secret;
}

export function validateWebhook(input: WebhookInput): WebhookDefinition {
  return {
    url: requireWebhookUrl(input.url),
    events: requireWebhookEvents(input.events),
    tags: normalizeTags(input.tags ?? []),
    format: requireWebhookFormat(input.format ?? 'JSON'),
  };
}

/**
 * A JSON webhook must be signed, so its receiver can tell NetRaven's requests from anyone's. Slack and Teams
 * cannot check a signature (their URL is the secret), so for them it is optional.
 */
export function requireSecretFor(format: WebhookFormat, hasSecret: boolean): void {
  if (format === 'JSON' && !hasSecret) throw new ValidationError('a JSON webhook needs a secret to sign its deliveries', 'secret');
}
