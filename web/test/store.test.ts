import { describe, expect, it } from 'vitest'
import type { Message } from '../src/shared/protocol'
import { ConversationLog, newClientMsgId } from '../src/shared/store'

const C = 'conv-1'
const msg = (seq: number, extra: Partial<Message> = {}): Message => ({
  id: 'm' + seq,
  conversationId: C,
  seq,
  sender: { kind: 'agent', id: 'a1' },
  text: 'text ' + seq,
  createdAt: 1000 + seq,
  ...extra,
})
const seqs = (log: ConversationLog) => log.messages().map((m) => m.seq)

describe('ConversationLog', () => {
  it('keeps messages in seq order whatever order they arrive in', () => {
    const log = new ConversationLog(C)
    for (const s of [3, 1, 5, 2, 4]) log.add(msg(s))
    expect(seqs(log)).toEqual([1, 2, 3, 4, 5])
  })

  it('ignores a seq it already holds and says so', () => {
    const log = new ConversationLog(C)
    expect(log.add(msg(1))).toBe(true)
    expect(log.add(msg(1, { text: 'again' }))).toBe(false)
    expect(log.size).toBe(1)
    expect(log.messages()[0].text).toBe('text 1')
  })

  it('merges overlapping history pages without doubles', () => {
    const log = new ConversationLog(C)
    expect(log.addPage([msg(6), msg(7), msg(8)], true)).toBe(3)
    expect(log.addPage([msg(4), msg(5), msg(6)], false)).toBe(2)
    log.add(msg(8))
    expect(seqs(log)).toEqual([4, 5, 6, 7, 8])
    expect(log.hasOlder).toBe(false)
    expect(log.firstSeq).toBe(4)
    expect(log.lastSeq).toBe(8)
  })

  it('ignores messages of another conversation and invalid seqs', () => {
    const log = new ConversationLog(C)
    expect(log.add(msg(1, { conversationId: 'other' }))).toBe(false)
    expect(log.add(msg(0))).toBe(false)
    expect(log.add(msg(1.5))).toBe(false)
    expect(log.size).toBe(0)
  })

  it('resumes from the last seq with no gap below it', () => {
    const log = new ConversationLog(C)
    log.addPage([msg(1), msg(2), msg(3)])
    expect(log.resumeSeq).toBe(3)
    expect(log.isGap(4)).toBe(false)
    expect(log.isGap(6)).toBe(true)
    log.add(msg(6))
    expect(log.resumeSeq).toBe(3)
    log.add(msg(4))
    log.add(msg(5))
    expect(log.resumeSeq).toBe(6)
  })

  it('uses a baseline for conversations that were listed but not loaded', () => {
    const log = new ConversationLog(C)
    log.baseline(10)
    expect(log.resumeSeq).toBe(10)
    log.add(msg(11))
    expect(log.resumeSeq).toBe(11)
  })

  it('turns a pending send into a message on ack, and the echo does not double it', () => {
    const log = new ConversationLog(C)
    const id = newClientMsgId()
    log.addPending({ clientMsgId: id, conversationId: C, text: 'hello', createdAt: 1 })
    expect(log.items().map((i) => i.kind)).toEqual(['pending'])
    expect(log.tick(log.items()[0])).toBe('sending')

    const stored = log.ack({ type: 'ack', clientMsgId: id, conversationId: C, id: 'm1', seq: 1, createdAt: 5 }, { kind: 'visitor', id: 'v1' })
    expect(stored?.text).toBe('hello')
    expect(log.pendingMessages()).toHaveLength(0)
    expect(log.tick(log.items()[0])).toBe('sent')

    expect(log.add(msg(1, { sender: { kind: 'visitor', id: 'v1' }, text: 'hello', clientMsgId: id }))).toBe(false)
    expect(log.items()).toHaveLength(1)
    expect(log.tick(log.items()[0])).toBe('delivered')

    log.markReadByOther(1)
    expect(log.tick(log.items()[0])).toBe('read')
  })

  it('handles the echo arriving before the ack', () => {
    const log = new ConversationLog(C)
    log.addPending({ clientMsgId: 'c-x', conversationId: C, text: 'hi', createdAt: 1 })
    log.add(msg(1, { sender: { kind: 'visitor' }, text: 'hi', clientMsgId: 'c-x' }))
    expect(log.pendingMessages()).toHaveLength(0)
    log.ack({ type: 'ack', clientMsgId: 'c-x', conversationId: C, id: 'm1', seq: 1, createdAt: 5 }, { kind: 'visitor' })
    expect(log.items()).toHaveLength(1)
  })

  it('shows pending messages after every stored one, and read covers only seqs up to the read seq', () => {
    const log = new ConversationLog(C)
    log.add(msg(1))
    log.addPending({ clientMsgId: 'c-a', conversationId: C, text: 'a', createdAt: 1 })
    log.add(msg(2))
    expect(log.items().map((i) => i.key)).toEqual(['s1', 's2', 'cc-a'])
    log.markReadByOther(1)
    log.markReadByOther(0)
    expect(log.readByOther).toBe(1)
    expect(log.tick(log.items()[1])).toBe('delivered')
  })

  it('marks a refused send failed and retries it', () => {
    const log = new ConversationLog(C)
    log.addPending({ clientMsgId: 'c-f', conversationId: C, text: 'x', createdAt: 1 })
    log.markFailed('c-f', 'too long')
    expect(log.tick(log.items()[0])).toBe('failed')
    log.markRetrying('c-f')
    expect(log.tick(log.items()[0])).toBe('sending')
    log.discard('c-f')
    expect(log.items()).toHaveLength(0)
  })

  it('bumps its version and tells listeners on every change', () => {
    const log = new ConversationLog(C)
    let calls = 0
    const off = log.onChange(() => calls++)
    log.add(msg(1))
    log.markReadByOther(1)
    off()
    log.add(msg(2))
    expect(calls).toBe(2)
    expect(log.version).toBe(3)
  })

  it('makes client message ids that are unique and at most 64 characters', () => {
    const ids = new Set(Array.from({ length: 200 }, newClientMsgId))
    expect(ids.size).toBe(200)
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(64)
  })
})
