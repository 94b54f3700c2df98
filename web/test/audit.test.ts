import { describe, expect, it } from 'vitest'
import { actorOf, describeAudit, type AuditNames } from '../src/admin/audit'
import { translator } from '../src/shared/i18n'
import type { AuditEntry } from '../src/shared/protocol'
import { UI_STRINGS } from '../src/ui/strings'

const en = translator(UI_STRINGS, 'en')
const zh = translator(UI_STRINGS, 'zh-CN')
const names: AuditNames = { agent: (id) => ({ ada: 'Ada', bob: 'Bob' })[id] ?? null, team: (id) => (id === 'sales' ? 'Sales' : null) }
const entry = (action: string, detail: AuditEntry['detail'] = null, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  id: 'e1', actorKind: 'agent', actorId: 'ada', action, targetKind: null, targetId: null, detail, at: 1, ...extra,
})

describe('audit log entries as sentences', () => {
  it('names the actor', () => {
    expect(actorOf(entry('login'), en, names)).toBe('Ada')
    expect(actorOf(entry('login', null, { actorId: 'zed' }), en, names)).toBe('an agent')
    expect(actorOf(entry('conversation.assign', null, { actorKind: 'system', actorId: null }), en, names)).toBe('Kefu')
    expect(actorOf(entry('conversation.handoff', null, { actorKind: 'visitor' }), zh, names)).toBe('访客')
  })

  it('describes conversation moves from their detail', () => {
    expect(describeAudit(entry('conversation.assign', { type: 'assign', to: 'bob', reason: 'least_busy' }), en, names)).toBe('Assigned a conversation to Bob (least busy)')
    expect(describeAudit(entry('conversation.transfer', { type: 'transfer', toTeam: 'sales' }), en, names)).toBe('Transferred a conversation to the Sales team')
    expect(describeAudit(entry('conversation.reassign', { from: 'ada', to: 'bob' }), en, names)).toBe('Reassigned a conversation from Ada to Bob')
    expect(describeAudit(entry('conversation.handoff', '{"type":"handoff","reason":"keyword"}'), en, names)).toBe(
      'Passed a conversation from the bot to the queue (the visitor asked for a person)',
    )
    expect(describeAudit(entry('conversation.handoff', { reason: 'new_reason' }), en, names)).toBe('Passed a conversation from the bot to the queue (new_reason)')
    expect(describeAudit(entry('conversation.resolved'), zh, names)).toBe('结束了会话')
  })

  it('describes settings and accounts', () => {
    expect(describeAudit(entry('agent.capacity', { maxChats: 3 }, { targetId: 'bob' }), en, names)).toBe('Set the maximum chats of Bob to 3')
    expect(describeAudit(entry('agent.update', { role: 'admin', active: true }, { targetId: 'bob' }), en, names)).toBe('Changed the account of Bob: Admin, active')
    expect(describeAudit(entry('team.create', { name: 'Support' }), en, names)).toBe('Created the team Support')
    expect(describeAudit(entry('login.failed', { email: 'x@example.com' }), en, names)).toBe('Failed to sign in as x@example.com (wrong password)')
    expect(describeAudit(entry('bot.settings', { mode: 'always' }), en, names)).toBe('Changed the bot settings')
  })

  it('shows an unknown action as it is', () => {
    expect(describeAudit(entry('webhook.create'), en, names)).toBe('webhook.create')
  })
})
