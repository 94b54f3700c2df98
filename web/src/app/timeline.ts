// The workbench's words for system messages: state changes and routing moves (assign, requeue, reassign,
// takeover, transfer) from `message.event`, with agent and team names from the directory. A transfer's note is
// returned apart, so the pane can mark it as seen by agents only.

import type { Message } from '../shared/protocol'

export interface TimelineNames {
  /** The signed-in agent's id: shown as "you". */
  me?: string | null
  agent(id: string): string
  team(id: string): string
}

export interface TimelineLine {
  text: string
  /** A transfer note: agents only (the server never sends it to a visitor). */
  note?: string
}

type T = (key: string, vars?: Record<string, string | number>) => string

const REASONS = new Set(['least_busy', 'round_robin', 'sticky'])

export function timelineLine(m: Message, t: T, names: TimelineNames): TimelineLine {
  const ev = m.event
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null)
  const who = (id: unknown) => {
    const s = str(id)
    return !s ? t('wb.anotherAgent') : s === names.me ? t('chat.you') : names.agent(s)
  }
  let text: string
  switch (ev?.type) {
    case 'state': {
      const by = str(ev.by) ? who(ev.by) : ''
      if (ev.to === 'open' && ev.from === 'resolved') text = by ? t('sys.reopenedBy', { by }) : t('sys.reopened')
      else if (ev.to === 'open') text = by ? t('sys.taken', { by }) : t('sys.opened')
      else if (ev.to === 'resolved') text = by ? t('sys.resolvedBy', { by }) : t('sys.resolved')
      else if (ev.to === 'queued') text = t(ev.from === 'resolved' ? 'sys.requeued' : 'sys.queued')
      else text = m.text || ev.type
      break
    }
    case 'assign': {
      text = t('sys.assign', { name: who(ev.to) })
      const reason = str(ev.reason)
      if (reason && REASONS.has(reason)) text = t('sys.because', { text, reason: t('reason.' + reason) })
      break
    }
    case 'requeue':
      text = str(ev.from) ? t('sys.requeue', { name: who(ev.from) }) : t('sys.requeueNobody')
      break
    case 'reassign':
      text = str(ev.from) ? t('sys.reassign', { from: who(ev.from), to: who(ev.to) }) : t('sys.assign', { name: who(ev.to) })
      break
    case 'takeover':
      text = str(ev.from) ? t('sys.takeover', { to: who(ev.to), from: who(ev.from) }) : t('sys.takeoverFree', { to: who(ev.to) })
      break
    case 'transfer': {
      const by = str(ev.by) ? who(ev.by) : ''
      const toTeam = str(ev.toTeam)
      const team = toTeam ? names.team(toTeam) : ''
      if (toTeam && team) text = by ? t('sys.transferTeamBy', { by, team }) : t('sys.transferTeam', { team })
      else if (toTeam) text = by ? t('sys.transferSomeTeamBy', { by }) : t('sys.transferSomeTeam')
      else text = by ? t('sys.transferBy', { by, name: who(ev.to) }) : t('sys.transferred', { name: who(ev.to) })
      const note = str(ev.note)
      return note ? { text: capitalize(text), note } : { text: capitalize(text) }
    }
    default:
      text = m.text || ev?.type || ''
  }
  return { text: capitalize(text) }
}

/** "you took over …" starts a sentence: "You took over …". Leaves other scripts alone. */
function capitalize(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s
}
