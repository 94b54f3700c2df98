// The messages of one conversation as a client sees them: ordered by seq, each seq once, plus the
// messages this client sent that the server has not acknowledged yet ("pending").
// Framework-free so the chat panel (plain TS) and the workbench (Vue) share it; Vue watches `version`.

import type { AckFrame, Attachment, Message, Sender } from './protocol'

export type Tick = 'sending' | 'failed' | 'sent' | 'delivered' | 'read'

export interface PendingMessage {
  clientMsgId: string
  conversationId: string
  text: string
  attachments?: Attachment[]
  createdAt: number
  failed?: string
}

export type LogItem =
  | { kind: 'message'; key: string; message: Message }
  | { kind: 'pending'; key: string; pending: PendingMessage }

export class ConversationLog {
  readonly conversationId: string
  /** Bumped on every change; cheap to watch. */
  version = 0
  /** Highest seq the other side has read (a `read` event from them). */
  readByOther = 0
  /** True while older messages exist on the server that are not loaded (paging back with before=). */
  hasOlder = false

  private readonly bySeq = new Map<number, Message>()
  private sorted: Message[] = []
  private readonly pending = new Map<string, PendingMessage>()
  /** Seqs whose fan-out `message` event reached this client (or that came from history). */
  private readonly delivered = new Set<number>()
  /** Every seq up to this one is known (loaded, or declared seen with `baseline`). */
  private contiguous = 0
  private readonly listeners = new Set<() => void>()

  constructor(conversationId: string) {
    this.conversationId = conversationId
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  private changed(): void {
    this.version++
    for (const fn of this.listeners) fn()
  }

  /** Messages in seq order (no pending ones). */
  messages(): readonly Message[] {
    return this.sorted
  }

  /** Messages in seq order, then the pending ones in the order they were sent. */
  items(): LogItem[] {
    const out: LogItem[] = this.sorted.map((m) => ({ kind: 'message', key: 's' + m.seq, message: m }))
    for (const p of this.pending.values()) out.push({ kind: 'pending', key: 'c' + p.clientMsgId, pending: p })
    return out
  }

  pendingMessages(): PendingMessage[] {
    return [...this.pending.values()]
  }

  has(seq: number): boolean {
    return this.bySeq.has(seq)
  }

  get size(): number {
    return this.sorted.length
  }

  /** Highest seq held (0 when none). */
  get lastSeq(): number {
    return this.sorted.length ? this.sorted[this.sorted.length - 1].seq : 0
  }

  /** Lowest seq held (0 when none). */
  get firstSeq(): number {
    return this.sorted.length ? this.sorted[0].seq : 0
  }

  /** The seq to send in `resume`: every message up to it is known, so the server replays the rest. */
  get resumeSeq(): number {
    return this.contiguous
  }

  /** Declares every seq up to `seq` as seen without loading it (e.g. a conversation only listed). */
  baseline(seq: number): void {
    if (seq > this.contiguous) {
      this.contiguous = seq
      this.advance()
    }
  }

  /**
   * Adds a message from the server (a `message` frame, history or resume). Returns false when that seq was
   * already held: the caller must not count it again (unread, sound). Receiving it means the server's
   * fan-out reached this client, which is what "delivered" means for a message we sent.
   */
  add(m: Message): boolean {
    if (m.conversationId && m.conversationId !== this.conversationId) return false
    if (!Number.isInteger(m.seq) || m.seq < 1) return false
    if (m.clientMsgId) this.pending.delete(m.clientMsgId)
    this.delivered.add(m.seq)
    if (this.bySeq.has(m.seq)) {
      this.changed()
      return false
    }
    this.insert(m)
    this.changed()
    return true
  }

  /** Adds a page of history (any order, overlaps allowed). Returns how many were new. */
  addPage(items: Message[], hasOlder?: boolean): number {
    let n = 0
    for (const m of items) {
      if (m.conversationId && m.conversationId !== this.conversationId) continue
      if (!Number.isInteger(m.seq) || m.seq < 1) continue
      if (m.clientMsgId) this.pending.delete(m.clientMsgId)
      this.delivered.add(m.seq)
      if (!this.bySeq.has(m.seq)) {
        this.insert(m)
        n++
      }
    }
    // A page is contiguous: if it reaches past what we knew, everything up to its top is known.
    if (items.length && this.contiguous === 0) this.contiguous = Math.max(...items.map((m) => m.seq))
    this.advance()
    if (hasOlder !== undefined) this.hasOlder = hasOlder
    this.changed()
    return n
  }

  /** Records a message this client is sending; it shows as pending until acked. */
  addPending(p: PendingMessage): void {
    this.pending.set(p.clientMsgId, p)
    this.changed()
  }

  markFailed(clientMsgId: string, reason: string): void {
    const p = this.pending.get(clientMsgId)
    if (!p) return
    p.failed = reason
    this.changed()
  }

  markRetrying(clientMsgId: string): void {
    const p = this.pending.get(clientMsgId)
    if (!p || !p.failed) return
    delete p.failed
    this.changed()
  }

  /** Removes a pending message (the user discarded it). */
  discard(clientMsgId: string): void {
    if (this.pending.delete(clientMsgId)) this.changed()
  }

  /** The server committed one of our messages. Returns the stored message, or null if it was not ours. */
  ack(a: AckFrame, self: Sender): Message | null {
    const p = this.pending.get(a.clientMsgId)
    const existing = this.bySeq.get(a.seq)
    if (existing) {
      if (p) {
        this.pending.delete(a.clientMsgId)
        this.changed()
      }
      return existing
    }
    if (!p) return null
    this.pending.delete(a.clientMsgId)
    const m: Message = {
      id: a.id,
      conversationId: a.conversationId,
      seq: a.seq,
      sender: self,
      text: p.text,
      clientMsgId: a.clientMsgId,
      createdAt: a.createdAt,
      attachments: p.attachments,
    }
    this.insert(m)
    this.changed()
    return m
  }

  /** The other side read up to `seq`. */
  markReadByOther(seq: number): void {
    if (seq > this.readByOther) {
      this.readByOther = seq
      this.changed()
    }
  }

  /** The tick of a message this client's side sent. */
  tick(item: LogItem): Tick {
    if (item.kind === 'pending') return item.pending.failed ? 'failed' : 'sending'
    const seq = item.message.seq
    if (seq <= this.readByOther) return 'read'
    return this.delivered.has(seq) ? 'delivered' : 'sent'
  }

  /** True when `seq` skips ahead of what is known: some messages were missed, send `resume`. */
  isGap(seq: number): boolean {
    return this.contiguous > 0 && seq > this.contiguous + 1
  }

  private insert(m: Message): void {
    this.bySeq.set(m.seq, m)
    const s = this.sorted
    if (!s.length || s[s.length - 1].seq < m.seq) s.push(m)
    else {
      let lo = 0
      let hi = s.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (s[mid].seq < m.seq) lo = mid + 1
        else hi = mid
      }
      s.splice(lo, 0, m)
    }
    this.advance()
  }

  private advance(): void {
    if (this.contiguous === 0 && this.bySeq.has(1)) this.contiguous = 1
    while (this.contiguous > 0 && this.bySeq.has(this.contiguous + 1)) this.contiguous++
  }
}

/** A fresh client message id: unique per sender and conversation, 1-64 characters. */
export function newClientMsgId(): string {
  const c = globalThis.crypto
  if (c?.randomUUID) return 'c-' + c.randomUUID()
  let s = 'c-' + Date.now().toString(36) + '-'
  for (let i = 0; i < 16; i++) s += Math.floor(Math.random() * 36).toString(36)
  return s
}
