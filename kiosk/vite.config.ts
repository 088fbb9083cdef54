import path from 'node:path';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The API server `npm start` runs; override to point the dev server elsewhere.
const apiTarget = process.env.DINEWIRE_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/kiosk/',
  plugins: [svelte()],
  resolve: {
    // Compile the shared contract from source, so a change there needs no separate build.
    alias: { '@dinewire/protocol': path.resolve(import.meta.dirname, '../protocol/src/index.ts') },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/socket.io': { target: apiTarget, changeOrigin: true, ws: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
