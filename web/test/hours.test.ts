import { describe, expect, it } from 'vitest'
import { copyDay, fromApi, parseTime, problems, toApi } from '../src/admin/hours'

describe('the business-hours week editor', () => {
  it('reads times as people type them', () => {
    expect(parseTime('09:00')).toBe(540)
    expect(parseTime('9')).toBe(540)
    expect(parseTime(' 9:30 ')).toBe(570)
    expect(parseTime('930')).toBe(570)
    expect(parseTime('1830')).toBe(1110)
    expect(parseTime('18.30')).toBe(1110)
    expect(parseTime('24:00')).toBe(1440)
    expect(parseTime('24:30')).toBeNull()
    expect(parseTime('9:60')).toBeNull()
    expect(parseTime('25')).toBeNull()
    expect(parseTime('')).toBeNull()
    expect(parseTime('noon')).toBeNull()
  })

  it('turns the server week into seven days and back, closed days left out', () => {
    const d = fromApi({ enabled: true, week: { mon: [['09:00', '12:00'], ['13:00', '18:00']], sat: [['10:00', '16:00']] } })
    expect(d.enabled).toBe(true)
    expect(d.days.mon).toEqual([{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }])
    expect(d.days.sun).toEqual([])
    expect(toApi(d)).toEqual({ enabled: true, week: { mon: [['09:00', '12:00'], ['13:00', '18:00']], sat: [['10:00', '16:00']] } })
    expect(fromApi(null)).toMatchObject({ enabled: false })
  })

  it('normalises times and orders ranges when saving', () => {
    const d = fromApi({ enabled: true, week: {} })
    d.days.tue = [{ start: '14', end: '2400' }, { start: '9', end: '1230' }]
    expect(toApi(d).week).toEqual({ tue: [['09:00', '12:30'], ['14:00', '24:00']] })
  })

  it('finds bad times, backwards ranges and overlaps', () => {
    const d = fromApi({ enabled: true, week: {} })
    d.days.mon = [{ start: '9', end: '17' }, { start: '16', end: '20' }]
    d.days.wed = [{ start: '18:00', end: '09:00' }]
    d.days.fri = [{ start: 'soon', end: '12' }]
    d.days.sun = [{ start: '24:00', end: '24:00' }]
    expect(problems(d)).toEqual([
      { day: 'mon', index: 1, key: 'hr.overlap' },
      { day: 'wed', index: 0, key: 'hr.endBeforeStart' },
      { day: 'fri', index: 0, key: 'hr.badTime' },
      { day: 'sun', index: 0, key: 'hr.badTime' },
    ])
    d.days.mon[1].start = '17:00'
    expect(problems(d).some((p) => p.day === 'mon')).toBe(false)
  })

  it('copies a day to others without sharing the ranges', () => {
    const d = fromApi({ enabled: true, week: { mon: [['09:00', '18:00']] } })
    copyDay(d, 'mon', ['mon', 'tue', 'wed'])
    expect(d.days.tue).toEqual([{ start: '09:00', end: '18:00' }])
    d.days.tue[0].end = '17:00'
    expect(d.days.mon[0].end).toBe('18:00')
  })
})
