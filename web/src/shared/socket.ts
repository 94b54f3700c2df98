// One WebSocket per tab (docs/protocol.md): reconnects silently with backoff, sends `resume` on every
// (re)connect, keeps every unacked `send` frame and sends it again with the same clientMsgId after a reconnect
// (the server returns the original ack, so nothing is ever doubled), pings to detect a dead link.

import type { ClientFrame, HelloFrame, SendFrame, ServerFrame } from './protocol'

export type SocketState = 'connecting' | 'open' | 'closed'

export interface SocketHooks {
  /** The WebSocket URL to use now (the token may have changed), or null to wait. */
  url(): string | null
  /** Last seen seq per conversation, sent in `resume` after every `hello`. */
  resumeState(): Record<string, number>
  onFrame(frame: ServerFrame): void
  onHello?(hello: HelloFrame): void
  onState?(state: SocketState): void
  /** A `send` was refused for good (e.g. too_long, forbidden): show it as failed. */
  onSendFailed?(frame: SendFrame, code: string, message: string): void
  /**
   * The session looks invalid (close 4001, or several handshakes in a row refused). Return true to keep
   * reconnecting (e.g. after getting a fresh token), false to stop.
   */
  onAuthProblem?(revoked: boolean): Promise<boolean>
  /** The visitor was blocked while connected (close 4003): the socket stops for good. */
  onBlocked?(): void
}

/** Codes after which the same `send` is retried later; any other error code fails it. */
const RETRYABLE = new Set(['server_busy', 'internal', 'rate_limited'])

/** The WebSocket URL; without a token, the agent's session cookie authenticates the handshake. */
export function wsUrl(token: string | null, loc: Location = location): string {
  return (loc.protocol === 'https:' ? 'wss://' : 'ws://') + loc.host + '/ws' + (token ? '?token=' + encodeURIComponent(token) : '')
}

export class ChatSocket {
  state: SocketState = 'closed'
  hello: HelloFrame | null = null

  private ws: WebSocket | null = null
  private readonly outbox = new Map<string, SendFrame>()
  private attempts = 0
  private failedHandshakes = 0
  private stopped = true
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private pingTimer: ReturnType<typeof setInterval> | undefined
  private resendTimer: ReturnType<typeof setTimeout> | undefined
  private lastFrameAt = 0
  private readonly wake = () => {
    if (!this.stopped && this.state === 'closed') this.connectNow()
  }

  constructor(private readonly hooks: SocketHooks) {}

  start(): void {
    if (!this.stopped) return
    this.stopped = false
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.wake)
      document.addEventListener('visibilitychange', this.wake)
    }
    this.connectNow()
  }

  stop(): void {
    this.stopped = true
    clearTimeout(this.retryTimer)
    clearTimeout(this.resendTimer)
    clearInterval(this.pingTimer)
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.wake)
      document.removeEventListener('visibilitychange', this.wake)
    }
    const ws = this.ws
    this.ws = null
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null
      ws.close(1000)
    }
    this.setState('closed')
  }

  /** Sends a frame if connected; returns false otherwise (typing and read frames are simply dropped). */
  send(frame: ClientFrame): boolean {
    if (this.ws && this.state === 'open' && this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify(frame))
      return true
    }
    return false
  }

  /** Sends a message; it is kept and re-sent after reconnects until the server acks or refuses it. */
  sendMessage(frame: SendFrame): void {
    this.outbox.set(frame.clientMsgId, frame)
    this.send(frame)
  }

  /** Forgets an unacked message (the user discarded it). If it already reached the server it stays there. */
  forget(clientMsgId: string): void {
    this.outbox.delete(clientMsgId)
  }

  get unacked(): number {
    return this.outbox.size
  }

  /** Sends a fresh `resume` now (e.g. after seeing a gap in seqs). */
  resume(): void {
    const conversations = this.hooks.resumeState()
    if (Object.keys(conversations).length) this.send({ type: 'resume', conversations })
  }

  private setState(s: SocketState): void {
    if (this.state === s) return
    this.state = s
    this.hooks.onState?.(s)
  }

  private connectNow(): void {
    clearTimeout(this.retryTimer)
    if (this.stopped) return
    const url = this.hooks.url()
    if (!url) return
    this.setState('connecting')
    let ws: WebSocket
    try {
      ws = new WebSocket(url)
    } catch {
      this.scheduleReconnect()
      return
    }
    this.ws = ws
    let gotHello = false
    ws.onmessage = (ev) => {
      this.lastFrameAt = Date.now()
      let frame: ServerFrame
      try {
        frame = JSON.parse(typeof ev.data === 'string' ? ev.data : '')
      } catch {
        return
      }
      if (frame.type === 'hello') {
        gotHello = true
        this.onHello(frame)
        return
      }
      if (frame.type === 'ack') {
        this.outbox.delete(frame.clientMsgId)
      } else if (frame.type === 'error' && frame.ref && this.outbox.has(frame.ref)) {
        const sent = this.outbox.get(frame.ref)!
        if (RETRYABLE.has(frame.code)) this.scheduleResend()
        else {
          this.outbox.delete(frame.ref)
          this.hooks.onSendFailed?.(sent, frame.code, frame.message)
        }
      }
      this.hooks.onFrame(frame)
    }
    ws.onclose = (ev) => {
      if (this.ws !== ws) return
      this.ws = null
      this.hello = null
      clearInterval(this.pingTimer)
      this.setState('closed')
      if (this.stopped) return
      if (ev.code === 4001) {
        this.authProblem(true)
        return
      }
      if (ev.code === 4003) {
        this.stop()
        this.hooks.onBlocked?.()
        return
      }
      if (!gotHello) this.failedHandshakes++
      if (this.failedHandshakes >= 3) {
        this.failedHandshakes = 0
        this.authProblem(false)
        return
      }
      this.scheduleReconnect()
    }
    ws.onerror = () => {
      // onclose follows and handles the retry.
    }
  }

  private onHello(hello: HelloFrame): void {
    this.hello = hello
    this.attempts = 0
    this.failedHandshakes = 0
    this.setState('open')
    this.hooks.onHello?.(hello)
    this.resume()
    for (const f of this.outbox.values()) this.send(f)
    const beat = Math.max(5, hello.heartbeatSeconds || 25) * 1000
    clearInterval(this.pingTimer)
    this.pingTimer = setInterval(() => {
      if (Date.now() - this.lastFrameAt > beat * 2.5) {
        // Nothing (not even a pong) for too long: the link is dead though the browser has not noticed.
        this.dropAndReconnect()
        return
      }
      this.send({ type: 'ping' })
    }, beat)
  }

  private dropAndReconnect(): void {
    const ws = this.ws
    if (!ws) return
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null
    try {
      ws.close(4000)
    } catch {
      // already closing
    }
    this.ws = null
    this.hello = null
    clearInterval(this.pingTimer)
    this.setState('closed')
    this.scheduleReconnect()
  }

  private scheduleResend(): void {
    clearTimeout(this.resendTimer)
    this.resendTimer = setTimeout(() => {
      for (const f of this.outbox.values()) this.send(f)
    }, 2000)
  }

  private scheduleReconnect(): void {
    if (this.stopped) return
    clearTimeout(this.retryTimer)
    const base = Math.min(30_000, 500 * 2 ** Math.min(this.attempts, 6))
    this.attempts++
    this.retryTimer = setTimeout(() => this.connectNow(), base / 2 + Math.random() * (base / 2))
  }

  private authProblem(revoked: boolean): void {
    const check = this.hooks.onAuthProblem
    if (!check) {
      this.scheduleReconnect()
      return
    }
    check(revoked).then(
      (go) => (go ? this.scheduleReconnect() : this.stop()),
      () => this.scheduleReconnect(),
    )
  }
}
