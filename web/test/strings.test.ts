import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { UI_STRINGS } from '../src/ui/strings'

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? files(p) : /\.(ts|vue)$/.test(n) ? [p] : []
  })
}

describe('workbench and admin strings', () => {
  it('exist in both languages', () => {
    expect(Object.keys(UI_STRINGS['zh-CN']!).sort()).toEqual(Object.keys(UI_STRINGS.en!).sort())
  })

  it('cover every literal key the Vue pages pass to t() or describeError()', () => {
    const root = join(import.meta.dirname, '..', 'src')
    const missing: string[] = []
    for (const f of ['app', 'admin', 'setup', 'ui'].flatMap((d) => files(join(root, d)))) {
      const src = readFileSync(f, 'utf8')
      for (const m of src.matchAll(/\b(?:t|describeError)\((?:e, )?'([\w.-]+)'\s*[,)]/g)) {
        if (!(m[1] in UI_STRINGS.en!)) missing.push(f.slice(root.length) + ': ' + m[1])
      }
    }
    expect(missing).toEqual([])
  })
})
