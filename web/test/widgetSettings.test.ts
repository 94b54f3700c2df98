import { describe, expect, it } from 'vitest'
import { formatBytes, normalizeSettings, textOn } from '../src/shared/widgetSettings'

describe('widget settings', () => {
  it('falls back to defaults for missing or malformed fields', () => {
    const s = normalizeSettings({ color: 'red; background:url(x)', position: 'top' as never, languages: ['fr' as never], preChat: { enabled: true, name: 'bogus' as never, email: 'required' } })
    expect(s.color).toBe('#2563eb')
    expect(s.position).toBe('right')
    expect(s.languages).toEqual(['en', 'zh-CN'])
    expect(s.preChat).toEqual({ enabled: true, name: 'optional', email: 'required' })
    expect(normalizeSettings(null).online).toBeUndefined()
  })

  it('keeps only well-formed teams for the department choice', () => {
    expect(normalizeSettings(null).teams).toEqual([])
    const s = normalizeSettings({ teams: [{ id: 't1', name: 'Sales' }, { id: '', name: 'x' }, { name: 'no id' } as never, null as never, { id: 't2', name: 'Support', extra: 1 } as never] })
    expect(s.teams).toEqual([{ id: 't1', name: 'Sales' }, { id: 't2', name: 'Support' }])
  })

  it('picks readable text on the brand colour', () => {
    expect(textOn('#2563eb')).toBe('#ffffff')
    expect(textOn('#000')).toBe('#ffffff')
    expect(textOn('#facc15')).toBe('#111827')
    expect(textOn('#ffffff')).toBe('#111827')
  })

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(2048)).toBe('2 KB')
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB')
  })
})
