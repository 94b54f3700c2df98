// Knowledge-base types and the two requests the JSON helper cannot make: file import (CSV or JSON body)
// and export (a file download). Both use this tab's token like every other call.

import { ApiError } from '../shared/api'
import { signedIn, token } from '../ui/auth'

export interface Article {
  id: string
  title: string
  questions: string[]
  answer: string
  tags: string[]
  enabled: boolean
  createdAt: number
  updatedAt: number
}

export interface ImportReport {
  created: number
  updated: number
  errors: { row: number; message: string }[]
}

export interface BotAnswer {
  articleId: string | null
  answer: string | null
  confidence: number
  handoff: boolean
  suggestions: { articleId: string; title: string }[]
}

/** Articles whose title, questions, answer or tags contain every word of the filter (any case). */
export function filterArticles(list: Article[], filter: string): Article[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean)
  if (!words.length) return list
  return list.filter((a) => {
    const text = [a.title, ...a.questions, a.answer, ...a.tags].join('\n').toLowerCase()
    return words.every((w) => text.includes(w))
  })
}

/** One phrasing per line; blank lines dropped. */
export function linesOf(text: string): string[] {
  return text.split('\n').map((s) => s.trim()).filter(Boolean)
}

/** Tags separated by commas (ASCII or Chinese). */
export function tagsOf(text: string): string[] {
  return text.split(/[,，]/).map((s) => s.trim()).filter(Boolean)
}

async function raw(path: string, init: RequestInit): Promise<Response> {
  return signedIn(async () => {
    let res: Response
    try {
      res = await fetch(path, {
        ...init,
        credentials: 'same-origin',
        headers: { ...(init.headers as Record<string, string>), ...(token.value ? { Authorization: 'Bearer ' + token.value } : {}) },
      })
    } catch {
      throw new ApiError(0, 'network', 'network error')
    }
    if (!res.ok) {
      let err: { code?: string; message?: string } | undefined
      try {
        err = (await res.json())?.error
      } catch {
        err = undefined
      }
      throw new ApiError(res.status, err?.code ?? 'http_' + res.status, err?.message ?? res.statusText)
    }
    return res
  })
}

export async function importFile(file: File): Promise<ImportReport> {
  const csv = /\.csv$/i.test(file.name) || file.type === 'text/csv'
  const res = await raw('/api/v1/knowledge/import?format=' + (csv ? 'csv' : 'json'), {
    method: 'POST',
    headers: { 'Content-Type': csv ? 'text/csv' : 'application/json' },
    body: await file.text(),
  })
  return (await res.json()) as ImportReport
}

export async function exportFile(format: 'json' | 'csv'): Promise<void> {
  const res = await raw('/api/v1/knowledge/export?format=' + format, { method: 'GET' })
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'knowledge.' + format
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
