import { describe, expect, it } from 'vitest'
import { matchLang, pickLang, translator } from '../src/shared/i18n'
import { PANEL_STRINGS } from '../src/panel/strings'

describe('i18n', () => {
  it('maps any Chinese or English tag to a supported language', () => {
    expect(matchLang('zh')).toBe('zh-CN')
    expect(matchLang('zh-TW')).toBe('zh-CN')
    expect(matchLang('ZH_cn')).toBe('zh-CN')
    expect(matchLang('en-GB')).toBe('en')
    expect(matchLang('fr-FR')).toBeNull()
    expect(matchLang('')).toBeNull()
  })

  it('prefers the data-lang override, then the browser languages, then English', () => {
    expect(pickLang('zh-CN', ['en-US'])).toBe('zh-CN')
    expect(pickLang(null, ['fr-FR', 'zh-CN', 'en'])).toBe('zh-CN')
    expect(pickLang('de', ['fr', 'es'])).toBe('en')
    expect(pickLang(undefined, undefined)).toBe('en')
  })

  it('keeps to the languages the workspace enabled', () => {
    expect(pickLang('en', ['en'], ['zh-CN'], 'zh-CN')).toBe('zh-CN')
    expect(pickLang(null, ['en-US'], ['zh-CN'], 'en')).toBe('zh-CN')
  })

  it('falls back to English, then to the key, and fills placeholders', () => {
    const t = translator({ en: { hi: 'Hi {name}', only: 'English only' }, 'zh-CN': { hi: '你好 {name}' } }, 'zh-CN')
    expect(t('hi', { name: 'Ada' })).toBe('你好 Ada')
    expect(t('only')).toBe('English only')
    expect(t('missing.key')).toBe('missing.key')
    expect(t('hi')).toBe('你好 {name}')
  })

  it('has every panel string in both languages', () => {
    const en = Object.keys(PANEL_STRINGS.en!).sort()
    expect(Object.keys(PANEL_STRINGS['zh-CN']!).sort()).toEqual(en)
  })
})
