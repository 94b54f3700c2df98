// Vue pages (workbench /app, admin /admin, first run /setup), and the Vitest setup.
// The widget loader and the chat panel have their own builds in scripts/build.mjs (size budgets).
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

const pages = resolve(import.meta.dirname, 'pages')
const server = process.env.KEFU_SERVER ?? 'http://localhost:8080'

export default defineConfig({
  root: pages,
  base: '/',
  publicDir: false,
  plugins: [vue()],
  // The HTML entries in pages/ load ../../src/…: in dev that URL is /src/…, outside the root.
  resolve: { alias: [{ find: /^\/src\//, replacement: resolve(import.meta.dirname, 'src') + '/' }] },
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2020',
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    rollupOptions: {
      input: {
        app: resolve(pages, 'app/index.html'),
        admin: resolve(pages, 'admin/index.html'),
        setup: resolve(pages, 'setup/index.html'),
      },
    },
  },
  server: {
    // `npm run dev` against a running server: KEFU_SERVER=http://localhost:8080 npm run dev
    proxy: {
      '/api': server,
      '/ws': { target: server.replace(/^http/, 'ws'), ws: true },
      '/healthz': server,
    },
  },
  test: {
    root: import.meta.dirname,
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
})
