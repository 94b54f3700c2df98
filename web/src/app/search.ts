// Search over conversation history and visitors (GET /api/v1/search, docs/api.md "Search"): the query, the
// filters and the last results. SearchBox and SearchView read it; only this file writes it.

import { reactive, ref } from 'vue'
import { ApiError, query } from '../shared/api'
import type { Conversation, ConversationState, Sender } from '../shared/protocol'
import { authed, describeError } from '../ui/auth'
import { t } from '../ui/i18n'
import { openConversation } from './workbench'

export const MAX_QUERY = 200

export interface SearchMatch {
  messageId: string
  seq: number
  sender: Sender
  createdAt: number
  snippet: string
  highlights: [number, number][]
}

export interface ConversationHit {
  conversation: Conversation & { labelIds?: string[] }
  score: number
  matches: SearchMatch[]
}

export interface VisitorHit {
  id: string
  name: string | null
  email: string | null
  lastSeenAt?: number | null
  latestConversationId: string | null
}

export interface SearchResults {
  conversations: ConversationHit[]
  visitors: VisitorHit[]
}

export interface Label {
  id: string
  name: string
  color: string
}

export interface Filters {
  from: string
  to: string
  /** '' any, 'me', or an agent id */
  agent: string
  label: string
  state: '' | ConversationState
}

export const searchOpen = ref(false)
export const searchText = ref('')
export const filters = reactive<Filters>({ from: '', to: '', agent: '', label: '', state: '' })
export const results = ref<SearchResults | null>(null)
export const searching = ref(false)
export const searchError = ref('')
export const labels = ref<Label[]>([])

let generation = 0
let inFlight: AbortController | null = null
let labelsLoaded = false

/** Runs the search for the current text and filters; a newer search cancels an older one. */
export async function runSearch(): Promise<void> {
  const q = searchText.value.trim()
  searchError.value = ''
  if (!q) {
    results.value = null
    closeSearch()
    return
  }
  if (q.length > MAX_QUERY) {
    searchError.value = t('search.tooLong', { n: MAX_QUERY })
    return
  }
  if (filters.from && filters.to && filters.to < filters.from) {
    searchError.value = t('search.badRange')
    return
  }
  searchOpen.value = true
  void loadLabels()
  const mine = ++generation
  inFlight?.abort()
  inFlight = new AbortController()
  searching.value = true
  try {
    const r = await authed<SearchResults>(
      '/api/v1/search' + query({ q, from: filters.from, to: filters.to, agent: filters.agent, label: filters.label, state: filters.state, limit: 30 }),
      { signal: inFlight.signal },
    )
    if (mine === generation) results.value = r
  } catch (e) {
    if ((e as Error)?.name === 'AbortError' || mine !== generation) return
    searchError.value = e instanceof ApiError && e.status === 400 ? e.message : describeError(e, 'search.unavailable')
  } finally {
    if (mine === generation) searching.value = false
  }
}

export function clearFilters(): void {
  Object.assign(filters, { from: '', to: '', agent: '', label: '', state: '' })
}

export function closeSearch(): void {
  searchOpen.value = false
}

async function loadLabels(): Promise<void> {
  if (labelsLoaded) return
  labelsLoaded = true
  try {
    labels.value = (await authed<{ items: Label[] }>('/api/v1/labels')).items ?? []
  } catch {
    labelsLoaded = false
  }
}

/** Opens a found conversation in the workbench and closes the results. */
export async function openHit(c: Conversation): Promise<void> {
  closeSearch()
  await openConversation(c)
}

/** Opens a found visitor's latest conversation. */
export async function openVisitor(v: VisitorHit): Promise<void> {
  if (!v.latestConversationId) return
  try {
    const c = await authed<Conversation>('/api/v1/conversations/' + encodeURIComponent(v.latestConversationId))
    await openHit(c)
  } catch (e) {
    searchError.value = describeError(e)
  }
}
