// The bot's answers while they stream (`bot.delta` frames, docs/protocol.md): one growing bubble per stream,
// replaced by the stored bot message whose clientMsgId is the streamId, removed when the stream is dropped.
// Framework-free: the panel renders it with the DOM, the workbench through a version counter Vue watches.

import type { BotDeltaFrame, Message } from './protocol'

export interface BotStream {
  streamId: string
  conversationId: string
  text: string
  startedAt: number
  /** When the last piece came. */
  lastAt: number
}

/** The longest a model may take (totalMillis is at most 120 s), plus a margin: older streams are stale. */
export const STREAM_STALE_MS = 130_000
const REMEMBER_ENDED = 200

export class BotStreams {
  /** Bumped on every change. */
  version = 0
  private readonly live = new Map<string, BotStream>()
  /** Streams that ended (stored or dropped): late or replayed pieces must not bring the bubble back. */
  private readonly ended = new Set<string>()
  private readonly listeners = new Set<() => void>()

  onChange(fn: () => void): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  /** A `bot.delta` frame. Returns true when a bubble grew, appeared or went. */
  delta(f: BotDeltaFrame, now = Date.now()): boolean {
    if (!f.streamId || !f.conversationId) return false
    if (f.dropped) return this.end(f.streamId)
    if (this.ended.has(f.streamId) || !f.text) return false
    const s = this.live.get(f.streamId)
    if (s) {
      s.text += f.text
      s.lastAt = now
    } else {
      this.live.set(f.streamId, { streamId: f.streamId, conversationId: f.conversationId, text: f.text, startedAt: now, lastAt: now })
    }
    this.changed()
    return true
  }

  /** A stored message: a bot message carrying a stream's id as its clientMsgId takes that bubble's place. */
  settle(m: Pick<Message, 'sender' | 'clientMsgId'>): boolean {
    if (m.sender.kind !== 'bot' || !m.clientMsgId) return false
    return this.end(m.clientMsgId)
  }

  /** The streams of a conversation still in progress, oldest first (stale ones, whose end was missed, left out). */
  of(conversationId: string, now = Date.now()): BotStream[] {
    const out: BotStream[] = []
    for (const s of this.live.values()) {
      if (s.conversationId === conversationId && now - s.lastAt < STREAM_STALE_MS) out.push(s)
    }
    return out.sort((a, b) => a.startedAt - b.startedAt)
  }

  /** Forgets every bubble of a conversation (e.g. it left the bot: nothing more will stream). */
  clear(conversationId?: string): void {
    let any = false
    for (const [id, s] of this.live) {
      if (conversationId === undefined || s.conversationId === conversationId) {
        this.live.delete(id)
        any = true
      }
    }
    if (any) this.changed()
  }

  private end(streamId: string): boolean {
    this.ended.add(streamId)
    if (this.ended.size > REMEMBER_ENDED) this.ended.delete(this.ended.values().next().value as string)
    const had = this.live.delete(streamId)
    if (had) this.changed()
    return had
  }

  private changed(): void {
    this.version++
    for (const fn of this.listeners) fn()
  }
}
