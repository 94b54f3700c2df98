// Renders a ConversationLog into the panel: one element per message, kept by key and updated in place
// (ticks), so a new message does not rebuild the list. All user text goes in as text nodes or safe links.

import type { Translate } from '../shared/i18n'
import { formatTime } from '../shared/chat'
import { renderText } from '../shared/linkify'
import { emphasis } from '../shared/emphasis'
import type { Attachment, Message } from '../shared/protocol'
import type { ConversationLog, LogItem } from '../shared/store'
import { formatBytes } from '../shared/widgetSettings'
import { h, icon, ICONS } from './dom'


const TICK_TEXT: Record<string, string> = { sending: '…', failed: '!', sent: '✓', delivered: '✓✓', read: '✓✓' }

export interface MessageListHooks {
  t(): Translate
  lang(): string
  retry(clientMsgId: string): void
  discard(clientMsgId: string): void
  /** A "did you mean" suggestion of the bot was clicked: send its title as the visitor's message. */
  suggest?(text: string): void
}

export class MessageList {
  private readonly rendered = new Map<string, { el: HTMLElement; tick?: HTMLElement; state: string }>()

  constructor(
    private readonly items: HTMLElement,
    private readonly scroller: HTMLElement,
    private readonly hooks: MessageListHooks,
  ) {}

  clear(): void {
    this.items.replaceChildren()
    this.rendered.clear()
  }

  render(log: ConversationLog | null): void {
    if (!log) return this.clear()
    const t = this.hooks.t()
    const nearBottom = this.scroller.scrollHeight - this.scroller.scrollTop - this.scroller.clientHeight < 80
    const keep = new Set<string>()
    let prev: Element | null = null
    for (const item of log.items()) {
      keep.add(item.key)
      let r = this.rendered.get(item.key)
      if (!r) {
        r = { ...this.view(item), state: '' }
        this.rendered.set(item.key, r)
      }
      const state = r.tick ? log.tick(item) : ''
      if (r.tick && state !== r.state) {
        r.tick.textContent = TICK_TEXT[state]
        r.tick.dataset.tick = state
        r.tick.setAttribute('aria-label', t(state))
        r.tick.title = t(state)
        r.el.classList.toggle('failed', state === 'failed')
        r.el.classList.toggle('pending', state === 'sending')
      }
      r.state = state
      const want: Element | null = prev ? prev.nextElementSibling : this.items.firstElementChild
      if (want !== r.el) this.items.insertBefore(r.el, want)
      prev = r.el
    }
    for (const [k, r] of this.rendered) {
      if (!keep.has(k)) {
        r.el.remove()
        this.rendered.delete(k)
      }
    }
    if (nearBottom) this.scroller.scrollTop = this.scroller.scrollHeight
  }

  private view(item: LogItem): { el: HTMLElement; tick?: HTMLElement } {
    const t = this.hooks.t()
    const m = item.kind === 'message' ? item.message : null
    const p = item.kind === 'pending' ? item.pending : null
    const kind = m ? m.sender.kind : 'visitor'
    if (m && kind === 'system') {
      return { el: h('div', { class: 'sys', 'data-testid': 'message', 'data-seq': m.seq, 'data-sender': 'system', text: systemText(m, t) }) }
    }
    const mine = kind === 'visitor'
    const bubble = h('div', { class: 'bubble' })
    const offer = m && kind === 'bot' && m.event?.type === 'bot_offer'
    // The server writes the offer in English: say it in the visitor's language.
    const text = offer ? t('botOffer') : m ? m.text : p!.text
    if (text && kind === 'bot') {
      for (const part of emphasis(text)) {
        if (!part.strong) renderText(bubble, part.text)
        else {
          const b = h('strong')
          renderText(b, part.text)
          bubble.append(b)
        }
      }
    } else if (text) renderText(bubble, text)
    const atts = attachmentsView(m ? m.attachments : p!.attachments, t)
    if (atts) bubble.append(atts)
    const choices = offer ? suggestionButtons(m!, this.hooks.suggest) : null
    const meta = h('div', { class: 'meta' }, h('time', { text: formatTime(m ? m.createdAt : p!.createdAt, this.hooks.lang()) }))
    let tick: HTMLElement | undefined
    if (mine) {
      tick = h('span', { class: 'tick', 'data-testid': 'message-tick' })
      meta.append(tick)
    }
    const el = h(
      'div',
      {
        class: 'msg ' + (mine ? 'me' : 'them') + (kind === 'bot' ? ' bot' : ''),
        'data-testid': 'message',
        'data-seq': m ? m.seq : '',
        'data-client-msg-id': m?.clientMsgId ?? p?.clientMsgId ?? undefined,
        'data-sender': kind,
      },
      mine ? null : h('div', { class: 'who', text: kind === 'bot' ? t('assistant') : t('team') }),
      bubble,
      choices,
      meta,
    )
    if (p) {
      const id = p.clientMsgId
      el.append(
        h(
          'div',
          { class: 'failed-actions' },
          h('button', { type: 'button', class: 'link', text: t('retry'), 'data-testid': 'retry-button', onclick: () => this.hooks.retry(id) }),
          h('button', { type: 'button', class: 'link', text: t('discard'), onclick: () => this.hooks.discard(id) }),
        ),
      )
    }
    return { el, tick }
  }
}

/** The visitor's words for a timeline event: no agent names, and never a transfer note (the server drops it). */
export function systemText(m: Message, t: Translate): string {
  const ev = m.event
  switch (ev?.type) {
    case 'state':
      if (ev.to === 'open') return t(ev.from === 'resolved' ? 'stateReopened' : 'stateOpen')
      if (ev.to === 'resolved') return t('stateResolved')
      if (ev.to === 'queued') return t('stateQueued')
      break
    case 'assign':
      return t('stateOpen')
    case 'requeue':
      return t('sysRequeued')
    case 'reassign':
      return t('sysReassigned')
    case 'takeover':
      return t('sysTakeover')
    case 'transfer':
      return t(ev.toTeam ? 'sysTransferredTeam' : 'sysTransferred')
    case 'handoff':
      return t('sysHandoff')
    case 'auto_resolve':
      return t('sysAutoResolved')
    case 'rating':
      if (typeof ev.score === 'number' && ev.score >= 1 && ev.score <= 5) {
        const n = Math.round(ev.score)
        return t('sysRated', { stars: '★'.repeat(n) + '☆'.repeat(5 - n) })
      }
      break
  }
  return m.text || ''
}

/** The bot's "did you mean" articles as buttons that ask about them. */
function suggestionButtons(m: Message, suggest?: (text: string) => void): HTMLElement | null {
  const list = Array.isArray(m.event?.suggestions) ? (m.event!.suggestions as unknown[]) : []
  const titles = list.map((x) => (x && typeof (x as { title?: unknown }).title === 'string' ? (x as { title: string }).title : '')).filter(Boolean)
  if (!titles.length) return null
  return h(
    'div',
    { class: 'offer', 'data-testid': 'bot-suggestions' },
    ...titles.map((title) => h('button', { type: 'button', class: 'offer-btn', text: title, 'data-testid': 'bot-suggestion', onclick: () => suggest?.(title) })),
  )
}

function attachmentsView(list: Attachment[] | undefined, t: Translate): HTMLElement | null {
  if (!list?.length) return null
  return h(
    'div',
    { class: 'atts' },
    ...list.map((a) =>
      a.contentType.startsWith('image/')
        ? h('a', { href: a.url, target: '_blank', rel: 'noopener noreferrer', class: 'att-img' }, h('img', { src: a.url, alt: a.name || t('image'), loading: 'lazy' }))
        : h(
            'a',
            { href: a.url, target: '_blank', rel: 'noopener noreferrer', class: 'att-file', download: a.name },
            icon(ICONS.file, 18),
            h('span', { class: 'att-name', text: a.name || t('file') }),
            h('span', { class: 'att-size', text: formatBytes(a.size) }),
          ),
    ),
  )
}
