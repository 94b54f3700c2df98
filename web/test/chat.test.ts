import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TypingSender } from '../src/shared/chat'

describe('TypingSender', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('sends typing at most every 3 s while input goes on, and stops 4 s after the last key', () => {
    const sent: boolean[] = []
    const t = new TypingSender((on) => sent.push(on))
    for (let i = 0; i < 10; i++) {
      t.input(true)
      vi.advanceTimersByTime(500)
    }
    expect(sent).toEqual([true, true])
    vi.advanceTimersByTime(4000)
    expect(sent).toEqual([true, true, false])
  })

  it('stops at once when the text is cleared or sent, and only if it had started', () => {
    const sent: boolean[] = []
    const t = new TypingSender((on) => sent.push(on))
    t.stop()
    expect(sent).toEqual([])
    t.input(true)
    t.input(false)
    expect(sent).toEqual([true, false])
    vi.advanceTimersByTime(10_000)
    expect(sent).toEqual([true, false])
  })
})
