// The business-hours week editor's model (docs/api.md, "Business hours"): every day with its open ranges as the
// admin types them ("9", "9:30", "0930", "24:00" all work), checked and turned into the API's
// {"enabled","week":{"mon":[["09:00","12:00"]]}} and back.

import { WEEKDAYS, type BusinessHours, type Weekday } from '../shared/protocol'

export interface RangeDraft {
  start: string
  end: string
}

export interface HoursDraft {
  enabled: boolean
  days: Record<Weekday, RangeDraft[]>
}

/** Minutes since midnight for "HH:MM" and the shorthands ("9", "930", "9.30", "24"), or null. 24:00 ends a day. */
export function parseTime(s: string): number | null {
  const v = s.trim()
  let m = /^(\d{1,2})(?:[:.：](\d{2}))?$/.exec(v)
  if (!m) {
    const n = /^(\d{1,2})(\d{2})$/.exec(v)
    if (!n) return null
    m = n
  }
  const h = Number(m[1])
  const min = m[2] === undefined ? 0 : Number(m[2])
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null
  return h * 60 + min
}

export function formatTime(minutes: number): string {
  return String(Math.floor(minutes / 60)).padStart(2, '0') + ':' + String(minutes % 60).padStart(2, '0')
}

/** The editor's model of what the server holds: all seven days, closed ones with no ranges. */
export function fromApi(h: Partial<BusinessHours> | null | undefined): HoursDraft {
  const days = Object.fromEntries(WEEKDAYS.map((d) => [d, [] as RangeDraft[]])) as Record<Weekday, RangeDraft[]>
  for (const d of WEEKDAYS) {
    const ranges = h?.week?.[d]
    if (Array.isArray(ranges)) days[d] = ranges.filter((r) => Array.isArray(r) && r.length === 2).map(([start, end]) => ({ start, end }))
  }
  return { enabled: !!h?.enabled, days }
}

export interface HoursProblem {
  day: Weekday
  /** Index of the range, or -1 for the day as a whole. */
  index: number
  /** A string key: hr.badTime, hr.endBeforeStart, hr.overlap */
  key: string
}

/** What is wrong with the draft, day by day (empty: it can be saved). */
export function problems(d: HoursDraft): HoursProblem[] {
  const out: HoursProblem[] = []
  for (const day of WEEKDAYS) {
    const parsed: { s: number; e: number; i: number }[] = []
    d.days[day].forEach((r, i) => {
      const s = parseTime(r.start)
      const e = parseTime(r.end)
      if (s === null || e === null || s === 24 * 60) out.push({ day, index: i, key: 'hr.badTime' })
      else if (e <= s) out.push({ day, index: i, key: 'hr.endBeforeStart' })
      else parsed.push({ s, e, i })
    })
    parsed.sort((a, b) => a.s - b.s)
    for (let k = 1; k < parsed.length; k++) {
      if (parsed[k].s < parsed[k - 1].e) out.push({ day, index: parsed[k].i, key: 'hr.overlap' })
    }
  }
  return out
}

/** The body of PUT /api/v1/workspace/hours: normalised times, ranges in order, closed days left out. */
export function toApi(d: HoursDraft): BusinessHours {
  const week: BusinessHours['week'] = {}
  for (const day of WEEKDAYS) {
    const ranges = d.days[day]
      .map((r) => [parseTime(r.start), parseTime(r.end)] as const)
      .filter((r): r is readonly [number, number] => r[0] !== null && r[1] !== null && r[1] > r[0])
      .sort((a, b) => a[0] - b[0])
      .map(([s, e]) => [formatTime(s), formatTime(e)] as [string, string])
    if (ranges.length) week[day] = ranges
  }
  return { enabled: d.enabled, week }
}

/** Copies one day's ranges to other days (e.g. Monday to every weekday). */
export function copyDay(d: HoursDraft, from: Weekday, to: readonly Weekday[]): void {
  for (const day of to) if (day !== from) d.days[day] = d.days[from].map((r) => ({ ...r }))
}
