import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// Built into web/dist, which the service serves at / (src/platform/web.ts). `npm run dev -w web`
// serves it with hot reload and sends the API to a service on :8080 (or TROVE_API).
const api = process.env.TROVE_API ?? 'http://localhost:8080';
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), tailwindcss()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/v1': api, '/healthz': api } },
});
