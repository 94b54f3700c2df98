// Workspace data the workbench looks up on demand: agents, teams and canned replies. Each remembers whether
// the server has the endpoint, so the UI can say so instead of failing.

import { ref } from 'vue'
import { ApiError } from '../shared/api'
import type { Agent, Presence, Team } from '../shared/protocol'
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
export const teams = ref<Team[]>([])
export const teamsState = ref<Availability>('idle')
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
export const loadTeams = (force = false) => {
  if (force && teamsState.value !== 'loading') teamsState.value = 'idle'
  return load<Team>('/api/v1/teams', teamsState, teams)
}
export const loadCanned = () => load<CannedReply>('/api/v1/canned-replies', cannedState, canned)

/** A `presence` frame: keep the agents list (transfer dialog) current. */
export function notePresence(agentId: string, status: Presence): void {
  const a = agents.value.find((x) => x.id === agentId)
  if (a) a.presence = status
  // Someone new (just joined by invite): their name is needed for the list and the timeline.
  else if (agentsState.value === 'ready') void loadAgents(true)
}

export function agentName(id: string | null | undefined): string {
  if (!id) return ''
  return agents.value.find((a) => a.id === id)?.name ?? t('wb.anotherAgent')
}

/** The team's name; '' for none (the workspace's queue) or one this tab does not know (yet). */
export function teamName(id: string | null | undefined): string {
  if (!id) return ''
  return teams.value.find((x) => x.id === id)?.name ?? ''
}

export function clearDirectory(): void {
  agents.value = []
  teams.value = []
  canned.value = []
  agentsState.value = teamsState.value = cannedState.value = 'idle'
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
