// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { translator } from '../src/shared/i18n'
import type { Message } from '../src/shared/protocol'
import { ConversationLog } from '../src/shared/store'
import { BotStreams } from '../src/shared/botStream'
import { MessageList } from '../src/panel/messageList'
import { BotBar, StreamView } from '../src/panel/bot'
import { Survey } from '../src/panel/survey'
import { PANEL_STRINGS } from '../src/panel/strings'

const C = 'c1'
const en = translator(PANEL_STRINGS, 'en')
const zh = translator(PANEL_STRINGS, 'zh-CN')
const msg = (seq: number, kind: Message['sender']['kind'], text: string, extra: Partial<Message> = {}): Message => ({
  id: 'm' + seq, conversationId: C, seq, sender: { kind }, text, createdAt: Date.now(), ...extra,
})

function list(t = en) {
  const items = document.createElement('div')
  const scroller = document.createElement('div')
  scroller.append(items)
  const suggest = vi.fn()
  const view = new MessageList(items, scroller, { t: () => t, lang: () => 'en', retry: vi.fn(), discard: vi.fn(), suggest })
  const log = new ConversationLog(C)
  log.onChange(() => view.render(log))
  return { items, log, suggest }
}

describe('the bot in the visitor panel', () => {
  it('styles bot messages as the assistant', () => {
    const { items, log } = list()
    log.add(msg(1, 'bot', 'Orders ship within 2 days.', { event: { type: 'bot_answer', source: 'kb' } }))
    const el = items.querySelector<HTMLElement>('[data-testid=message]')!
    expect(el.classList.contains('bot')).toBe(true)
    expect(el.querySelector('.who')!.textContent).toBe('Assistant')
  })

  it('offers "did you mean" articles as buttons that send their title, in the visitor\'s language', () => {
    const { items, log, suggest } = list(zh)
    log.add(msg(1, 'bot', "I'm not sure I understood.", { event: { type: 'bot_offer', suggestions: [{ articleId: 'a', title: 'Returns / 退货' }, { articleId: 'b', title: '<b>Delivery</b>' }] } }))
    const buttons = [...items.querySelectorAll<HTMLButtonElement>('[data-testid=bot-suggestion]')]
    expect(buttons.map((b) => b.textContent)).toEqual(['Returns / 退货', '<b>Delivery</b>'])
    expect(items.querySelector('b')).toBeNull()
    expect(items.querySelector('.bubble')!.textContent).toContain('您是想问')
    buttons[0].click()
    expect(suggest).toHaveBeenCalledWith('Returns / 退货')
  })

  it('tells the visitor about hand-offs, idle closes and their rating', () => {
    const { items, log } = list()
    log.add(msg(1, 'system', 'A human agent will be with you shortly', { event: { type: 'handoff', reason: 'visitor_request' } }))
    log.add(msg(2, 'system', 'x', { event: { type: 'auto_resolve', idleSeconds: 600 } }))
    log.add(msg(3, 'system', 'x', { event: { type: 'rating', score: 4, comment: 'ok' } }))
    expect([...items.querySelectorAll('[data-testid=message]')].map((e) => e.textContent)).toEqual([
      'Connecting you with a person…',
      'This conversation was closed after a while without messages',
      'You rated this conversation ★★★★☆',
    ])
  })

  it('streams an answer into a growing bubble that goes when the stored message comes', () => {
    const streams = new BotStreams()
    const view = new StreamView(() => en)
    streams.onChange(() => view.render(streams.of(C)))
    streams.delta({ type: 'bot.delta', conversationId: C, streamId: 'bot-1', text: 'Orders ' })
    streams.delta({ type: 'bot.delta', conversationId: C, streamId: 'bot-1', text: '<i>ship</i>' })
    const bubble = () => view.el.querySelector('[data-testid=bot-stream] .bubble')
    expect(bubble()!.textContent).toBe('Orders <i>ship</i>')
    expect(view.el.querySelector('i')).toBeNull()
    streams.settle({ sender: { kind: 'bot' }, clientMsgId: 'bot-1' })
    expect(bubble()).toBeNull()
  })

  it('shows "Talk to a human" while the bot has the conversation', async () => {
    const handoff = vi.fn().mockResolvedValue(undefined)
    const bar = new BotBar(() => en, handoff)
    expect(bar.el.hidden).toBe(true)
    bar.show(true)
    const button = bar.el.querySelector<HTMLButtonElement>('[data-testid=handoff-button]')!
    expect(button.textContent).toBe('Talk to a human')
    button.click()
    expect(handoff).toHaveBeenCalledOnce()
  })
})

describe('the satisfaction survey', () => {
  const flush = () => new Promise((r) => setTimeout(r, 0))

  it('asks for 1 to 5 stars, sends them with the comment, thanks, and lets the visitor change them', async () => {
    const submit = vi.fn().mockResolvedValue(undefined)
    const s = new Survey({ t: () => en, submit })
    document.body.append(s.el)
    s.show(C)
    const form = s.el.querySelector('form')!
    form.dispatchEvent(new Event('submit', { cancelable: true }))
    expect(s.el.textContent).toContain('Please choose from 1 to 5 stars.')
    expect(submit).not.toHaveBeenCalled()
    s.el.querySelector<HTMLButtonElement>('[data-testid=survey-star][data-score="4"]')!.click()
    expect(s.el.querySelectorAll('.star.on')).toHaveLength(4)
    const comment = s.el.querySelector<HTMLTextAreaElement>('[data-testid=survey-comment]')!
    comment.value = ' Quick and kind '
    comment.dispatchEvent(new Event('input'))
    form.dispatchEvent(new Event('submit', { cancelable: true }))
    await flush()
    expect(submit).toHaveBeenCalledWith(4, 'Quick and kind')
    const thanks = s.el.querySelector('[data-testid=survey-thanks]')!
    expect(thanks.textContent).toContain('Thank you for your feedback!')
    expect(thanks.textContent).toContain('★★★★☆')
    s.el.querySelector<HTMLButtonElement>('[data-testid=survey-change]')!.click()
    expect(s.el.querySelectorAll('.star.on')).toHaveLength(4)
    expect(s.el.querySelector<HTMLButtonElement>('[data-testid=survey-submit]')!.textContent).toBe('Update rating')
  })

  it('keeps the form when sending fails, with the reason', async () => {
    const s = new Survey({ t: () => zh, submit: vi.fn().mockRejectedValue(new Error('评价提交失败，请重试。')) })
    s.show(C)
    s.el.querySelector<HTMLButtonElement>('[data-testid=survey-star][data-score="2"]')!.click()
    s.el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }))
    await flush()
    expect(s.el.querySelector('form')).not.toBeNull()
    expect(s.el.textContent).toContain('评价提交失败')
  })

  it('opens on the thank-you when the conversation was rated already, and hides', () => {
    const s = new Survey({ t: () => en, submit: vi.fn() })
    s.show(C, 5)
    expect(s.el.querySelector('[data-testid=survey-thanks]')!.textContent).toContain('★★★★★')
    s.noteRated(C, 3)
    expect(s.el.textContent).toContain('★★★☆☆')
    s.hide()
    expect(s.el.hidden).toBe(true)
  })

  it('has every new panel string in both languages', () => {
    expect(Object.keys(PANEL_STRINGS['zh-CN']!).sort()).toEqual(Object.keys(PANEL_STRINGS.en!).sort())
  })
})
