import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

// `npm run dev -w web` proxies the API to a running `netraven start` (same origin in production).
const api = process.env['NETRAVEN_API'] ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [solid()],
  build: {
    outDir: 'dist', target: 'es2022', sourcemap: false, reportCompressedSize: true,
    // The "plugins took long" notice is about a busy machine, not the console.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: { proxy: { '/graphql': { target: api, ws: true }, '/auth': api } },
});
