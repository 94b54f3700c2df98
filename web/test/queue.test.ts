import { describe, expect, it } from 'vitest'
import { translator } from '../src/shared/i18n'
import { clock, queuePlaceText, waitMinutes } from '../src/shared/queue'
import { PANEL_STRINGS } from '../src/panel/strings'

const en = translator(PANEL_STRINGS, 'en')
const zh = translator(PANEL_STRINGS, 'zh-CN')

describe('queue place for the visitor', () => {
  it('says the place and the wait in English', () => {
    expect(queuePlaceText(en, { position: 1, expectedWaitSeconds: 180 })).toBe('You are number 1 in line · about 3 min')
    expect(queuePlaceText(en, { position: 4, expectedWaitSeconds: 600 })).toBe('You are number 4 in line · about 10 min')
  })

  it('says how many are ahead in Chinese, and "next" for the first', () => {
    expect(queuePlaceText(zh, { position: 3, expectedWaitSeconds: 240 })).toBe('您前面还有 2 位 · 预计等待约 4 分钟')
    expect(queuePlaceText(zh, { position: 1, expectedWaitSeconds: 60 })).toBe('下一位就是您 · 预计等待约 1 分钟')
  })

  it('has no number when nobody online could take it, and "in a moment" for a free slot', () => {
    expect(queuePlaceText(en, { position: 2, expectedWaitSeconds: null })).toBe('You are number 2 in line · waiting for an agent')
    expect(queuePlaceText(zh, { position: 2, expectedWaitSeconds: null })).toBe('您前面还有 1 位 · 正在等待客服上线')
    expect(queuePlaceText(en, { position: 1, expectedWaitSeconds: 0 })).toBe('You are number 1 in line · an agent will be with you in a moment')
  })

  it('rounds a real wait to whole minutes, never down to nothing', () => {
    expect(waitMinutes(null)).toBeNull()
    expect(waitMinutes(undefined)).toBeNull()
    expect(waitMinutes(0)).toBe(0)
    expect(waitMinutes(5)).toBe(1)
    expect(waitMinutes(89)).toBe(1)
    expect(waitMinutes(91)).toBe(2)
    expect(waitMinutes(3600)).toBe(60)
  })

  it('guards against a nonsense position', () => {
    expect(queuePlaceText(en, { position: 0, expectedWaitSeconds: 60 })).toBe('You are number 1 in line · about 1 min')
  })
})

describe('waited clock', () => {
  it('ticks in minutes and seconds, with hours when needed', () => {
    expect(clock(0)).toBe('0:00')
    expect(clock(7_400)).toBe('0:07')
    expect(clock(187_000)).toBe('3:07')
    expect(clock(3_787_000)).toBe('1:03:07')
    expect(clock(-5_000)).toBe('0:00')
  })
})
