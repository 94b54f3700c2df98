// Words and clocks for the queue: a visitor's place ("You are number 2 in line · about 4 min"), the minutes of
// an expected wait, and the live "waited 3:07" of the workbench. Framework-free: the panel uses it too.

import type { Translate } from './i18n'
import type { QueuePlace } from './protocol'

/** Whole minutes of an expected wait, never 0 for a real wait; null stays null (nobody online to take it). */
export function waitMinutes(seconds: number | null | undefined): number | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return null
  if (seconds <= 0) return 0
  return Math.max(1, Math.round(seconds / 60))
}

/** A duration as a clock: 0:07, 3:07, 1:03:07. Negative (clock skew) counts as 0. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const two = (n: number) => (n < 10 ? '0' : '') + n
  return h ? h + ':' + two(m) + ':' + two(s) : m + ':' + two(s)
}

/**
 * The visitor's line while waiting, with the panel's strings: `queuePos` / `queueFirst` for the place,
 * `queueWait` / `queueSoon` / `queueNoAgent` for the wait, joined by `queueJoin`.
 */
export function queuePlaceText(t: Translate, place: QueuePlace): string {
  const n = Math.max(1, Math.floor(place.position))
  const where = n === 1 ? t('queueFirst') : t('queuePos', { n, ahead: n - 1 })
  const m = waitMinutes(place.expectedWaitSeconds)
  const wait = m === null ? t('queueNoAgent') : m === 0 ? t('queueSoon') : t('queueWait', { m })
  return t('queueJoin', { where, wait })
}
