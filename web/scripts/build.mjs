// Builds everything into dist/ (packaged by Maven as classpath static/):
//   dist/widget.js          the embeddable loader        (budget 5 KB gzipped)
//   dist/widget/panel.html  the chat panel + its assets  (budget 60 KB gzipped in total)
//   dist/app/, dist/admin/, dist/setup/  Vue pages (vite.config.ts)
// then writes a .gz next to every text file and prints the gzipped sizes.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync, constants } from 'node:zlib'
import { build } from 'vite'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'dist')
const pages = join(root, 'pages')
const quiet = { logLevel: 'warn' }
const WIDGET_BUDGET = 5 * 1024
const PANEL_BUDGET = 60 * 1024

const t0 = Date.now()
await build({ ...quiet, configFile: join(root, 'vite.config.ts') })

await build({
  ...quiet,
  configFile: false,
  root: pages,
  base: '/',
  publicDir: false,
  build: {
    outDir: dist,
    emptyOutDir: false,
    assetsDir: 'widget/assets',
    target: 'es2019',
    modulePreload: false,
    reportCompressedSize: false,
    rollupOptions: { input: { panel: join(pages, 'widget/panel.html') } },
  },
})

await build({
  ...quiet,
  configFile: false,
  root,
  publicDir: false,
  build: {
    outDir: dist,
    emptyOutDir: false,
    target: 'es2019',
    minify: true,
    reportCompressedSize: false,
    lib: {
      entry: join(root, 'src/widget/loader.ts'),
      formats: ['iife'],
      name: 'KefuWidgetLoader',
      fileName: () => 'widget.js',
    },
  },
})

const COMPRESS = /\.(js|mjs|css|html|svg|json|txt|map)$/
const files = []
const walk = (d) => {
  for (const n of readdirSync(d)) {
    const p = join(d, n)
    if (statSync(p).isDirectory()) walk(p)
    else if (COMPRESS.test(n)) files.push(p)
  }
}
walk(dist)
const gz = new Map()
for (const f of files) {
  const z = gzipSync(readFileSync(f), { level: constants.Z_BEST_COMPRESSION })
  writeFileSync(f + '.gz', z)
  gz.set(relative(dist, f), z.length)
}

const kb = (n) => (n / 1024).toFixed(1) + ' KB'
const sum = (pred) => [...gz].filter(([p]) => pred(p)).reduce((a, [, n]) => a + n, 0)
const widget = gz.get('widget.js') ?? 0
const panel = sum((p) => p.startsWith('widget/'))
const app = sum((p) => p.startsWith('app/') || p.startsWith('assets/'))
console.log(`kefu-web: built in ${((Date.now() - t0) / 1000).toFixed(1)} s; gzipped sizes:`)
console.log(`  widget.js                       ${kb(widget)}  (budget ${kb(WIDGET_BUDGET)})`)
console.log(`  widget/panel.html + assets      ${kb(panel)}  (budget ${kb(PANEL_BUDGET)})`)
console.log(`  app + admin + setup (all files) ${kb(app + sum((p) => p.startsWith('admin/') || p.startsWith('setup/')))}`)
let failed = false
if (widget > WIDGET_BUDGET) (failed = true), console.error('widget.js is over its budget')
if (panel > PANEL_BUDGET) (failed = true), console.error('the chat panel is over its budget')
if (failed) process.exit(1)
