// Private notes (docs/api.md, "Private notes"): loaded when a conversation is opened, added from the composer's
// "Internal note" mode, and kept live from `note` frames. Agents only — the server never sends a note to a
// visitor, and the workbench never puts one into a message.

import { reactive } from 'vue'
import { ApiError } from '../shared/api'
import type { Note } from '../shared/protocol'
import { authed } from '../ui/auth'

export type NotesState = 'loading' | 'ready' | 'unavailable' | 'error'

/** Notes per conversation, oldest first. */
export const notes = reactive(new Map<string, Note[]>())
export const notesState = reactive(new Map<string, NotesState>())

const path = (id: string) => '/api/v1/conversations/' + encodeURIComponent(id) + '/notes'

/** Loads a conversation's notes once (again with `force`, e.g. after a reconnect). */
export async function loadNotes(conversationId: string, force = false): Promise<void> {
  const s = notesState.get(conversationId)
  if (!force && (s === 'loading' || s === 'ready' || s === 'unavailable')) return
  notesState.set(conversationId, 'loading')
  try {
    const page = await authed<{ items: Note[] }>(path(conversationId))
    for (const n of page.items ?? []) noteAdded(conversationId, n)
    notesState.set(conversationId, 'ready')
  } catch (e) {
    notesState.set(conversationId, e instanceof ApiError && e.notAvailable ? 'unavailable' : 'error')
  }
}

/** Writes a note; it shows at once (the `note` frame that follows is recognised by its id). */
export async function addNote(conversationId: string, text: string): Promise<Note> {
  const n = await authed<Note>(path(conversationId), { body: { text } })
  noteAdded(conversationId, n)
  return n
}

/** A note from the server (list, POST answer or `note` frame); each id once, in time order. */
export function noteAdded(conversationId: string, n: Note): void {
  if (!n || typeof n.id !== 'string') return
  const list = notes.get(conversationId) ?? []
  if (list.some((x) => x.id === n.id)) return
  const next = [...list, { ...n, conversationId }].sort((a, b) => a.createdAt - b.createdAt)
  notes.set(conversationId, next)
}

export function notesFor(conversationId: string): Note[] {
  return notes.get(conversationId) ?? []
}

export function clearNotes(): void {
  notes.clear()
  notesState.clear()
}
