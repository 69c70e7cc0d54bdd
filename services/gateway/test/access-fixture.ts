import { randomUUID } from 'node:crypto';
import { jobDecider } from '@netraven/domain';
import { newCommandMetadata } from '@netraven/infra/eventstore';
import { graphql, type GatewayFixture } from './gateway-fixture.js';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** One GraphQL request with an optional bearer token; the answer as it came, errors included. */
export async function call<T = Record<string, unknown>>(url: string, token: string | undefined, query: string, variables: Record<string, unknown> = {}): Promise<Answer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Answer<T>;
  return { ...body, status: response.status };
}

export const codeOf = (answer: Answer): string | undefined => answer.errors?.[0]?.extensions?.code;

/**
 * Opens `jobUpdated(id)` over SSE and returns the first message after the one that answers at once
 * (data or errors); `trigger` runs once that first answer has arrived (the stream is live), to cause a change.
 * A refused subscription answers with its error at once.
 */
export async function firstJobUpdate(url: string, token: string | undefined, jobId: string, trigger: () => Promise<void>): Promise<Answer<{ jobUpdated: { id: string; deviceCount: number; devices: { nodes: Array<{ deviceId: string }> } } }>> {
  const controller = new AbortController();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: 'subscription($id: ID!) { jobUpdated(id: $id) { id deviceCount devices { nodes { deviceId } } } }', variables: { id: jobId } }),
    signal: controller.signal,
  });
  let triggered: Promise<void> = Promise.resolve();
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    let answers = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let match = /data: (\{.*\})\n/.exec(buffer); match?.[1]; match = /data: (\{.*\})\n/.exec(buffer)) {
        buffer = buffer.slice(match.index + match[0].length);
        const answer = { ...(JSON.parse(match[1]) as Answer<never>), status: response.status };
        if (answer.errors || answers++ > 0) return answer;
        triggered = trigger();
      }
    }
    return { status: response.status, errors: [{ message: 'stream ended without a message' }] };
  })();
  const timeout = new Promise<Answer<never>>((resolve) => setTimeout(() => resolve({ status: 0, errors: [{ message: 'no message within 10 s' }] }), 10_000));
  const answer = await Promise.race([reading, timeout]);
  await triggered;
  controller.abort();
  return answer;
}

export async function login(url: string, username: string, password: string): Promise<{ accessToken: string; refreshToken: string }> {
  const answer = await call<{ login: { accessToken: string; refreshToken: string } }>(url, undefined,
    'mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }', { input: { username, password } });
  if (!answer.data?.login) throw new Error(`login ${username} failed: ${JSON.stringify(answer.errors)}`);
  return answer.data.login;
}

export async function createUser(fx: GatewayFixture, username: string, role: string, tags: string[] = [], password = `${username}-password`): Promise<{ id: string; password: string }> {
  const { createUser: user } = await graphql<{ createUser: { id: string } }>(fx.url,
    'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }', { input: { username, password, role, tags } });
  return { id: user.id, password };
}

export async function registerDevice(fx: GatewayFixture, credentialId: string, tags: string[]): Promise<string> {
  const { registerDevice: device } = await graphql<{ registerDevice: { id: string } }>(fx.url,
    'mutation($input: RegisterDeviceInput!) { registerDevice(input: $input) { id } }',
    { input: { name: `dev-${randomUUID().slice(0, 8)}`, host: '10.0.0.1', platform: 'cisco_ios', credentialId, tags } });
  return device.id;
}

export async function scheduleJob(fx: GatewayFixture, deviceIds: string[]): Promise<string> {
  const { scheduleBackup } = await graphql<{ scheduleBackup: { id: string } }>(fx.url,
    'mutation($input: ScheduleBackupInput!) { scheduleBackup(input: $input) { id } }', { input: { deviceIds } });
  return scheduleBackup.id;
}

/** What the dispatcher would do: the job's devices become job rows. */
export async function dispatch(fx: GatewayFixture, jobId: string, deviceIds: string[]): Promise<void> {
  await fx.commands.handle(jobDecider, jobId, { type: 'DispatchJob', data: { jobId, deviceIds }, metadata: newCommandMetadata({ actor: 'system:test' }) });
}
