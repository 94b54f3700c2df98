// Small pieces of chat behaviour shared by the panel and the workbench.

import { api, query } from './api'
import type { MessagePage } from './protocol'
import type { ConversationLog } from './store'

/** GET /api/v1/conversations/{id}/messages with `after`, `before` and `limit` as given. */
export function fetchMessages(
  conversationId: string,
  params: { after?: number; before?: number; limit?: number },
  token: string | null,
): Promise<MessagePage> {
  return api<MessagePage>('/api/v1/conversations/' + encodeURIComponent(conversationId) + '/messages' + query(params), { token })
}

/** After a truncated `resume`: pages forward from what the log holds until caught up (at most 20 pages). */
export async function catchUp(log: ConversationLog, token: string | null): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const page = await fetchMessages(log.conversationId, { after: log.resumeSeq, limit: 500 }, token)
    log.addPage(page.items)
    if (!page.hasMore || !page.items.length) break
  }
}

/**
 * Sends `typing` frames while someone types: `true` at most every 3 s, `false` after 4 s without input
 * or when the message is sent.
 */
export class TypingSender {
  private sentAt = 0
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(private readonly send: (typing: boolean) => void) {}

  input(hasText: boolean): void {
    if (!hasText) return this.stop()
    const now = Date.now()
    if (now - this.sentAt > 3000) {
      this.send(true)
      this.sentAt = now
    }
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.stop(), 4000)
  }

  stop(): void {
    clearTimeout(this.timer)
    if (this.sentAt) this.send(false)
    this.sentAt = 0
  }
}

/** "14:05" today, "Nov 27 14:05" on other days, in the given locale. */
export function formatTime(ms: number, locale?: string): string {
  const d = new Date(ms)
  const time = d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
  return d.toDateString() === new Date().toDateString() ? time : d.toLocaleDateString(locale, { month: 'short', day: 'numeric' }) + ' ' + time
}
