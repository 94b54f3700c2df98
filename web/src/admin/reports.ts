// Formatting for the Reports and Bot pages: rates, durations, date ranges in the workspace's time zone, and the
// bars of the simple CSS charts (no chart library: a bar is a div whose width is its share of the largest value).

type T = (key: string, vars?: Record<string, string | number>) => string

/** "42%" for 0.42; "—" when there is nothing to divide (null, NaN). */
export function pct(rate: number | null | undefined): string {
  if (typeof rate !== 'number' || !Number.isFinite(rate)) return '—'
  const p = rate * 100
  return (p > 0 && p < 1 ? p.toFixed(1) : String(Math.round(p))) + '%'
}

/** "800 ms", "1.5 s", "12 s". */
export function formatMs(ms: number): string {
  if (ms < 1000) return Math.round(ms) + ' ms'
  const s = ms / 1000
  return (s < 10 && !Number.isInteger(s) ? s.toFixed(1) : String(Math.round(s))) + ' s'
}

/** A report's mean time: "45 s", "3 min 20 s", "2 h 5 min", "—" for none. */
export function formatSeconds(seconds: number | null | undefined, t: T): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return '—'
  const s = Math.round(seconds)
  if (s < 60) return t('dur.s', { n: s })
  if (s < 3600) {
    const m = Math.floor(s / 60)
    return s % 60 && m < 10 ? t('dur.minS', { m, s: s % 60 }) : t('dur.min', { n: Math.round(s / 60) })
  }
  const h = Math.floor(s / 3600)
  const m = Math.round((s % 3600) / 60)
  return m ? t('dur.hMin', { h, m }) : t('dur.h', { n: h })
}

export interface Bar {
  label: string
  value: number
  /** 0–1: the value over the largest one (0 when all are 0). */
  share: number
  /** The value as shown next to the bar. */
  text: string
}

/** Bars for a chart; null values become empty bars showing "—". */
export function bars(items: { label: string; value: number | null | undefined }[], format: (v: number) => string = String): Bar[] {
  const max = Math.max(0, ...items.map((i) => (typeof i.value === 'number' && Number.isFinite(i.value) ? i.value : 0)))
  return items.map((i) => {
    const v = typeof i.value === 'number' && Number.isFinite(i.value) ? i.value : null
    return { label: i.label, value: v ?? 0, share: v !== null && max > 0 ? v / max : 0, text: v === null ? '—' : format(v) }
  })
}

/** The first-token histogram as bars: "≤ 100 ms", …, "> 5 s" for the last, open bucket. */
export function histogramBars(buckets: { upToMillis: number | null; count: number }[]): Bar[] {
  const bounded = buckets.filter((b) => b.upToMillis !== null)
  const last = bounded.length ? bounded[bounded.length - 1].upToMillis! : 0
  return bars(
    buckets.map((b) => ({ label: b.upToMillis === null ? '> ' + formatMs(last) : '≤ ' + formatMs(b.upToMillis), value: b.count })),
  )
}

/** Hand-off reasons, most frequent first, as bars. */
export function reasonBars(reasons: Record<string, number> | null | undefined, name: (reason: string) => string): Bar[] {
  const list = Object.entries(reasons ?? {}).filter(([, n]) => typeof n === 'number' && n > 0)
  list.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  return bars(list.map(([r, n]) => ({ label: name(r), value: n })))
}

/** The calendar day (YYYY-MM-DD) of `at` in the time zone `tz` (the browser's when it is unknown or invalid). */
export function dayIn(at: Date, tz?: string | null): string {
  const fmt = (zone?: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
  try {
    return fmt(tz || undefined)
  } catch {
    return fmt()
  }
}

/** The last `days` days up to today in the workspace's time zone, both included: the reports' default range. */
export function lastDays(days: number, tz?: string | null, now = new Date()): { from: string; to: string } {
  const to = dayIn(now, tz)
  const d = new Date(to + 'T12:00:00Z')
  d.setUTCDate(d.getUTCDate() - (days - 1))
  return { from: d.toISOString().slice(0, 10), to }
}

/** Whole days from `from` to `to`, both included (0 when the range is backwards or malformed). */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(from + 'T00:00:00Z')
  const b = Date.parse(to + 'T00:00:00Z')
  if (!Number.isFinite(a) || !Number.isFinite(b) || b < a) return 0
  return Math.round((b - a) / 86_400_000) + 1
}

/** A report row's day key ("2026-11-27") as a short label in the UI's language ("Fri 27 Nov"). */
export function dayLabel(key: string, locale: string): string {
  const ms = Date.parse(key + 'T12:00:00Z')
  if (!Number.isFinite(ms)) return key
  return new Date(ms).toLocaleDateString(locale, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' })
}

/** The file name a download gets: from Content-Disposition, else the fallback. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  const m = /filename="?([^";]+)"?/i.exec(disposition ?? '')
  return m ? m[1] : fallback
}
