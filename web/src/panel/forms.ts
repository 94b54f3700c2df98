// Form pieces of the pre-chat and offline forms: labelled fields and validation messages.

import type { Translate } from '../shared/i18n'
import { h } from './dom'

export type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement

let fieldSeq = 0
export function field(t: Translate, kind: 'name' | 'email' | 'message', rule: 'optional' | 'required', value = ''): [HTMLElement, Control] {
  const id = 'f' + ++fieldSeq
  const control =
    kind === 'message'
      ? h('textarea', { id, rows: 4, required: true, maxlength: 4000, 'data-testid': 'form-' + kind })
      : h('input', {
          id,
          type: kind === 'email' ? 'email' : 'text',
          autocomplete: kind,
          required: rule === 'required',
          maxlength: kind === 'email' ? 320 : 100,
          'data-testid': 'form-' + kind,
        })
  control.value = value
  const label = h('label', { for: id }, t(kind), rule === 'optional' ? h('span', { class: 'opt', text: ' ' + t('optional') }) : null)
  return [h('div', { class: 'field' }, label, control), control]
}

/**
 * The department select of the pre-chat form. Several teams: a choice is required (a disabled placeholder
 * first); one team: optional, "No preference" first.
 */
export function teamField(t: Translate, teams: { id: string; name: string }[], chosen: string | null): [HTMLElement, HTMLSelectElement] {
  const id = 'f' + ++fieldSeq
  const required = teams.length > 1
  const select = h(
    'select',
    { id, required, 'data-testid': 'form-team' },
    h('option', { value: '', text: t(required ? 'chooseDepartment' : 'anyDepartment'), disabled: required }),
    ...teams.map((x) => h('option', { value: x.id, text: x.name })),
  )
  select.value = chosen && teams.some((x) => x.id === chosen) ? chosen : ''
  const label = h('label', { for: id }, t('department'), required ? null : h('span', { class: 'opt', text: ' ' + t('optional') }))
  return [h('div', { class: 'field' }, label, select), select]
}

export function validate(t: Translate, pairs: [Control, string, boolean][], err: HTMLElement): boolean {
  for (const [c, name, required] of pairs) {
    const v = c.value.trim()
    if (required && !v) {
      err.textContent = c instanceof HTMLSelectElement ? t('pick') : t('required', { field: t(name) })
      c.focus()
      return false
    }
    if (name === 'email' && v && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) {
      err.textContent = t('badEmail')
      c.focus()
      return false
    }
  }
  err.textContent = ''
  return true
}
