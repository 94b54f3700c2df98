import { describe, expect, it } from 'vitest'
import { BotStreams, STREAM_STALE_MS } from '../src/shared/botStream'

const delta = (text: string, streamId = 'bot-1', conversationId = 'c1') => ({ type: 'bot.delta' as const, conversationId, streamId, text })

describe('the bot answer as it streams', () => {
  it('grows one bubble per stream, in order', () => {
    const s = new BotStreams()
    expect(s.delta(delta('Orders ship '), 1000)).toBe(true)
    expect(s.delta(delta('within 2 days.'), 1100)).toBe(true)
    s.delta(delta('Another', 'bot-2'), 1200)
    s.delta(delta('Elsewhere', 'bot-3', 'c2'), 1300)
    expect(s.of('c1', 1300).map((x) => [x.streamId, x.text])).toEqual([
      ['bot-1', 'Orders ship within 2 days.'],
      ['bot-2', 'Another'],
    ])
    expect(s.of('c2', 1300)).toHaveLength(1)
  })

  it('gives way to the stored message whose clientMsgId is the stream id', () => {
    const s = new BotStreams()
    s.delta(delta('Orders ship'))
    expect(s.settle({ sender: { kind: 'bot' }, clientMsgId: 'bot-1' })).toBe(true)
    expect(s.of('c1')).toEqual([])
    // A piece arriving late, or replayed, does not bring it back.
    expect(s.delta(delta(' late'))).toBe(false)
    expect(s.of('c1')).toEqual([])
  })

  it('ignores messages that are not the bot\'s or carry no stream id', () => {
    const s = new BotStreams()
    s.delta(delta('x'))
    expect(s.settle({ sender: { kind: 'visitor' }, clientMsgId: 'bot-1' })).toBe(false)
    expect(s.settle({ sender: { kind: 'bot' }, clientMsgId: null })).toBe(false)
    expect(s.of('c1')).toHaveLength(1)
  })

  it('removes a dropped stream (a human joined, or the model failed)', () => {
    const s = new BotStreams()
    s.delta(delta('Let me'))
    expect(s.delta({ type: 'bot.delta', conversationId: 'c1', streamId: 'bot-1', dropped: true })).toBe(true)
    expect(s.of('c1')).toEqual([])
    expect(s.delta(delta('more'))).toBe(false)
  })

  it('counts changes for Vue and tells listeners', () => {
    const s = new BotStreams()
    let calls = 0
    s.onChange(() => calls++)
    s.delta(delta('a'))
    s.delta(delta('b'))
    s.delta({ type: 'bot.delta', conversationId: 'c1', streamId: 'bot-1', text: '' })
    s.settle({ sender: { kind: 'bot' }, clientMsgId: 'bot-1' })
    expect(calls).toBe(3)
    expect(s.version).toBe(3)
  })

  it('leaves out a stream whose end was missed (connection lost) once it is stale', () => {
    const s = new BotStreams()
    s.delta(delta('half an answer'), 0)
    expect(s.of('c1', STREAM_STALE_MS - 1)).toHaveLength(1)
    expect(s.of('c1', STREAM_STALE_MS + 1)).toHaveLength(0)
  })

  it('clears the bubbles of one conversation', () => {
    const s = new BotStreams()
    s.delta(delta('a'))
    s.delta(delta('b', 'bot-9', 'c2'))
    s.clear('c1')
    expect(s.of('c1')).toEqual([])
    expect(s.of('c2')).toHaveLength(1)
  })
})

import { emphasis } from '../src/shared/emphasis'

describe('bold in bot answers', () => {
  it('turns balanced **pairs** into bold segments and leaves the rest as text', () => {
    expect(emphasis('Delivery takes **1–3 working days** in **mainland** China')).toEqual([
      { text: 'Delivery takes ', strong: false },
      { text: '1–3 working days', strong: true },
      { text: ' in ', strong: false },
      { text: 'mainland', strong: true },
      { text: ' China', strong: false },
    ])
    expect(emphasis('2 ** 3 = 8, and **unclosed')).toEqual([{ text: '2 ** 3 = 8, and **unclosed', strong: false }])
    expect(emphasis('**<b>x</b>**')).toEqual([{ text: '<b>x</b>', strong: true }])
    expect(emphasis('')).toEqual([])
  })
})
