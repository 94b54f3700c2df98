// Labels (docs/api.md, "Labels"): the workspace's labels, looked up by id for the chips in the list and the chat
// header, and the list's label filter. Which labels a conversation has lives on its entry (workbench.ts), from
// list items' `labelIds` and `labels` frames.

import { ref } from 'vue'
import { ApiError } from '../shared/api'
import type { Label } from '../shared/protocol'
import { authed } from '../ui/auth'
import type { Availability } from './directory'

export const labels = ref<Label[]>([])
export const labelsState = ref<Availability>('idle')
/** The list shows only conversations with this label; null: all. */
export const labelFilter = ref<string | null>(null)

export async function loadLabels(force = false): Promise<void> {
  const s = labelsState.value
  if (s === 'loading' || (!force && (s === 'ready' || s === 'unavailable'))) return
  labelsState.value = 'loading'
  try {
    labels.value = (await authed<{ items: Label[] }>('/api/v1/labels')).items ?? []
    labelsState.value = 'ready'
  } catch (e) {
    labelsState.value = e instanceof ApiError && e.notAvailable ? 'unavailable' : 'error'
  }
}

/** Ids not in the list that were already looked for once (a deleted label must not refetch forever). */
const soughtOnce = new Set<string>()

/** The labels of these ids that this tab knows, in the workspace's order (by name). */
export function labelsOf(ids: readonly string[] | null | undefined): Label[] {
  if (!ids?.length) return []
  // A label created since the list was loaded: fetch the list again, once per unknown id.
  const unknown = labelsState.value === 'ready' ? ids.filter((id) => !soughtOnce.has(id) && !labels.value.some((l) => l.id === id)) : []
  if (unknown.length) {
    unknown.forEach((id) => soughtOnce.add(id))
    void loadLabels(true)
  }
  return labels.value.filter((l) => ids.includes(l.id))
}

/** Replaces a conversation's labels; returns the ids the server kept. */
export async function putLabels(conversationId: string, labelIds: string[]): Promise<string[]> {
  const res = await authed<{ labelIds: string[] }>('/api/v1/conversations/' + encodeURIComponent(conversationId) + '/labels', {
    method: 'PUT',
    body: { labelIds },
  })
  return res.labelIds ?? labelIds
}

export function clearLabels(): void {
  labels.value = []
  labelsState.value = 'idle'
  labelFilter.value = null
  soughtOnce.clear()
}
