// The satisfaction survey, shown once the conversation is resolved: 1–5 stars and an optional comment, then a
// thank-you with the given stars and a way to change them (rating again replaces the earlier rating).

import type { Translate } from '../shared/i18n'
import { h } from './dom'

export interface SurveyHooks {
  t(): Translate
  /** POST …/rating; rejects with a sentence for the visitor. */
  submit(score: number, comment: string): Promise<void>
}

export const stars = (n: number): string => '★'.repeat(n) + '☆'.repeat(5 - n)

export class Survey {
  readonly el = h('div', { class: 'survey', 'data-testid': 'survey', hidden: true })
  private score = 0
  private comment = ''
  private rated = 0
  private conversationId: string | null = null

  constructor(private readonly hooks: SurveyHooks) {}

  /** Shows the survey for a resolved conversation; `rated` is the score already given (0: none yet). */
  show(conversationId: string, rated = 0, comment = ''): void {
    if (this.conversationId === conversationId && !this.el.hidden) return
    this.conversationId = conversationId
    this.rated = rated
    this.score = rated
    this.comment = comment
    this.el.hidden = false
    if (rated) this.thanks()
    else this.ask()
  }

  /** Knows about a rating given meanwhile (e.g. in another tab). */
  noteRated(conversationId: string, score: number): void {
    if (conversationId !== this.conversationId || this.el.hidden || this.rated === score) return
    this.rated = this.score = score
    this.thanks()
  }

  hide(): void {
    this.el.hidden = true
    this.conversationId = null
    this.el.replaceChildren()
  }

  private ask(): void {
    const t = this.hooks.t()
    const err = h('p', { class: 'form-error', role: 'alert' })
    const group = h('div', { class: 'stars', role: 'radiogroup', 'aria-label': t('surveyStars') })
    const buttons: HTMLButtonElement[] = []
    const paint = () =>
      buttons.forEach((b, i) => {
        b.classList.toggle('on', i < this.score)
        b.setAttribute('aria-checked', String(i + 1 === this.score))
      })
    for (let n = 1; n <= 5; n++) {
      const b = h('button', {
        type: 'button',
        class: 'star',
        role: 'radio',
        text: '★',
        'aria-label': t('surveyStar', { n }),
        title: t('surveyStar', { n }),
        'data-testid': 'survey-star',
        'data-score': n,
        onclick: () => {
          this.score = n
          err.textContent = ''
          paint()
        },
      })
      buttons.push(b)
    }
    group.append(...buttons)
    paint()
    const comment = h('textarea', { class: 'survey-comment', rows: 2, maxlength: 1000, placeholder: t('surveyComment'), 'aria-label': t('surveyComment'), 'data-testid': 'survey-comment' })
    comment.value = this.comment
    comment.addEventListener('input', () => (this.comment = comment.value))
    const submit = h('button', { class: 'btn', type: 'submit', text: t(this.rated ? 'surveyUpdate' : 'surveySend'), 'data-testid': 'survey-submit' })
    const form = h('form', { class: 'form survey-form', novalidate: true }, h('p', { class: 'form-intro', text: t('surveyTitle') }), group, comment, err, submit)
    form.addEventListener('submit', async (e) => {
      e.preventDefault()
      if (!this.score) {
        err.textContent = t('surveyPick')
        return
      }
      submit.disabled = true
      try {
        await this.hooks.submit(this.score, comment.value.trim())
        this.rated = this.score
        this.thanks()
      } catch (x) {
        err.textContent = x instanceof Error && x.message ? x.message : t('surveyFailed')
        submit.disabled = false
      }
    })
    this.el.replaceChildren(form)
  }

  private thanks(): void {
    const t = this.hooks.t()
    this.el.replaceChildren(
      h(
        'div',
        { class: 'form-intro done survey-thanks', role: 'status', 'data-testid': 'survey-thanks' },
        h('span', { text: t('surveyThanks') + ' ' }),
        h('span', { class: 'stars-shown', text: stars(this.rated), 'aria-label': t('surveyStar', { n: this.rated }) }),
        ' ',
        h('button', { type: 'button', class: 'link ok-link', text: t('surveyChange'), 'data-testid': 'survey-change', onclick: () => this.ask() }),
      ),
    )
  }
}
