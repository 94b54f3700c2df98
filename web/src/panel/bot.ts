// The bot in the visitor's panel: the "Talk to a human" bar while the bot has the conversation, and its answers
// as they stream in (`bot.delta`), shown as growing bubbles until the stored message takes their place.

import type { Translate } from '../shared/i18n'
import type { BotStream } from '../shared/botStream'
import { h } from './dom'

/** "You are chatting with our assistant · Talk to a human", while the conversation is `bot`. */
export class BotBar {
  readonly el: HTMLElement
  private readonly text = h('span', { class: 'bot-bar-text' })
  private readonly button: HTMLButtonElement

  constructor(
    private readonly t: () => Translate,
    private readonly handoff: () => Promise<void>,
  ) {
    this.button = h('button', { type: 'button', class: 'bot-bar-btn', 'data-testid': 'handoff-button', onclick: () => void this.click() })
    this.el = h('div', { class: 'bot-bar', role: 'status', 'data-testid': 'bot-bar', hidden: true }, this.text, this.button)
    this.relabel()
  }

  relabel(): void {
    this.text.textContent = this.t()('botBar')
    this.button.textContent = this.t()('talkToHuman')
  }

  show(on: boolean): void {
    this.el.hidden = !on
    if (on) this.button.disabled = false
  }

  private async click(): Promise<void> {
    this.button.disabled = true
    try {
      await this.handoff()
    } finally {
      this.button.disabled = false
    }
  }
}

/** The bubbles of answers still streaming, after the stored messages. Text only: never HTML. */
export class StreamView {
  readonly el = h('div', { class: 'streams' })
  private readonly shown = new Map<string, HTMLElement>()

  constructor(private readonly t: () => Translate) {}

  render(streams: BotStream[]): void {
    const keep = new Set(streams.map((s) => s.streamId))
    for (const [id, el] of this.shown) {
      if (!keep.has(id)) {
        el.remove()
        this.shown.delete(id)
      }
    }
    for (const s of streams) {
      let el = this.shown.get(s.streamId)
      if (!el) {
        el = h(
          'div',
          { class: 'msg them bot streaming', 'data-testid': 'bot-stream', 'data-stream-id': s.streamId },
          h('div', { class: 'who', text: this.t()('assistant') }),
          h('div', { class: 'bubble' }),
        )
        this.shown.set(s.streamId, el)
        this.el.append(el)
      }
      el.lastElementChild!.textContent = s.text
    }
  }
}
