import { describe, expect, it } from 'vitest'
import { botSource, duration, mergeNotes, suggestionTitles, timelineLine, type TimelineNames } from '../src/app/timeline'
import { translator } from '../src/shared/i18n'
import type { Message, Note } from '../src/shared/protocol'
import type { LogItem } from '../src/shared/store'
import { UI_STRINGS } from '../src/ui/strings'

const names: TimelineNames = { me: 'me', agent: (id) => (id === 'bob' ? 'Bob' : 'another agent'), team: () => '' }
const en = translator(UI_STRINGS, 'en')
const zh = translator(UI_STRINGS, 'zh-CN')

const msg = (seq: number, kind: Message['sender']['kind'], createdAt: number, extra: Partial<Message> = {}): Message => ({
  id: 'm' + seq, conversationId: 'c1', seq, sender: { kind }, text: 'text ' + seq, createdAt, ...extra,
})
const sys = (event: Message['event'], text = 'server text') => msg(1, 'system', 1, { event, text })

describe('bot, survey and auto-resolve events in the workbench timeline', () => {
  it('says why the bot handed over', () => {
    expect(timelineLine(sys({ type: 'handoff', reason: 'visitor_request' }), en, names).text).toBe('The bot handed over to a human: the visitor clicked “Talk to a human”')
    expect(timelineLine(sys({ type: 'handoff', reason: 'keyword' }), en, names).text).toBe('The bot handed over to a human: the visitor asked for a person')
    expect(timelineLine(sys({ type: 'handoff', reason: 'low_confidence' }), zh, names).text).toBe('机器人已转人工：机器人没有把握回答')
    expect(timelineLine(sys({ type: 'handoff', reason: 'quota_exceeded' }), en, names).text).toBe('The bot handed over to a human: quota_exceeded')
    expect(timelineLine(sys({ type: 'handoff' }), en, names).text).toBe('The bot handed over to a human')
  })

  it('shows a rating as stars with the comment apart', () => {
    expect(timelineLine(sys({ type: 'rating', score: 4, comment: 'Quick and kind' }), en, names)).toEqual({
      text: 'The visitor rated the conversation 4/5',
      rating: { score: 4, comment: 'Quick and kind' },
    })
    expect(timelineLine(sys({ type: 'rating', score: 9 }), en, names).rating).toEqual({ score: 5 })
    expect(timelineLine(sys({ type: 'rating', score: 2, comment: null }), zh, names).text).toBe('访客评价：2/5')
    expect(timelineLine(sys({ type: 'rating' }, 'Rated'), en, names)).toEqual({ text: 'Rated' })
  })

  it('says how long a conversation sat idle before it was resolved', () => {
    expect(timelineLine(sys({ type: 'auto_resolve', idleSeconds: 1800 }), en, names).text).toBe('Resolved automatically after 30 min without messages')
    expect(timelineLine(sys({ type: 'auto_resolve', idleSeconds: 5400 }), en, names).text).toBe('Resolved automatically after 1 h 30 min without messages')
    expect(timelineLine(sys({ type: 'auto_resolve', idleSeconds: 86400 * 2 }), zh, names).text).toBe('2 天无新消息，已自动结束')
    expect(timelineLine(sys({ type: 'auto_resolve' }), en, names).text).toBe('Resolved automatically')
  })

  it('lists what the bot offered', () => {
    const line = timelineLine(
      msg(3, 'bot', 1, { text: 'Did you mean one of these?', event: { type: 'bot_offer', suggestions: [{ articleId: 'a', title: 'Returns / 退货' }, { articleId: 'b', title: 'Delivery' }, { bad: 1 }] } }),
      en,
      names,
    )
    expect(line).toEqual({ text: 'Did you mean one of these?', suggestions: ['Returns / 退货', 'Delivery'] })
    expect(suggestionTitles('nope')).toEqual([])
  })

  it('says where a bot answer came from', () => {
    expect(botSource(msg(2, 'bot', 1, { event: { type: 'bot_answer', source: 'kb', confidence: 0.816 } }), en)).toBe('knowledge base, 82% sure')
    expect(botSource(msg(2, 'bot', 1, { event: { type: 'bot_answer', source: 'llm', firstTokenMs: 420 } }), en)).toBe('AI model, first words after 420 ms')
    expect(botSource(msg(2, 'bot', 1, { event: { type: 'bot_answer', source: 'llm' } }), zh)).toBe('AI 模型')
    expect(botSource(msg(2, 'bot', 1), en)).toBe('')
  })

  it('formats durations', () => {
    expect(duration(45, en)).toBe('45 s')
    expect(duration(60, en)).toBe('1 min')
    expect(duration(7200, en)).toBe('2 h')
    expect(duration(86400, en)).toBe('1 day')
  })
})

describe('private notes in the timeline', () => {
  const item = (m: Message): LogItem => ({ kind: 'message', key: 's' + m.seq, message: m })
  const note = (id: string, createdAt: number): Note => ({ id, authorId: 'bob', text: 'note ' + id, createdAt })

  it('go between the messages of their time, by time', () => {
    const items = [item(msg(1, 'visitor', 100)), item(msg(2, 'agent', 200)), item(msg(3, 'visitor', 300))]
    const out = mergeNotes(items, [note('b', 250), note('a', 150), note('c', 400), note('z', 50)])
    expect(out.map((x) => x.key)).toEqual(['nz', 's1', 'na', 's2', 'nb', 's3', 'nc'])
  })

  it('come before a pending send written after them', () => {
    const pending: LogItem = { kind: 'pending', key: 'cx', pending: { clientMsgId: 'x', conversationId: 'c1', text: 'hi', createdAt: 500 } }
    const out = mergeNotes([item(msg(1, 'visitor', 100)), pending], [note('a', 450), note('b', 600)])
    expect(out.map((x) => x.key)).toEqual(['s1', 'na', 'cx', 'nb'])
  })

  it('leave the messages alone when there are none', () => {
    const items = [item(msg(1, 'visitor', 100))]
    expect(mergeNotes(items, [])).toEqual(items)
  })
})
