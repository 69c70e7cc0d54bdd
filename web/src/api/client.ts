import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient } from 'graphql-ws';
import { freshToken, onTokenChange } from '../auth/session';

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;

// Subscriptions over graphql-ws on the same path; the socket authenticates at connection_init.
const ws = createWsClient({
  url: wsUrl,
  lazy: true,
  retryAttempts: Infinity,
  shouldRetry: () => true,
  connectionParams: async () => {
    const token = await freshToken();
    return token ? { Authorization: `Bearer ${token}` } : {};
  },
});
// A new access token: reconnect so the socket runs with it (subscriptions resubscribe).
onTokenChange(() => ws.terminate());

/** Every HTTP request carries a fresh access token (refreshed silently when it is about to expire). */
const authFetch: typeof fetch = async (input, init) => {
  const token = await freshToken();
  const headers = new Headers(init?.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

/** A client with an empty cache: one per signed-in session (see `sessionEpoch`). */
export const makeClient = (): Client => new Client({
  url: '/graphql',
  fetch: authFetch,
  requestPolicy: 'cache-and-network',
  exchanges: [
    cacheExchange,
    fetchExchange,
    subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
      }),
    }),
  ],
});
