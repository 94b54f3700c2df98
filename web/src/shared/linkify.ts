// Turns message text into text and link segments. User text is never parsed as HTML: the DOM helper below
// builds text nodes and <a> elements, so markup in a message shows as the characters the sender typed.

export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string }

// http(s) URLs, www. hosts and e-mail addresses. Trailing punctuation is trimmed afterwards.
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+|\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/gi
const TRAILING = /[.,;:!?'"\u3002\uff0c\uff1b\uff1a\uff01\uff1f\u3001]+$/

function trimUrl(raw: string): string {
  let url = raw.replace(TRAILING, '')
  // Drop unbalanced closing brackets: "(see https://x.y/a)" keeps "https://x.y/a".
  for (const [open, close] of [['(', ')'], ['[', ']'], ['{', '}'], ['\uff08', '\uff09']]) {
    while (url.endsWith(close) && count(url, close) > count(url, open)) url = url.slice(0, -1).replace(TRAILING, '')
  }
  return url
}

function count(s: string, ch: string): number {
  let n = 0
  for (const c of s) if (c === ch) n++
  return n
}

/** Only these schemes ever become an href; everything else stays text. */
export function safeHref(candidate: string): string | null {
  let href = candidate
  if (/^www\./i.test(href)) href = 'https://' + href
  else if (!/^https?:\/\//i.test(href)) {
    if (/^[^\s@/:]+@[^\s@/:]+\.[a-z]{2,}$/i.test(href)) return 'mailto:' + href
    return null
  }
  try {
    const u = new URL(href)
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null
    return u.href
  } catch {
    return null
  }
}

export function linkify(text: string): Segment[] {
  const out: Segment[] = []
  let last = 0
  const push = (t: string) => {
    if (!t) return
    const prev = out[out.length - 1]
    if (prev && prev.kind === 'text') prev.text += t
    else out.push({ kind: 'text', text: t })
  }
  LINK.lastIndex = 0
  for (let m = LINK.exec(text); m; m = LINK.exec(text)) {
    const raw = m[0]
    const url = raw.includes('@') && !/^(https?:\/\/|www\.)/i.test(raw) ? raw : trimUrl(raw)
    const href = url ? safeHref(url) : null
    push(text.slice(last, m.index))
    if (href) {
      out.push({ kind: 'link', text: url, href })
      push(raw.slice(url.length))
    } else push(raw)
    last = m.index + raw.length
  }
  push(text.slice(last))
  return out
}

/** Escapes text for the rare place that needs an HTML string (e.g. a Notification body is plain text, not this). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

/** Appends `text` to `parent` as text nodes and safe links (new tab, no opener, no referrer). */
export function renderText(parent: Node, text: string, doc: Document = document): void {
  for (const seg of linkify(text)) {
    if (seg.kind === 'text') parent.appendChild(doc.createTextNode(seg.text))
    else {
      const a = doc.createElement('a')
      a.href = seg.href
      a.textContent = seg.text
      a.target = '_blank'
      a.rel = 'noopener noreferrer nofollow'
      parent.appendChild(a)
    }
  }
}
