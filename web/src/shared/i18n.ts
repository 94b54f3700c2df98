// Minimal i18n: pick a language from an override or the browser's list, look keys up with English fallback.

export const LANGS = ['en', 'zh-CN'] as const
export type Lang = (typeof LANGS)[number]

/** Maps a BCP 47 tag to a supported language, or null. Any Chinese tag maps to zh-CN. */
export function matchLang(tag: string | null | undefined): Lang | null {
  if (!tag) return null
  const t = tag.trim().toLowerCase()
  if (!t) return null
  if (t === 'zh' || t.startsWith('zh-') || t.startsWith('zh_')) return 'zh-CN'
  if (t === 'en' || t.startsWith('en-') || t.startsWith('en_')) return 'en'
  return null
}

/**
 * The language to use: the override (data-lang) if supported, else the first supported browser language,
 * else `fallback`. `allowed` narrows the choice (the workspace's enabled languages).
 */
export function pickLang(
  override: string | null | undefined,
  browser: readonly string[] | undefined,
  allowed: readonly Lang[] = LANGS,
  fallback: Lang = 'en',
): Lang {
  const ok = (l: Lang | null): l is Lang => !!l && allowed.includes(l)
  const o = matchLang(override)
  if (ok(o)) return o
  for (const b of browser ?? []) {
    const l = matchLang(b)
    if (ok(l)) return l
  }
  return allowed.includes(fallback) ? fallback : (allowed[0] ?? 'en')
}

export type Dict = Record<string, string>

/**
 * Returns a translate function: the key in `lang`, else in English, else the key itself.
 * `{name}` placeholders are replaced from `vars`.
 */
export function translator(dicts: Partial<Record<Lang, Dict>>, lang: Lang): (key: string, vars?: Record<string, string | number>) => string {
  const primary = dicts[lang] ?? {}
  const en = dicts.en ?? {}
  return (key, vars) => {
    let s = primary[key] ?? en[key] ?? key
    if (vars) s = s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m))
    return s
  }
}

export type Translate = ReturnType<typeof translator>
