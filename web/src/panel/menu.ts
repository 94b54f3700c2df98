// The panel's menu (⋮ in the header): "E-mail me this conversation". Without a known e-mail address it asks for
// one first; the address is saved on the visitor (the same identify path as the pre-chat form).

import type { Translate } from '../shared/i18n'
import { h, icon } from './dom'

const DOTS = 'M12 8a2 2 0 1 0 0-4 2 2 0 0 0 0 4zm0 6a2 2 0 1 0 0-4 2 2 0 0 0 0 4zm0 6a2 2 0 1 0 0-4 2 2 0 0 0 0 4z'

export interface MenuHooks {
  t(): Translate
  /** The conversation to send, or null when there is none yet. */
  conversationId(): string | null
  /** The visitor's e-mail address as far as the panel knows. */
  email(): string | null
  /** Saves the address (if given) and sends the transcript; resolves to the address it went to. */
  sendTranscript(email?: string): Promise<string>
  notice(text: string, ok?: boolean): void
}

export class PanelMenu {
  readonly el: HTMLElement
  private readonly button: HTMLButtonElement
  private readonly pop = h('div', { class: 'menu-pop', role: 'menu', hidden: true, 'data-testid': 'panel-menu' })

  constructor(private readonly hooks: MenuHooks) {
    this.button = h('button', {
      type: 'button',
      class: 'icon-btn',
      'aria-haspopup': 'true',
      'aria-expanded': 'false',
      'data-testid': 'menu-button',
      onclick: () => this.toggle(),
    }, icon(DOTS))
    this.el = h('div', { class: 'menu' }, this.button, this.pop)
    document.addEventListener('mousedown', (e) => {
      if (!this.pop.hidden && !this.el.contains(e.target as Node)) this.toggle(false)
    })
    this.relabel()
  }

  relabel(): void {
    this.button.setAttribute('aria-label', this.hooks.t()('menu'))
    this.button.title = this.hooks.t()('menu')
  }

  toggle(show = this.pop.hidden): void {
    this.pop.hidden = !show
    this.button.setAttribute('aria-expanded', String(show))
    if (show) {
      this.items()
      ;(this.pop.querySelector('button') as HTMLElement | null)?.focus()
    }
  }

  private items(): void {
    const t = this.hooks.t()
    this.pop.replaceChildren(
      h('button', { type: 'button', role: 'menuitem', class: 'menu-item', text: t('transcript'), 'data-testid': 'menu-transcript', onclick: () => void this.transcript() }),
    )
  }

  private async transcript(): Promise<void> {
    const t = this.hooks.t()
    if (!this.hooks.conversationId()) {
      this.toggle(false)
      this.hooks.notice(t('transcriptNothing'))
      return
    }
    if (!this.hooks.email()) return this.askEmail()
    await this.send()
  }

  private async send(email?: string): Promise<boolean> {
    const t = this.hooks.t()
    try {
      const to = await this.hooks.sendTranscript(email)
      this.toggle(false)
      this.hooks.notice(t('transcriptSent', { email: to }), true)
      return true
    } catch (e) {
      this.toggle(false)
      this.hooks.notice(e instanceof Error && e.message ? e.message : t('transcriptFailed'))
      return false
    }
  }

  private askEmail(): void {
    const t = this.hooks.t()
    const input = h('input', { type: 'email', autocomplete: 'email', maxlength: 320, required: true, placeholder: t('email'), 'aria-label': t('email'), 'data-testid': 'transcript-email' })
    const err = h('p', { class: 'form-error', role: 'alert' })
    const submit = h('button', { type: 'submit', class: 'btn', text: t('transcriptSend'), 'data-testid': 'transcript-send' })
    const form = h('form', { class: 'menu-form', novalidate: true }, h('p', { class: 'menu-hint', text: t('transcriptAsk') }), input, err, submit)
    form.addEventListener('submit', async (e) => {
      e.preventDefault()
      const v = input.value.trim()
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) {
        err.textContent = t('badEmail')
        input.focus()
        return
      }
      submit.disabled = true
      if (!(await this.send(v))) submit.disabled = false
    })
    this.pop.replaceChildren(form)
    input.focus()
  }
}
