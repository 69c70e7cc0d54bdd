import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * The subscribers, in a process of their own (their parsing must not slow the gateway's event loop,
 * nor the other way round). Told `{ url, token, subscriptions }` over IPC, it opens one socket per
 * subscriber and records, per message, the job it is about and when it arrived (wall clock, ms with
 * fractions). `stop` sends the records back.
 */
interface Start { type: 'start'; url: string; token: string; subscriptions: Array<{ query: string; field: 'jobsChanged' | 'logAdded' }> }
interface Stop { type: 'stop' }

const now = (): number => performance.timeOrigin + performance.now();
const clients: Client[] = [];
const received: Array<{ subscriber: number; jobId: string; at: number }> = [];
const failures: string[] = [];

process.on('message', (message: Start | Stop) => {
  if (message.type === 'start') start(message);
  else void stop();
});

function start(message: Start): void {
  message.subscriptions.forEach((subscription, subscriber) => {
    const client = createClient({
      url: message.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0,
      connectionParams: { Authorization: `Bearer ${message.token}` },
    });
    clients.push(client);
    client.subscribe<Record<string, { id?: string; jobId?: string | null }>>({ query: subscription.query }, {
      next: (result) => {
        const at = now();
        const payload = result.data?.[subscription.field];
        const jobId = subscription.field === 'jobsChanged' ? payload?.id : payload?.jobId;
        if (jobId) received.push({ subscriber, jobId, at });
        else failures.push(JSON.stringify(result).slice(0, 300));
      },
      error: (error) => failures.push(String(error instanceof Error ? error.message : JSON.stringify(error))),
      complete: () => undefined,
    });
  });
  process.send?.({ type: 'started' });
}

async function stop(): Promise<void> {
  await Promise.all(clients.map((c) => c.dispose()));
  const cpu = process.cpuUsage();
  process.send?.({ type: 'records', received, failures, cpuSeconds: (cpu.user + cpu.system) / 1e6 }, () => process.exit(0));
}
