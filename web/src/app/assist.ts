// Agent assist (docs/api.md, "The bot as first line"): suggested replies for the visitor's latest message, from
// the knowledge base and, when a model is configured, a drafted answer. Never sent by themselves: a click only
// puts the text into the composer.

import type { SuggestedReply, Suggestions } from '../shared/protocol'
import { authed } from '../ui/auth'

export async function fetchSuggestions(conversationId: string, signal?: AbortSignal): Promise<Suggestions> {
  const s = await authed<Suggestions>('/api/v1/conversations/' + encodeURIComponent(conversationId) + '/suggestions', { signal })
  return { question: s?.question ?? null, items: (s?.items ?? []).filter((i): i is SuggestedReply => !!i && typeof i.text === 'string' && !!i.text.trim()) }
}
