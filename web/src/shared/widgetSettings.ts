// Widget settings (API-NEEDS.md, "Widget settings"): the public read used by the panel, and the admin's copy.

import type { Lang } from './i18n'

export type FieldRule = 'off' | 'optional' | 'required'

export interface WidgetSettings {
  workspaceId?: string
  /** Shown in the panel header ("Acme Support"). */
  name: string
  color: string
  position: 'left' | 'right'
  greeting: Partial<Record<Lang, string>>
  preChat: { enabled: boolean; name: FieldRule; email: FieldRule }
  languages: Lang[]
  defaultLanguage: Lang
  /** Public read only: is any agent of the workspace online now? */
  online?: boolean
  /** Public read only: within business hours now (false: `online` is false too, and the panel says it is closed). */
  withinHours?: boolean
  /** Public read only: upload limit; absent when uploads are not supported. */
  maxUploadBytes?: number
  /** Admin only: origins allowed to embed the widget (empty = any). */
  allowedOrigins?: string[]
  /** Public read only: the teams (departments) a visitor may choose before chatting; empty: no choice. */
  teams?: { id: string; name: string }[]
}

export const DEFAULT_SETTINGS: WidgetSettings = {
  name: '',
  color: '#2563eb',
  position: 'right',
  greeting: {},
  preChat: { enabled: false, name: 'optional', email: 'optional' },
  languages: ['en', 'zh-CN'],
  defaultLanguage: 'en',
  maxUploadBytes: 10 * 1024 * 1024,
  teams: [],
}

/** Merges what the server sent over the defaults, ignoring malformed values. */
export function normalizeSettings(raw: Partial<WidgetSettings> | null | undefined): WidgetSettings {
  const s: WidgetSettings = { ...DEFAULT_SETTINGS, preChat: { ...DEFAULT_SETTINGS.preChat }, greeting: {}, teams: [] }
  if (!raw || typeof raw !== 'object') return s
  if (typeof raw.name === 'string') s.name = raw.name
  if (typeof raw.color === 'string' && /^#[0-9a-f]{3,8}$/i.test(raw.color)) s.color = raw.color
  if (raw.position === 'left' || raw.position === 'right') s.position = raw.position
  if (raw.greeting && typeof raw.greeting === 'object') s.greeting = { ...raw.greeting }
  if (raw.preChat && typeof raw.preChat === 'object') {
    const rule = (v: unknown, d: FieldRule): FieldRule => (v === 'off' || v === 'optional' || v === 'required' ? v : d)
    s.preChat = {
      enabled: !!raw.preChat.enabled,
      name: rule(raw.preChat.name, s.preChat.name),
      email: rule(raw.preChat.email, s.preChat.email),
    }
  }
  if (Array.isArray(raw.languages)) {
    const l = raw.languages.filter((x): x is Lang => x === 'en' || x === 'zh-CN')
    if (l.length) s.languages = l
  }
  if (raw.defaultLanguage === 'en' || raw.defaultLanguage === 'zh-CN') s.defaultLanguage = raw.defaultLanguage
  if (typeof raw.online === 'boolean') s.online = raw.online
  if (typeof raw.withinHours === 'boolean') s.withinHours = raw.withinHours
  if (typeof raw.maxUploadBytes === 'number') s.maxUploadBytes = raw.maxUploadBytes
  if (Array.isArray(raw.teams)) {
    s.teams = raw.teams
      .filter((x) => x && typeof x.id === 'string' && x.id && typeof x.name === 'string')
      .map((x) => ({ id: x.id, name: x.name }))
  }
  if (Array.isArray(raw.allowedOrigins)) s.allowedOrigins = raw.allowedOrigins.filter((x) => typeof x === 'string')
  return s
}

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function textOn(hex: string): '#ffffff' | '#111827' {
  let h = hex.replace('#', '')
  if (h.length === 3 || h.length === 4) h = [...h.slice(0, 3)].map((c) => c + c).join('')
  const n = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255)
  if (n.some(Number.isNaN)) return '#ffffff'
  const [r, g, b] = n.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
  // Contrast with white: 1.05/(lum+0.05); with near-black (#111827, lum≈0.009): (lum+0.05)/0.059.
  return 1.05 / (lum + 0.05) >= (lum + 0.05) / 0.059 ? '#ffffff' : '#111827'
}

export function formatBytes(n: number): string {
  if (n < 1024) return n + ' B'
  if (n < 1024 * 1024) return Math.round(n / 1024) + ' KB'
  return (n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0) + ' MB'
}
