import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ServerFrame } from '../src/shared/protocol'
import { ChatSocket } from '../src/shared/socket'

/** A stand-in for the browser WebSocket: records what is sent, lets the test play the server. */
class FakeWs {
  static OPEN = 1
  static all: FakeWs[] = []
  readyState = 0
  sent: Record<string, unknown>[] = []
  onopen: (() => void) | null = null
  onmessage: ((e: { data: string }) => void) | null = null
  onclose: ((e: { code: number }) => void) | null = null
  onerror: (() => void) | null = null
  constructor(readonly url: string) {
    FakeWs.all.push(this)
  }
  send(s: string) {
    this.sent.push(JSON.parse(s))
  }
  close() {
    this.readyState = 3
  }
  serve(f: ServerFrame | Record<string, unknown>) {
    this.readyState = 1
    this.onmessage?.({ data: JSON.stringify(f) })
  }
  hello() {
    this.serve({ type: 'hello', protocol: 1, role: 'visitor', id: 'v1', workspaceId: 'w1', heartbeatSeconds: 25 })
  }
  drop(code = 1006) {
    this.readyState = 3
    this.onclose?.({ code })
  }
}

const last = () => FakeWs.all[FakeWs.all.length - 1]
const send = (id: string) => ({ type: 'send' as const, conversationId: 'c1', clientMsgId: id, text: 'msg ' + id })

describe('ChatSocket', () => {
  beforeEach(() => {
    FakeWs.all = []
    vi.useFakeTimers()
    vi.stubGlobal('WebSocket', FakeWs)
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  function socket(seen: Record<string, number>, frames: ServerFrame[] = [], failed: string[] = []) {
    return new ChatSocket({
      url: () => 'ws://test/ws?token=t',
      resumeState: () => seen,
      onFrame: (f) => frames.push(f),
      onSendFailed: (f, code) => failed.push(f.clientMsgId + ':' + code),
    })
  }

  it('sends resume with the last seen seq on every connect and reconnect', () => {
    const seen = { c1: 4 }
    const s = socket(seen)
    s.start()
    last().hello()
    expect(last().sent).toEqual([{ type: 'resume', conversations: { c1: 4 } }])
    seen.c1 = 9
    last().drop()
    vi.advanceTimersByTime(60_000)
    expect(FakeWs.all).toHaveLength(2)
    last().hello()
    expect(last().sent).toEqual([{ type: 'resume', conversations: { c1: 9 } }])
    s.stop()
  })

  it('re-sends unacked messages with the same clientMsgId after a reconnect, never acked ones', () => {
    const s = socket({ c1: 0 })
    s.start()
    last().hello()
    s.sendMessage(send('a'))
    s.sendMessage(send('b'))
    last().serve({ type: 'ack', clientMsgId: 'a', conversationId: 'c1', id: 'm1', seq: 1, createdAt: 1 })
    last().drop()
    s.sendMessage(send('c')) // while offline: queued
    vi.advanceTimersByTime(60_000)
    last().hello()
    const resent = last().sent.filter((f) => f.type === 'send').map((f) => f.clientMsgId)
    expect(resent).toEqual(['b', 'c'])
    expect(last().sent[0].type).toBe('resume')
    expect(s.unacked).toBe(2)
    s.stop()
  })

  it('fails a send the server refuses for good, and retries one refused as busy', () => {
    const failed: string[] = []
    const s = socket({}, [], failed)
    s.start()
    last().hello()
    s.sendMessage(send('long'))
    s.sendMessage(send('busy'))
    last().serve({ type: 'error', code: 'too_long', message: 'x', ref: 'long' })
    last().serve({ type: 'error', code: 'server_busy', message: 'x', ref: 'busy' })
    expect(failed).toEqual(['long:too_long'])
    const before = last().sent.length
    vi.advanceTimersByTime(2500)
    expect(last().sent.slice(before).map((f) => f.clientMsgId)).toEqual(['busy'])
    s.stop()
  })

  it('passes other frames on and reconnects with backoff after the server closes', () => {
    const frames: ServerFrame[] = []
    const s = socket({}, frames)
    s.start()
    last().hello()
    last().serve({ type: 'typing', conversationId: 'c1', sender: { kind: 'agent' }, typing: true })
    expect(frames.map((f) => f.type)).toEqual(['typing'])
    last().drop(1001)
    expect(s.state).toBe('closed')
    vi.advanceTimersByTime(100)
    expect(FakeWs.all).toHaveLength(1)
    vi.advanceTimersByTime(1000)
    expect(FakeWs.all).toHaveLength(2)
    s.stop()
  })

  it('asks the owner to re-authenticate when the session is revoked (4001)', async () => {
    const onAuthProblem = vi.fn(async () => false)
    const s = new ChatSocket({ url: () => 'ws://x', resumeState: () => ({}), onFrame: () => {}, onAuthProblem })
    s.start()
    last().hello()
    last().drop(4001)
    await vi.runAllTimersAsync()
    expect(onAuthProblem).toHaveBeenCalledWith(true)
    expect(FakeWs.all).toHaveLength(1)
  })

  it('stops for good and says so when the visitor is blocked (4003)', async () => {
    const onBlocked = vi.fn()
    const s = new ChatSocket({ url: () => 'ws://x', resumeState: () => ({}), onFrame: () => {}, onBlocked })
    s.start()
    last().hello()
    last().drop(4003)
    await vi.runAllTimersAsync()
    expect(onBlocked).toHaveBeenCalledOnce()
    expect(FakeWs.all).toHaveLength(1)
    expect(s.state).toBe('closed')
  })

  it('sends page frames like any other frame once connected', () => {
    const s = socket({})
    s.start()
    expect(s.send({ type: 'page', url: 'https://shop.example/a', title: 'A' })).toBe(false)
    last().hello()
    expect(s.send({ type: 'page', url: 'https://shop.example/a', title: 'A' })).toBe(true)
    expect(last().sent.at(-1)).toEqual({ type: 'page', url: 'https://shop.example/a', title: 'A' })
    s.stop()
  })
})
