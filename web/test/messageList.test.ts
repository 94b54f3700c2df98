// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { translator } from '../src/shared/i18n'
import type { Message } from '../src/shared/protocol'
import { ConversationLog } from '../src/shared/store'
import { MessageList } from '../src/panel/messageList'
import { PANEL_STRINGS } from '../src/panel/strings'

const C = 'c1'
const msg = (seq: number, kind: Message['sender']['kind'], text: string, extra: Partial<Message> = {}): Message => ({
  id: 'm' + seq, conversationId: C, seq, sender: { kind }, text, createdAt: Date.now(), ...extra,
})

function setup() {
  const items = document.createElement('div')
  const scroller = document.createElement('div')
  scroller.append(items)
  const retry = vi.fn()
  const list = new MessageList(items, scroller, { t: () => translator(PANEL_STRINGS, 'en'), lang: () => 'en', retry, discard: vi.fn() })
  const log = new ConversationLog(C)
  log.onChange(() => list.render(log))
  const shown = () => [...items.querySelectorAll<HTMLElement>('[data-testid=message]')]
  return { items, log, shown, retry }
}

describe('panel message list', () => {
  it('shows messages in seq order with stable test ids, whatever order they arrive in', () => {
    const { log, shown } = setup()
    log.add(msg(2, 'agent', 'second'))
    log.add(msg(1, 'visitor', 'first'))
    log.add(msg(3, 'system', '', { event: { type: 'state', from: 'queued', to: 'open' } }))
    expect(shown().map((e) => [e.dataset.seq, e.dataset.sender])).toEqual([['1', 'visitor'], ['2', 'agent'], ['3', 'system']])
    expect(shown()[2].textContent).toBe('An agent joined the conversation')
  })

  it('tells the visitor about routing moves without names or notes', () => {
    const { log, shown } = setup()
    const ev = (seq: number, event: Message['event']) => log.add(msg(seq, 'system', 'server text', { event }))
    ev(1, { type: 'assign', to: 'a1', reason: 'least_busy' })
    ev(2, { type: 'requeue', from: 'a1', reason: 'agent_offline' })
    ev(3, { type: 'reassign', from: 'a1', to: 'a2', reason: 'no_answer' })
    ev(4, { type: 'takeover', from: 'a2', to: 'a3' })
    ev(5, { type: 'transfer', from: 'a3', to: 'a4', by: 'a3' })
    ev(6, { type: 'transfer', from: 'a4', toTeam: 't1', by: 'a4' })
    expect(shown().map((e) => e.textContent)).toEqual([
      'An agent joined the conversation',
      'Your agent had to leave — waiting for another agent…',
      'Another agent joined the conversation',
      'A supervisor joined the conversation',
      'You were transferred to another agent',
      'You were transferred — waiting for an agent…',
    ])
  })

  it('renders markup in a message as text', () => {
    const { log, items } = setup()
    log.add(msg(1, 'agent', '<img src=x onerror=alert(1)> see https://example.com'))
    expect(items.querySelector('img')).toBeNull()
    expect(items.querySelector('a')?.getAttribute('href')).toBe('https://example.com/')
    expect(items.textContent).toContain('<img src=x onerror=alert(1)>')
  })

  it('moves a visitor message through sending, sent, delivered and read, reusing its element', () => {
    const { log, shown } = setup()
    const tick = () => shown()[0].querySelector<HTMLElement>('[data-testid=message-tick]')!.dataset.tick
    log.addPending({ clientMsgId: 'c-1', conversationId: C, text: 'hi', createdAt: 1 })
    expect(shown()[0].dataset.seq).toBe('')
    expect(tick()).toBe('sending')
    log.ack({ type: 'ack', clientMsgId: 'c-1', conversationId: C, id: 'm1', seq: 1, createdAt: 2 }, { kind: 'visitor' })
    expect(shown()).toHaveLength(1)
    expect(shown()[0].dataset.seq).toBe('1')
    expect(tick()).toBe('sent')
    const el = shown()[0]
    log.add(msg(1, 'visitor', 'hi', { clientMsgId: 'c-1' }))
    expect(tick()).toBe('delivered')
    log.markReadByOther(1)
    expect(tick()).toBe('read')
    expect(shown()[0]).toBe(el)
  })

  it('offers retry on a refused message', () => {
    const { log, shown, retry } = setup()
    log.addPending({ clientMsgId: 'c-9', conversationId: C, text: 'x'.repeat(10), createdAt: 1 })
    log.markFailed('c-9', 'too long')
    expect(shown()[0].classList.contains('failed')).toBe(true)
    shown()[0].querySelector<HTMLButtonElement>('[data-testid=retry-button]')!.click()
    expect(retry).toHaveBeenCalledWith('c-9')
  })
})
