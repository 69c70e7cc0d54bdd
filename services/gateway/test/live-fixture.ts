import { eventually } from '@netraven/infra/testing';
import type { Answer } from './access-fixture.js';
import type { GatewayFixture } from './gateway-fixture.js';

export interface LiveOptions<T> {
  /** Stop after this many messages (default 1), or at the first that satisfies `until`. */
  count?: number;
  until?: (message: Answer<T>) => boolean;
  /** Runs once the subscription is listening (counted by the live feeds): what should cause messages. */
  trigger?: () => Promise<void>;
  timeoutMs?: number;
}

/**
 * Opens a live subscription over SSE and collects its messages. A refused subscription answers with
 * its error at once; an accepted one is listening once the gateway's live feeds count it, and only
 * then does `trigger` run. Returns after the subscription is gone again on the server.
 */
export async function liveMessages<T = Record<string, unknown>>(fx: GatewayFixture, token: string | undefined, query: string, variables: Record<string, unknown> = {}, options: LiveOptions<T> = {}): Promise<Array<Answer<T>>> {
  const before = fx.liveFeeds.subscribers;
  const controller = new AbortController();
  const response = await fetch(fx.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  });
  const messages: Array<Answer<T>> = [];
  let listening = false;
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let match = /data: (\{.*\})\n/.exec(buffer); match?.[1]; match = /data: (\{.*\})\n/.exec(buffer)) {
          buffer = buffer.slice(match.index + match[0].length);
          const answer = { ...(JSON.parse(match[1]) as Answer<T>), status: response.status };
          messages.push(answer);
          if (answer.errors && !listening) return;
          if (options.until ? options.until(answer) : messages.length >= (options.count ?? 1)) return;
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
  })();
  const triggering = (async () => {
    // Listening, or refused (the stream answered with an error and ended).
    await eventually('the subscription listening or refused', async () => (fx.liveFeeds.subscribers > before || messages.length > 0 ? true : undefined), options.timeoutMs ?? 10_000, 10);
    if (fx.liveFeeds.subscribers > before && messages.length === 0) {
      listening = true;
      await options.trigger?.();
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, options.timeoutMs ?? 10_000);
  });
  await Promise.race([Promise.all([reading, triggering]).then(() => undefined), timeout]);
  clearTimeout(timer);
  controller.abort();
  await triggering.catch(() => undefined);
  await eventually('the subscription closed on the server', async () => (fx.liveFeeds.subscribers <= before ? true : undefined), 10_000, 10);
  return messages;
}

/** The first message of a live subscription after `trigger` (or its refusal), as the permission matrix wants it. */
export async function firstLiveMessage(fx: GatewayFixture, token: string | undefined, query: string, trigger: () => Promise<void>): Promise<Answer> {
  const [first] = await liveMessages(fx, token, query, {}, { trigger });
  return first ?? { status: 0, errors: [{ message: 'no message within 10 s' }] };
}
