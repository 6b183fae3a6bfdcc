import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The editor is served by the API from editor/dist; `vite dev` proxies the API for development.
export default defineConfig(({ mode }) => ({
  plugins: [react()],
  base: '/',
  // A build is React's production build even when NODE_ENV says otherwise (vitest sets it to
  // "test", which made the bundle the browser tests ran React's development build, 2-3x slower).
  define: { 'process.env.NODE_ENV': JSON.stringify(mode === 'development' ? 'development' : 'production') },
  oxc: { jsx: { runtime: 'automatic', development: mode === 'development' } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
}));
