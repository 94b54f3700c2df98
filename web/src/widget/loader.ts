// widget.js: the embeddable loader. A site adds
//   <script async src="https://HOST/widget.js" data-workspace="WORKSPACE_ID" data-lang="en" data-color="#2563eb"></script>
// and optionally data-team="TEAM_ID" to send this site's chats to one team (the panel then asks for no department).
// and, for a signed-in customer, data-user-id, data-user-hash (hex HMAC-SHA256 of the id under the workspace's
// identity secret, computed on the site's server), data-user-name, data-user-email, data-user-phone and
// data-user-attributes (a JSON object). The panel hears of them, and of every page change, by postMessage.
// It draws a launcher bubble (in a shadow root, so the host's CSS cannot reach it) and opens the chat panel,
// https://HOST/widget/panel.html, in an iframe. The two talk with postMessage, each checking the other's origin.
// Budget: 5 KB gzipped; no framework.

import { beep, blinkTitle } from '../shared/notify'
import type { VisitorIdentity } from '../shared/protocol'
import { PANEL_MSG, type HostPage, type PanelToHost, type HostToPanel } from './messages'

declare global {
  interface Window {
    KefuWidget?: { open(): void; close(): void; toggle(): void }
  }
}

;(() => {
  if (window.KefuWidget) return
  const script = (document.currentScript ||
    document.querySelector('script[data-workspace][src*="widget.js"]')) as HTMLScriptElement | null
  const workspace = script?.dataset.workspace
  if (!script || !workspace) {
    console.warn('[kefu] widget.js needs data-workspace')
    return
  }
  const host = new URL(script.src, location.href).origin
  const lang = script.dataset.lang || ''
  const zh = /^zh/i.test(lang || navigator.language)
  const okColor = (c?: string | null) => (c && /^#[0-9a-f]{3,8}$/i.test(c) ? c : '')
  const key = 'kefu:' + workspace + ':'
  const store = {
    get(k: string): string | null {
      try {
        return localStorage.getItem(key + k)
      } catch {
        return null
      }
    },
    set(k: string, v: string | null): void {
      try {
        if (v === null) localStorage.removeItem(key + k)
        else localStorage.setItem(key + k, v)
      } catch {
        // storage blocked: fine
      }
    },
  }
  // Colour and side come from the workspace's widget settings: painted at once from the copy cached on an
  // earlier page, then refreshed from the server (below) and whenever the panel reports them. data-color wins.
  let ui: { color?: string; position?: string } = {}
  try {
    ui = JSON.parse(store.get('ui') || '{}')
  } catch {
    // ignore
  }

  const root = document.createElement('div')
  root.id = 'kefu-widget'
  const shadow = root.attachShadow({ mode: 'open' })
  const css =
    ':host{all:initial}' +
    '*{box-sizing:border-box}' +
    '.l{position:fixed;bottom:20px;right:20px;width:56px;height:56px;border-radius:50%;border:0;padding:0;margin:0;cursor:pointer;' +
    'background:var(--c,#2563eb);color:#fff;box-shadow:0 4px 14px rgba(0,0,0,.25);z-index:2147483646;display:flex;' +
    'align-items:center;justify-content:center;transition:transform .15s}' +
    '.l:hover{transform:scale(1.06)}' +
    '.l:focus-visible{outline:3px solid #111;outline-offset:3px}' +
    '.l svg{width:28px;height:28px;fill:currentColor}' +
    '.b{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:#d92d20;' +
    'color:#fff;font:700 12px/20px system-ui,sans-serif;text-align:center;box-shadow:0 0 0 2px #fff}' +
    '.b[hidden]{display:none}' +
    '.f{position:fixed;bottom:88px;right:20px;width:380px;height:min(640px,calc(100% - 108px));border:0;border-radius:14px;' +
    'overflow:hidden;box-shadow:0 12px 40px rgba(0,0,0,.22);z-index:2147483647;background:#fff;display:none}' +
    '.o .f{display:block}' +
    '.left .l,.left .f{right:auto;left:20px}' +
    '@media (max-width:480px){.f{inset:0;width:100%;height:100%;border-radius:0}.o .l{display:none}}' +
    '.m .f{inset:0;width:100%;height:100%;border-radius:0}.m.o .l{display:none}'
  // A constructed stylesheet is not an inline <style>, so host pages with a strict style-src CSP still work.
  try {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(css)
    shadow.adoptedStyleSheets = [sheet]
  } catch {
    const style = document.createElement('style')
    style.textContent = css
    shadow.appendChild(style)
  }
  const wrap = document.createElement('div')
  wrap.className = 'w'
  wrap.innerHTML = '<button class="l" type="button" data-testid="kefu-launcher" aria-expanded="false"></button>'
  shadow.appendChild(wrap)
  const launcher = shadow.querySelector('.l') as HTMLButtonElement
  const badge = document.createElement('span')
  badge.className = 'b'
  badge.hidden = true
  badge.setAttribute('data-testid', 'kefu-unread')
  const ICON_CHAT =
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 3C6.5 3 2 6.8 2 11.5c0 2.4 1.2 4.6 3.1 6.1L4 21.5l4.6-2.2c1.1.3 2.2.5 3.4.5 5.5 0 10-3.8 10-8.5S17.5 3 12 3z"/></svg>'
  const ICON_CLOSE =
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M18.3 5.7a1 1 0 0 0-1.4 0L12 10.6 7.1 5.7a1 1 0 0 0-1.4 1.4l4.9 4.9-4.9 4.9a1 1 0 1 0 1.4 1.4l4.9-4.9 4.9 4.9a1 1 0 0 0 1.4-1.4L13.4 12l4.9-4.9a1 1 0 0 0 0-1.4z"/></svg>'

  // Who the host page says the visitor is. Attributes only count with a signed user id.
  function identity(): VisitorIdentity | null {
    const d = script!.dataset
    const id: VisitorIdentity = {}
    if (d.userId) {
      id.userId = d.userId
      id.hash = d.userHash || ''
      try {
        const a = JSON.parse(d.userAttributes || 'null')
        if (a && typeof a === 'object' && !Array.isArray(a)) id.attributes = a
      } catch {
        console.warn('[kefu] data-user-attributes is not a JSON object')
      }
    }
    if (d.userName) id.name = d.userName
    if (d.userEmail) id.email = d.userEmail
    if (d.userPhone) id.phone = d.userPhone
    return Object.keys(id).length ? id : null
  }

  const here = (): HostPage => ({
    url: location.href.slice(0, 2048),
    title: document.title.slice(0, 512),
    referrer: document.referrer.slice(0, 2048),
  })
  // Single-page apps change the page without a load: watch the history API, popstate and hashchange. The title
  // usually follows the URL a moment later, so the page is read after a short pause.
  let lastUrl = location.href
  let pageTimer: ReturnType<typeof setTimeout> | undefined
  function navigated(): void {
    clearTimeout(pageTimer)
    pageTimer = setTimeout(() => {
      if (location.href === lastUrl) return
      lastUrl = location.href
      post({ type: 'page', page: here() })
    }, 300)
  }
  for (const m of ['pushState', 'replaceState'] as const) {
    const orig = history[m]
    history[m] = function (this: History, ...args: Parameters<History['pushState']>) {
      const r = orig.apply(this, args)
      navigated()
      return r
    }
  }
  window.addEventListener('popstate', navigated)
  window.addEventListener('hashchange', navigated)

  let open = false
  let unread = 0
  let frame: HTMLIFrameElement | null = null
  let ready = false

  function applyUi(): void {
    launcher.style.setProperty('--c', okColor(script!.dataset.color) || okColor(ui.color) || '#2563eb')
    wrap.classList.toggle('left', ui.position === 'left')
  }

  function setUi(color?: string, position?: string): void {
    ui = { color: okColor(color), position: position === 'left' ? 'left' : 'right' }
    store.set('ui', JSON.stringify(ui))
    applyUi()
  }

  function render(): void {
    // Phones get the panel full-screen, also on host pages without a viewport meta tag (980 px layout).
    wrap.classList.toggle('m', Math.min(screen.width, screen.height) <= 500 && matchMedia('(pointer:coarse)').matches)
    wrap.classList.toggle('o', open)
    launcher.innerHTML = open ? ICON_CLOSE : ICON_CHAT
    launcher.appendChild(badge)
    launcher.setAttribute('aria-expanded', String(open))
    const label = open ? (zh ? '关闭聊天' : 'Close chat') : zh ? '打开聊天' : 'Open chat'
    launcher.setAttribute('aria-label', unread && !open ? label + ' (' + unread + ')' : label)
    badge.textContent = unread > 99 ? '99+' : String(unread)
    badge.hidden = open || unread === 0
  }

  function post(msg: HostToPanel): void {
    if (frame?.contentWindow && ready) frame.contentWindow.postMessage({ [PANEL_MSG]: 1, ...msg }, host)
  }

  function ensureFrame(): void {
    if (frame) return
    const q = new URLSearchParams({ workspace: workspace!, origin: location.origin, page: location.href.slice(0, 1000) })
    if (lang) q.set('lang', lang)
    const team = script!.dataset.team
    if (team && /^[\w-]{1,100}$/.test(team)) q.set('team', team)
    const c = okColor(script!.dataset.color)
    if (c) q.set('color', c)
    if (document.referrer) q.set('ref', document.referrer.slice(0, 1000))
    if (document.title) q.set('title', document.title.slice(0, 200))
    frame = document.createElement('iframe')
    frame.className = 'f'
    frame.title = zh ? '在线客服' : 'Chat'
    frame.setAttribute('data-testid', 'kefu-frame')
    frame.src = host + '/widget/panel.html?' + q
    wrap.insertBefore(frame, launcher)
  }

  function setOpen(v: boolean): void {
    if (v) ensureFrame()
    if (open === v) return
    open = v
    render()
    post({ type: v ? 'open' : 'close' })
    if (v) frame?.focus()
    else launcher.focus()
  }

  window.addEventListener('message', (e) => {
    if (!frame || e.source !== frame.contentWindow || e.origin !== host) return
    const m = e.data as PanelToHost | null
    if (!m || typeof m !== 'object' || !(PANEL_MSG in m)) return
    switch (m.type) {
      case 'ready':
        ready = true
        lastUrl = location.href
        post({ type: 'context', identity: identity(), page: here() })
        post({ type: open ? 'open' : 'close' })
        break
      case 'unread':
        unread = Math.max(0, m.count | 0)
        render()
        break
      case 'notify':
        if (!open || document.hidden) beep()
        if (document.hidden) blinkTitle(zh ? '新消息' : 'New message')
        break
      case 'close':
        setOpen(false)
        break
      case 'active':
        store.set('active', m.active ? '1' : null)
        break
      case 'settings':
        setUi(m.color, m.position)
        break
    }
  })

  launcher.addEventListener('click', () => setOpen(!open))
  applyUi()
  render()
  ;(document.body || document.documentElement).appendChild(root)
  // Without this, a first-time visitor (nothing cached, panel not loaded until the first click) saw the default
  // colour on the default side, and the launcher jumped when the panel reported the real ones; a returning
  // visitor kept the cached look after the admin changed it. Fails quietly: the panel still reports them.
  fetch(host + '/api/v1/widget/settings?workspaceId=' + encodeURIComponent(workspace), { credentials: 'omit' })
    .then((r) => (r.ok ? r.json() : null))
    .then((s: { color?: string; position?: string } | null) => s && setUi(s.color, s.position))
    .catch(() => undefined)
  // A visitor with a conversation going gets the panel loaded (hidden) at once, so replies raise the badge.
  if (store.get('active')) ensureFrame()
  window.KefuWidget = { open: () => setOpen(true), close: () => setOpen(false), toggle: () => setOpen(!open) }
})()
