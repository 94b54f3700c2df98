// The workbench's words for system messages: state changes and routing moves (assign, requeue, reassign,
// takeover, transfer), the bot's hand-offs, automatic resolves and ratings, from `message.event`, with agent and
// team names from the directory. A transfer's note is returned apart, so the pane can mark it as seen by agents
// only; a rating's stars and comment too, so the pane can draw them.

import type { Message, Note } from '../shared/protocol'
import type { LogItem } from '../shared/store'

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
  /** A rating: 1–5 and the visitor's comment. */
  rating?: { score: number; comment?: string }
  /** The bot's "did you mean" offer: the article titles it listed. */
  suggestions?: string[]
}

type T = (key: string, vars?: Record<string, string | number>) => string

const REASONS = new Set(['least_busy', 'round_robin', 'sticky'])
/** Hand-off reasons with their own words (docs/api.md, "The bot as first line"); others show as they are. */
export const HANDOFF_REASONS = ['keyword', 'low_confidence', 'timeout', 'error', 'empty', 'breaker_open', 'visitor_request', 'unsupported'] as const

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
    case 'handoff': {
      const reason = str(ev.reason)
      text = !reason
        ? t('sys.handoffPlain')
        : t('sys.handoff', { reason: (HANDOFF_REASONS as readonly string[]).includes(reason) ? t('handoff.' + reason) : reason })
      break
    }
    case 'auto_resolve': {
      const idle = typeof ev.idleSeconds === 'number' && ev.idleSeconds > 0 ? ev.idleSeconds : null
      text = idle === null ? t('sys.autoResolvedPlain') : t('sys.autoResolved', { idle: duration(idle, t) })
      break
    }
    case 'rating': {
      const score = typeof ev.score === 'number' ? Math.max(1, Math.min(5, Math.round(ev.score))) : null
      if (score === null) {
        text = m.text || t('sys.ratedPlain')
        break
      }
      const comment = str(ev.comment)
      return { text: t('sys.rated', { score }), rating: comment ? { score, comment } : { score } }
    }
    case 'bot_offer':
      return { text: capitalize(m.text || t('sys.botOffer')), suggestions: suggestionTitles(ev.suggestions) }
    default:
      text = m.text || ev?.type || ''
  }
  return { text: capitalize(text) }
}

/** The titles of a bot event's suggestions (`[{articleId, title}]`), ignoring malformed entries. */
export function suggestionTitles(list: unknown): string[] {
  if (!Array.isArray(list)) return []
  return list.map((x) => (x && typeof x === 'object' && typeof (x as { title?: unknown }).title === 'string' ? (x as { title: string }).title : '')).filter(Boolean)
}

/**
 * The small print under a bot message: where the answer came from ("knowledge base · 82% sure", "AI model ·
 * first words after 420 ms"); '' when the event says nothing.
 */
export function botSource(m: Message, t: T): string {
  const ev = m.event
  if (ev?.type !== 'bot_answer') return ''
  if (ev.source === 'kb') {
    return typeof ev.confidence === 'number' ? t('bot.fromKbSure', { pct: Math.round(ev.confidence * 100) }) : t('bot.fromKb')
  }
  if (ev.source === 'llm') {
    return typeof ev.firstTokenMs === 'number' ? t('bot.fromLlmAfter', { ms: ev.firstTokenMs }) : t('bot.fromLlm')
  }
  return ''
}

/** "45 s", "30 min", "2 h", "1 h 30 min", "3 days": how long a conversation sat idle. */
export function duration(seconds: number, t: T): string {
  const s = Math.round(seconds)
  if (s < 60) return t('dur.s', { n: s })
  const m = Math.round(s / 60)
  if (m < 60) return t('dur.min', { n: m })
  if (m < 24 * 60) {
    const h = Math.floor(m / 60)
    return m % 60 ? t('dur.hMin', { h, m: m % 60 }) : t('dur.h', { n: h })
  }
  const d = Math.round(m / (24 * 60))
  return t(d === 1 ? 'dur.day' : 'dur.days', { n: d })
}

/** "you took over …" starts a sentence: "You took over …". Leaves other scripts alone. */
function capitalize(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s
}

/** A private note in the timeline, between the messages of its time. */
export interface NoteItem {
  kind: 'note'
  key: string
  note: Note
}

export type TimelineItem = LogItem | NoteItem

/**
 * The conversation's messages (seq order) and pending sends with its private notes, each note placed before the
 * first message or pending send written after it (notes take no seq, so time is all there is to go by).
 */
export function mergeNotes(items: readonly LogItem[], notes: readonly Note[]): TimelineItem[] {
  if (!notes.length) return [...items]
  const sorted = [...notes].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
  const out: TimelineItem[] = []
  let n = 0
  for (const item of items) {
    const at = item.kind === 'message' ? item.message.createdAt : item.pending.createdAt
    while (n < sorted.length && sorted[n].createdAt < at) out.push(noteItem(sorted[n++]))
    out.push(item)
  }
  while (n < sorted.length) out.push(noteItem(sorted[n++]))
  return out
}

const noteItem = (note: Note): NoteItem => ({ kind: 'note', key: 'n' + note.id, note })
