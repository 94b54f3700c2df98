// Workspace data the workbench looks up on demand (proposed endpoints, see API-NEEDS.md): agents and canned
// replies. Each remembers whether the server has the endpoint, so the UI can say so instead of failing.

import { ref } from 'vue'
import { ApiError } from '../shared/api'
import type { Agent } from '../shared/protocol'
import { authed } from '../ui/auth'
import { t } from '../ui/i18n'

export type Availability = 'idle' | 'loading' | 'ready' | 'unavailable' | 'error'

export interface CannedReply {
  id: string
  shortcut: string
  title?: string
  text: string
}

export const agents = ref<Agent[]>([])
export const agentsState = ref<Availability>('idle')
export const canned = ref<CannedReply[]>([])
export const cannedState = ref<Availability>('idle')

async function load<T>(path: string, state: typeof agentsState, target: { value: T[] }): Promise<void> {
  if (state.value === 'loading' || state.value === 'ready' || state.value === 'unavailable') return
  state.value = 'loading'
  try {
    target.value = (await authed<{ items: T[] }>(path)).items ?? []
    state.value = 'ready'
  } catch (e) {
    state.value = e instanceof ApiError && e.notAvailable ? 'unavailable' : 'error'
  }
}

export const loadAgents = (force = false) => {
  if (force && agentsState.value !== 'loading') agentsState.value = 'idle'
  return load<Agent>('/api/v1/agents', agentsState, agents)
}
export const loadCanned = () => load<CannedReply>('/api/v1/canned-replies', cannedState, canned)

/** A `presence` frame: keep the agents list (transfer dialog) current. */
export function notePresence(agentId: string, status: 'online' | 'away' | 'offline'): void {
  const a = agents.value.find((x) => x.id === agentId)
  if (a) a.presence = status
}

export function agentName(id: string | null | undefined): string {
  if (!id) return ''
  return agents.value.find((a) => a.id === id)?.name ?? t('wb.anotherAgent')
}

/** Canned replies whose shortcut or title starts with / contains the query (after the "/"). */
export function matchCanned(q: string): CannedReply[] {
  const s = q.toLowerCase()
  const starts = canned.value.filter((c) => c.shortcut.toLowerCase().startsWith(s))
  const rest = canned.value.filter(
    (c) => !starts.includes(c) && (c.shortcut.toLowerCase().includes(s) || (c.title ?? '').toLowerCase().includes(s) || c.text.toLowerCase().includes(s)),
  )
  return [...starts, ...rest].slice(0, 8)
}
