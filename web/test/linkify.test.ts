// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { escapeHtml, linkify, renderText, safeHref } from '../src/shared/linkify'

describe('linkify', () => {
  it('finds http, https and www links and keeps the text around them', () => {
    expect(linkify('see https://shop.example/cart?a=1&b=2 now')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://shop.example/cart?a=1&b=2', href: 'https://shop.example/cart?a=1&b=2' },
      { kind: 'text', text: ' now' },
    ])
    expect(linkify('www.example.com')).toEqual([{ kind: 'link', text: 'www.example.com', href: 'https://www.example.com/' }])
  })

  it('leaves trailing punctuation and unbalanced brackets out of the link', () => {
    const s = linkify('Go to https://a.example/x. (or https://b.example/y)! 请看 https://c.example/z。')
    const links = s.filter((x) => x.kind === 'link').map((x) => x.text)
    expect(links).toEqual(['https://a.example/x', 'https://b.example/y', 'https://c.example/z'])
    expect(s.map((x) => x.text).join('')).toBe('Go to https://a.example/x. (or https://b.example/y)! 请看 https://c.example/z。')
  })

  it('keeps balanced brackets inside a link', () => {
    expect(linkify('https://en.wikipedia.org/wiki/Foo_(bar)')[0]).toMatchObject({ kind: 'link', text: 'https://en.wikipedia.org/wiki/Foo_(bar)' })
  })

  it('turns e-mail addresses into mailto links', () => {
    expect(linkify('mail ada@example.com')).toEqual([
      { kind: 'text', text: 'mail ' },
      { kind: 'link', text: 'ada@example.com', href: 'mailto:ada@example.com' },
    ])
  })

  it('never links a dangerous scheme', () => {
    for (const t of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:msgbox(1)', 'file:///etc/passwd']) {
      expect(linkify(t).every((s) => s.kind === 'text')).toBe(true)
      expect(safeHref(t)).toBeNull()
    }
  })

  it('keeps markup as plain text segments', () => {
    const text = '<img src=x onerror=alert(1)> <script>alert(1)</script>'
    expect(linkify(text)).toEqual([{ kind: 'text', text }])
  })

  it('renders markup as text and links as safe anchors', () => {
    const div = document.createElement('div')
    renderText(div, '<b>bold</b> https://x.example/?q="><script>alert(1)</script>')
    expect(div.querySelector('b')).toBeNull()
    expect(div.querySelector('script')).toBeNull()
    expect(div.textContent).toBe('<b>bold</b> https://x.example/?q="><script>alert(1)</script>')
    const a = div.querySelector('a')!
    expect(a.getAttribute('href')).toBe('https://x.example/?q=')
    expect(a.target).toBe('_blank')
    expect(a.rel).toContain('noopener')
  })

  it('escapes HTML special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })
})
