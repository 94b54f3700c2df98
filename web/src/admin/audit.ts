// The audit log's entries as sentences: who did what ("Ada resolved a conversation", "Routing assigned a
// conversation to Bob (least busy)"), from the action, the target and the detail the server recorded.

import type { AuditEntry } from '../shared/protocol'

type T = (key: string, vars?: Record<string, string | number>) => string

export interface AuditNames {
  agent(id: string): string | null
  team(id: string): string | null
}

/** The action prefixes the filter offers (`action=<prefix>` matches the prefix and everything below it). */
export const AUDIT_FILTERS = ['login', 'conversation', 'agent', 'team', 'routing', 'workspace', 'widget', 'bot'] as const

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null)

function detailOf(e: AuditEntry): Record<string, unknown> {
  if (e.detail && typeof e.detail === 'object') return e.detail
  if (typeof e.detail === 'string') {
    try {
      const d = JSON.parse(e.detail)
      return d && typeof d === 'object' ? d : {}
    } catch {
      return {}
    }
  }
  return {}
}

/** Who did it: an agent's name, "Kefu" for the system, "A visitor". */
export function actorOf(e: AuditEntry, t: T, names: AuditNames): string {
  if (e.actorKind === 'agent' && e.actorId) return names.agent(e.actorId) ?? t('au.someAgent')
  if (e.actorKind === 'system') return t('au.system')
  if (e.actorKind === 'visitor') return t('au.visitor')
  return t('au.unknown')
}

/** What was done, as a sentence without the actor ("resolved a conversation"). */
export function describeAudit(e: AuditEntry, t: T, names: AuditNames): string {
  const d = detailOf(e)
  const agent = (id: unknown) => (str(id) ? names.agent(id as string) ?? t('au.someAgent') : t('au.nobody'))
  const target = () => (e.targetId ? names.agent(e.targetId) ?? t('au.someAgent') : t('au.someAgent'))
  const reason = str(d.reason)
  /** The words for a reason, or the reason itself when there are none. */
  const why = (prefix: string) => {
    if (!reason) return ''
    const words = t(prefix + reason)
    return ' (' + (words === prefix + reason ? reason : words) + ')'
  }
  switch (e.action) {
    case 'login':
      return t('au.login')
    case 'login.failed':
      return str(d.email) ? t('au.loginFailedEmail', { email: str(d.email)! }) : t('au.loginFailed')
    case 'conversation.open':
      return t('au.convOpen')
    case 'conversation.resolved':
      return t('au.convResolved')
    case 'conversation.queued':
      return t('au.convQueued')
    case 'conversation.bot':
      return t('au.convBot')
    case 'conversation.assign':
      return t('au.convAssign', { name: agent(d.to) }) + why('reason.')
    case 'conversation.requeue':
      return t('au.convRequeue', { name: agent(d.from) })
    case 'conversation.reassign':
      return t('au.convReassign', { from: agent(d.from), to: agent(d.to) })
    case 'conversation.takeover':
      return t('au.convTakeover', { from: agent(d.from) })
    case 'conversation.transfer': {
      const team = str(d.toTeam)
      return team ? t('au.convTransferTeam', { team: names.team(team) ?? t('au.someTeam') }) : t('au.convTransfer', { name: agent(d.to) })
    }
    case 'conversation.handoff':
      return t('au.convHandoff') + why('handoff.')
    case 'conversation.auto_resolve':
      return t('au.convAutoResolve')
    case 'routing.settings':
      return t('au.routing')
    case 'team.create':
      return t('au.teamCreate', { name: str(d.name) ?? (e.targetId && names.team(e.targetId)) ?? t('au.someTeam') })
    case 'team.update':
      return t('au.teamUpdate', { name: str(d.name) ?? (e.targetId && names.team(e.targetId)) ?? t('au.someTeam') })
    case 'team.delete':
      return t('au.teamDelete', { name: (e.targetId && names.team(e.targetId)) || t('au.someTeam') })
    case 'agent.update': {
      const parts: string[] = []
      if (str(d.role)) parts.push(t('role.' + d.role))
      if (typeof d.active === 'boolean') parts.push(t(d.active ? 'au.active' : 'au.inactive'))
      return t('au.agentUpdate', { name: target() }) + (parts.length ? ': ' + parts.join(', ') : '')
    }
    case 'agent.invite':
      return str(d.email) ? t('au.agentInviteEmail', { email: str(d.email)! }) : t('au.agentInvite')
    case 'agent.capacity':
      return typeof d.maxChats === 'number' ? t('au.capacity', { name: target(), n: d.maxChats }) : t('au.capacityPlain', { name: target() })
    case 'workspace.update':
      return t('au.workspace')
    case 'workspace.hours':
      return t('au.hours')
    case 'widget.settings':
      return t('au.widget')
    case 'bot.settings':
      return t('au.bot')
  }
  return e.action
}
