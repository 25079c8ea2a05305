// Builds the pages (booth, second-device check, public results, trustee, the commission's console) into dist/, which the server serves
// at / under a strict CSP: no inline script or style, no data: fonts, so nothing is inlined into the HTML.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const page = (name: string): string => fileURLToPath(new URL(`./${name}.html`, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        index: page('index'),
        verify: page('verify'),
        public: page('public'),
        trustee: page('trustee'),
        admin: page('admin'),
      },
    },
  },
  server: {
    // `vite` in development: the API comes from a running server (SAYLAU_API, default http://127.0.0.1:8080)
    proxy: { '/api': process.env.SAYLAU_API ?? 'http://127.0.0.1:8080' },
  },
});
