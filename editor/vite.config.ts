import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The editor is served by the API from editor/dist; `vite dev` proxies the API for development.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
