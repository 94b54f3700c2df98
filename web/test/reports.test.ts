import { describe, expect, it } from 'vitest'
import { bars, dayIn, daysBetween, fileNameFrom, formatMs, formatSeconds, histogramBars, lastDays, pct, reasonBars } from '../src/admin/reports'
import { translator } from '../src/shared/i18n'
import { UI_STRINGS } from '../src/ui/strings'

const en = translator(UI_STRINGS, 'en')
const zh = translator(UI_STRINGS, 'zh-CN')

describe('report formatting', () => {
  it('shows rates as percentages', () => {
    expect(pct(0.42)).toBe('42%')
    expect(pct(1)).toBe('100%')
    expect(pct(0)).toBe('0%')
    expect(pct(0.004)).toBe('0.4%')
    expect(pct(Number.NaN)).toBe('—')
    expect(pct(null)).toBe('—')
  })

  it('shows milliseconds and mean times readably', () => {
    expect(formatMs(100)).toBe('100 ms')
    expect(formatMs(1500)).toBe('1.5 s')
    expect(formatMs(2000)).toBe('2 s')
    expect(formatMs(12_000)).toBe('12 s')
    expect(formatSeconds(null, en)).toBe('—')
    expect(formatSeconds(42.4, en)).toBe('42 s')
    expect(formatSeconds(200, en)).toBe('3 min 20 s')
    expect(formatSeconds(1500, en)).toBe('25 min')
    expect(formatSeconds(7500, en)).toBe('2 h 5 min')
    expect(formatSeconds(3600, zh)).toBe('1 小时')
  })

  it('scales bars to the largest value', () => {
    const b = bars([{ label: 'a', value: 5 }, { label: 'b', value: 10 }, { label: 'c', value: null }])
    expect(b.map((x) => [x.share, x.text])).toEqual([[0.5, '5'], [1, '10'], [0, '—']])
    expect(bars([{ label: 'a', value: 0 }])[0].share).toBe(0)
  })

  it('labels the first-token histogram buckets, the last one open', () => {
    const h = histogramBars([
      { upToMillis: 100, count: 2 },
      { upToMillis: 1000, count: 8 },
      { upToMillis: 5000, count: 4 },
      { upToMillis: null, count: 1 },
    ])
    expect(h.map((x) => x.label)).toEqual(['≤ 100 ms', '≤ 1 s', '≤ 5 s', '> 5 s'])
    expect(h.map((x) => x.share)).toEqual([0.25, 1, 0.5, 0.125])
  })

  it('orders hand-off reasons by count', () => {
    const r = reasonBars({ timeout: 1, keyword: 3, error: 0, low_confidence: 3 }, (x) => x.toUpperCase())
    expect(r.map((x) => x.label)).toEqual(['KEYWORD', 'LOW_CONFIDENCE', 'TIMEOUT'])
  })
})

describe('report date ranges', () => {
  it('counts the last 7 days up to today in the workspace time zone', () => {
    // 2026-03-01 20:00 UTC is already 2 March in Shanghai.
    const now = new Date(Date.UTC(2026, 2, 1, 20, 0))
    expect(lastDays(7, 'Asia/Shanghai', now)).toEqual({ from: '2026-02-24', to: '2026-03-02' })
    expect(lastDays(7, 'America/New_York', now)).toEqual({ from: '2026-02-23', to: '2026-03-01' })
    expect(dayIn(now, 'Not/AZone')).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })

  it('counts the days of a range, both ends included', () => {
    expect(daysBetween('2026-11-01', '2026-11-30')).toBe(30)
    expect(daysBetween('2026-11-02', '2026-11-01')).toBe(0)
    expect(daysBetween('', '2026-11-01')).toBe(0)
  })

  it('takes the download name from Content-Disposition', () => {
    expect(fileNameFrom('attachment; filename="kefu-report-day-2026-11-01-2026-11-07.csv"', 'x.csv')).toBe('kefu-report-day-2026-11-01-2026-11-07.csv')
    expect(fileNameFrom(null, 'x.csv')).toBe('x.csv')
  })
})
