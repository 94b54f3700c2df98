// Turns a search snippet and its highlight ranges into pieces the template renders as text nodes (the
// highlighted ones inside <mark>), so no server text is ever parsed as HTML.

export interface Segment {
  text: string
  mark: boolean
}

/**
 * Splits `text` at `ranges` — `[start, end)` pairs of UTF-16 offsets, as the server sends them. Ranges out of
 * bounds are clipped, empty or malformed ones dropped, unsorted or overlapping ones merged, and a range never
 * cuts a surrogate pair in two. The pieces, joined, are exactly `text`.
 */
export function segments(text: string, ranges: ReadonlyArray<ReadonlyArray<number>> | null | undefined): Segment[] {
  const n = text.length
  const clean: [number, number][] = []
  for (const r of ranges ?? []) {
    if (!Array.isArray(r) || r.length < 2 || !Number.isFinite(r[0]) || !Number.isFinite(r[1])) continue
    let s = Math.max(0, Math.min(n, Math.floor(r[0])))
    let e = Math.max(0, Math.min(n, Math.floor(r[1])))
    if (s > 0 && s < n && isLow(text.charCodeAt(s)) && isHigh(text.charCodeAt(s - 1))) s--
    if (e > 0 && e < n && isLow(text.charCodeAt(e)) && isHigh(text.charCodeAt(e - 1))) e++
    if (e > s) clean.push([s, e])
  }
  clean.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const merged: [number, number][] = []
  for (const r of clean) {
    const last = merged[merged.length - 1]
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1])
    else merged.push([r[0], r[1]])
  }
  const out: Segment[] = []
  let at = 0
  for (const [s, e] of merged) {
    if (s > at) out.push({ text: text.slice(at, s), mark: false })
    out.push({ text: text.slice(s, e), mark: true })
    at = e
  }
  if (at < n || out.length === 0) out.push({ text: text.slice(at), mark: false })
  return out
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff
