// Language of the workbench, admin console and setup page: the agent's choice (kept in localStorage),
// else the browser's. `t` reads the reactive language, so templates re-render when it changes.

import { ref, watch } from 'vue'
import { LANGS, pickLang, translator, type Lang } from '../shared/i18n'
import { UI_STRINGS } from './strings'

const KEY = 'kefu.ui.lang'

function stored(): string | null {
  try {
    return localStorage.getItem(KEY)
  } catch {
    return null
  }
}

export const uiLang = ref<Lang>(pickLang(stored(), typeof navigator === 'undefined' ? [] : navigator.languages))
export const LANG_NAMES: Record<Lang, string> = { en: 'English', 'zh-CN': '简体中文' }
export { LANGS }

let current = translator(UI_STRINGS, uiLang.value)
document.documentElement.lang = uiLang.value

watch(uiLang, (l) => {
  current = translator(UI_STRINGS, l)
  document.documentElement.lang = l
  try {
    localStorage.setItem(KEY, l)
  } catch {
    // the choice lasts for this page only
  }
})

export function t(key: string, vars?: Record<string, string | number>): string {
  void uiLang.value
  return current(key, vars)
}
