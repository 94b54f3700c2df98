import { describe, expect, it } from 'vitest'
import { timelineLine, type TimelineNames } from '../src/app/timeline'
import { translator } from '../src/shared/i18n'
import type { Message } from '../src/shared/protocol'
import { UI_STRINGS } from '../src/ui/strings'

const AGENTS: Record<string, string> = { bob: 'Bob', ann: 'Ann' }
const names: TimelineNames = { me: 'me', agent: (id) => AGENTS[id] ?? 'another agent', team: (id) => (id === 'sales' ? 'Sales' : '') }
const en = translator(UI_STRINGS, 'en')
const zh = translator(UI_STRINGS, 'zh-CN')

const sys = (event: Message['event'], text = 'server text'): Message => ({
  id: 'm1', conversationId: 'c1', seq: 1, sender: { kind: 'system' }, text, createdAt: 1, event,
})

describe('routing events in the workbench timeline', () => {
  it('says who got it and why', () => {
    expect(timelineLine(sys({ type: 'assign', to: 'bob', reason: 'least_busy' }), en, names).text).toBe('Assigned to Bob (least busy)')
    expect(timelineLine(sys({ type: 'assign', to: 'bob', reason: 'round_robin' }), en, names).text).toBe('Assigned to Bob (round robin)')
    expect(timelineLine(sys({ type: 'assign', to: 'me', reason: 'sticky' }), en, names).text).toBe('Assigned to you (served this visitor before)')
    expect(timelineLine(sys({ type: 'assign', to: 'bob', reason: 'something_new' }), en, names).text).toBe('Assigned to Bob')
    expect(timelineLine(sys({ type: 'assign', to: 'bob', reason: 'least_busy' }), zh, names).text).toBe('已分配给Bob（最空闲）')
  })

  it('explains requeue, reassign and takeover', () => {
    expect(timelineLine(sys({ type: 'requeue', from: 'bob', reason: 'agent_offline' }), en, names).text).toBe('Bob went offline — back in the queue')
    expect(timelineLine(sys({ type: 'reassign', from: 'bob', to: 'ann', reason: 'no_answer' }), en, names).text).toBe('Bob did not answer — reassigned to Ann')
    expect(timelineLine(sys({ type: 'takeover', from: 'bob', to: 'ann' }), en, names).text).toBe('Ann (supervisor) took over from Bob')
    expect(timelineLine(sys({ type: 'takeover', from: 'bob', to: 'me' }), en, names).text).toBe('You (supervisor) took over from Bob')
    expect(timelineLine(sys({ type: 'takeover', from: null, to: 'ann' }), en, names).text).toBe('Ann (supervisor) took over')
    expect(timelineLine(sys({ type: 'takeover', from: 'bob', to: 'ann' }), zh, names).text).toBe('Ann（主管）接管了Bob的会话')
    expect(timelineLine(sys({ type: 'reassign', from: 'bob', to: 'ann' }), zh, names).text).toBe('Bob未及时回复，已改派给Ann')
  })

  it('keeps a transfer note apart, for agents only', () => {
    const toAgent = timelineLine(sys({ type: 'transfer', from: 'bob', to: 'ann', by: 'bob', note: 'VIP, wants a refund' }), en, names)
    expect(toAgent).toEqual({ text: 'Bob transferred the conversation to Ann', note: 'VIP, wants a refund' })
    const toTeam = timelineLine(sys({ type: 'transfer', from: 'me', toTeam: 'sales', by: 'me' }), en, names)
    expect(toTeam).toEqual({ text: 'You transferred the conversation to the Sales team' })
    expect(timelineLine(sys({ type: 'transfer', toTeam: 'gone', by: 'bob' }), en, names).text).toBe('Bob transferred the conversation to another team')
    expect(timelineLine(sys({ type: 'transfer', to: 'me', by: 'bob' }), zh, names).text).toBe('Bob将会话转接给我')
  })

  it('names an agent this tab does not know as "another agent"', () => {
    expect(timelineLine(sys({ type: 'requeue', from: 'zed' }), en, names).text).toBe('Another agent went offline — back in the queue')
  })

  it('still renders state changes and falls back to the server text for unknown events', () => {
    expect(timelineLine(sys({ type: 'state', from: 'queued', to: 'open', by: 'bob' }), en, names).text).toBe('Taken by Bob')
    expect(timelineLine(sys({ type: 'state', from: 'open', to: 'resolved', by: 'me' }), en, names).text).toBe('Resolved by you')
    expect(timelineLine(sys({ type: 'bot_handoff' }, 'The bot handed over'), en, names).text).toBe('The bot handed over')
  })

  it('has every reason key in both languages', () => {
    for (const r of ['least_busy', 'round_robin', 'sticky']) {
      expect(UI_STRINGS.en!['reason.' + r]).toBeTruthy()
      expect(UI_STRINGS['zh-CN']!['reason.' + r]).toBeTruthy()
    }
    for (const p of ['least_busy', 'round_robin', 'sticky', 'manual']) {
      for (const k of ['policy.', 'policyHelp.']) expect(UI_STRINGS['zh-CN']![k + p]).toBeTruthy()
    }
  })
})
