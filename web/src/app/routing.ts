// Routing as the workbench sees it: each waiting conversation's place and expected wait (GET /api/v1/queue) and
// every agent's load and capacity (GET /api/v1/routing/load). Kept live by workbench.ts, which asks for a
// refresh whenever a `conversation` or `presence` frame says something moved.

import { computed, reactive, ref } from 'vue'
import { ApiError } from '../shared/api'
import type { AgentLoad, Presence, QueuedConversation, QueuePlace } from '../shared/protocol'
import { authed, me } from '../ui/auth'

export const places = reactive(new Map<string, QueuePlace>())
export const loads = reactive(new Map<string, AgentLoad>())
/** 'unavailable': the server has no routing endpoints (an older server); the UI then hides places and loads. */
export const routingState = ref<'idle' | 'ready' | 'unavailable' | 'error'>('idle')

/** This agent's open conversations and capacity, e.g. {open: 3, maxChats: 5}. */
export const myLoad = computed(() => (me.value ? loads.get(me.value.id) : undefined))

/**
 * Reloads the queue and the loads. Returns the waiting conversations (without their place fields), longest
 * waiting first, or null when the queue could not be read.
 */
export async function loadRouting(): Promise<QueuedConversation[] | null> {
  const [queue, load] = await Promise.allSettled([
    authed<{ items: QueuedConversation[] }>('/api/v1/queue'),
    authed<{ items: AgentLoad[] }>('/api/v1/routing/load'),
  ])
  if (load.status === 'fulfilled') {
    loads.clear()
    for (const l of load.value.items ?? []) loads.set(l.agentId, l)
  }
  if (queue.status === 'rejected') {
    const e = queue.reason
    routingState.value = e instanceof ApiError && e.notAvailable ? 'unavailable' : 'error'
    return null
  }
  routingState.value = 'ready'
  places.clear()
  const items = queue.value.items ?? []
  for (const c of items) places.set(c.id, { position: c.position, expectedWaitSeconds: c.expectedWaitSeconds ?? null })
  return items
}

/** A `presence` frame: keep the loads (transfer dialog, top bar) current until the next reload. */
export function notePresenceLoad(agentId: string, status: Presence): void {
  const l = loads.get(agentId)
  if (l) l.presence = status
}

export function clearRouting(): void {
  places.clear()
  loads.clear()
  routingState.value = 'idle'
}
