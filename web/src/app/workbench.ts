// The workbench's live state: the conversation list, one message log per opened conversation, and the
// agent's WebSocket (resume and resend like the widget). Components read it; only this file writes it.

import { computed, reactive, ref } from 'vue'
import { ApiError, query } from '../shared/api'
import { beep } from '../shared/notify'
import { catchUp, fetchMessages, TypingSender } from '../shared/chat'
import { clearDirectory, loadAgents, loadTeams, notePresence } from './directory'
import { clearRouting, loadRouting, notePresenceLoad, routingState } from './routing'
import { clearLabels, labelFilter } from './labels'
import { clearNotes, loadNotes, noteAdded, notesState } from './notes'
import { BotStreams } from '../shared/botStream'
import type { Conversation, Message, PageView, SendFrame, ServerFrame } from '../shared/protocol'
import { ChatSocket, wsUrl, type SocketState } from '../shared/socket'
import { ConversationLog, newClientMsgId } from '../shared/store'
import { authed, clearLogin, me, restore, signedIn, token } from '../ui/auth'
import { t } from '../ui/i18n'

export type Tab = 'waiting' | 'mine' | 'open' | 'resolved'

export interface Entry {
  conv: Conversation
  /** Last message text and who sent it, as far as this tab knows. */
  preview: string
  previewKind: string
  unread: number
  /** Highest seq this tab has seen (for `resume` when no log is loaded). */
  seen: number
  /** Highest seq this tab reported read. */
  readSent: number
  typingUntil: number
}

export const entries = reactive(new Map<string, Entry>())
export const tab = ref<Tab>('mine')
export const selectedId = ref<string | null>(null)
export const connection = ref<SocketState>('closed')
export const listError = ref('')
export const listLoading = ref(false)
/** Bumped whenever a message log changes; computed views depend on it. */
export const logVersion = ref(0)
/** Clock for typing indicators. */
export const now = ref(Date.now())
export const notificationsAllowed = ref(typeof Notification !== 'undefined' && Notification.permission === 'granted')
export const resolvedNext = ref<number | null>(null)
/** This agent's chosen presence (the Online/Away toggle). */
export const myPresence = ref<'online' | 'away'>('online')

/**
 * Live news about visitors with an open conversation (`visitor` frames): per visitor id, the page they are on now
 * and a revision that changes with every frame, so the visitor panel knows to reload the profile.
 */
export const visitorNews = reactive(new Map<string, { rev: number; page: PageView | null; changed: string[] }>())
/** The bot's answers while they stream; `streamVersion` is bumped on every change for Vue. */
export const botStreams = new BotStreams()
export const streamVersion = ref(0)
botStreams.onChange(() => streamVersion.value++)

const logs = new Map<string, ConversationLog>()
let socket: ChatSocket | null = null
let helloCount = 0

setInterval(() => (now.value = Date.now()), 1000)
// Expected waits drift with time even when nothing moves: refresh them now and then.
setInterval(() => {
  if (socket && document.visibilityState === 'visible') routingSoon(0)
}, 30_000)

export function inTab(e: Entry, which: Tab): boolean {
  const c = e.conv
  switch (which) {
    case 'waiting':
      return c.state === 'queued'
    case 'mine':
      return c.state === 'open' && c.assigneeId === me.value?.id
    case 'open':
      // With the bot: supervisors can watch it answer, and take the chat from it.
      return c.state === 'open' || c.state === 'bot'
    case 'resolved':
      return c.state === 'resolved'
  }
}

const activity = (e: Entry) => e.conv.lastMessageAt ?? e.conv.updatedAt ?? 0
/** When it started waiting: the queue shows the longest waiting first. */
export const queuedSince = (c: Conversation) => c.queuedAt ?? c.createdAt

export const visible = computed(() => {
  const label = labelFilter.value
  const list = [...entries.values()].filter((e) => inTab(e, tab.value) && (!label || !!e.conv.labelIds?.includes(label)))
  return tab.value === 'waiting'
    ? list.sort((a, b) => queuedSince(a.conv) - queuedSince(b.conv))
    : list.sort((a, b) => activity(b) - activity(a))
})

export const counts = computed(() => {
  const c: Record<Tab, { total: number; unread: number }> = {
    waiting: { total: 0, unread: 0 },
    mine: { total: 0, unread: 0 },
    open: { total: 0, unread: 0 },
    resolved: { total: 0, unread: 0 },
  }
  for (const e of entries.values()) {
    for (const which of ['waiting', 'mine', 'open', 'resolved'] as Tab[]) {
      if (inTab(e, which)) {
        c[which].total++
        c[which].unread += e.unread
      }
    }
  }
  return c
})

export const selected = computed(() => (selectedId.value ? entries.get(selectedId.value) ?? null : null))

export function visitorLabel(c: Conversation): string {
  return c.visitor?.name || c.visitor?.email || t('wb.visitor', { id: c.visitorId.slice(-4).toUpperCase() })
}

function upsert(raw: Conversation): Entry {
  // Queue items carry their place, the visitor's copy its `queue`: places live in routing.ts, not here.
  const c = { ...raw } as Conversation & { position?: unknown; expectedWaitSeconds?: unknown }
  delete c.position
  delete c.expectedWaitSeconds
  delete c.queue
  let e = entries.get(c.id)
  if (!e) {
    const read = c.agentReadSeq ?? (c.state === 'queued' ? 0 : c.lastSeq)
    e = {
      conv: c,
      preview: c.lastMessage?.text ?? '',
      previewKind: c.lastMessage?.sender.kind ?? '',
      unread: Math.max(0, c.lastSeq - read),
      seen: c.lastSeq,
      readSent: 0,
      typingUntil: 0,
    }
    entries.set(c.id, e)
    // Frames and the queue carry the bare conversation: fetch the visitor's name and the preview once.
    if (c.visitor === undefined) void completeEntry(c.id)
    return entries.get(c.id)!
  }
  // Keep the newer copy: events and list reloads can arrive in any order.
  if ((c.updatedAt ?? 0) >= (e.conv.updatedAt ?? 0)) e.conv = { ...e.conv, ...c }
  if (c.lastMessage && (c.lastMessage.createdAt ?? 0) >= (e.conv.lastMessageAt ?? 0)) {
    e.preview = c.lastMessage.text
    e.previewKind = c.lastMessage.sender.kind
  }
  e.seen = Math.max(e.seen, c.lastSeq)
  return e
}

const completing = new Set<string>()

async function completeEntry(id: string): Promise<void> {
  if (completing.has(id)) return
  completing.add(id)
  try {
    upsert(await authed<Conversation>('/api/v1/conversations/' + encodeURIComponent(id)))
  } catch {
    // the list shows "Visitor 1A2B" until the next reload
  } finally {
    completing.delete(id)
  }
}

let routingTimer: ReturnType<typeof setTimeout> | undefined

/**
 * Reloads the queue's places and the agents' loads soon. Bursts of frames (a resolve frees a slot, routing
 * assigns the next one, places move) become one request; the wait is not restarted by each frame, so a
 * steady stream of changes still refreshes at least every `ms`.
 */
export function routingSoon(ms = 1000): void {
  if (routingTimer || routingState.value === 'unavailable') return
  routingTimer = setTimeout(() => {
    routingTimer = undefined
    void refreshRouting()
  }, ms)
}

async function refreshRouting(): Promise<void> {
  const queued = await loadRouting()
  for (const c of queued ?? []) upsert(c)
}

async function loadList(params: Record<string, string | number | undefined>): Promise<{ items: Conversation[]; next: number | null }> {
  return authed<{ items: Conversation[]; next: number | null }>('/api/v1/conversations' + query({ limit: 100, ...params }))
}

/** Loads the queued and open conversations (the live part of the list). */
export async function refreshLists(): Promise<void> {
  listLoading.value = true
  listError.value = ''
  try {
    const [queued, open, bot] = await Promise.all([
      loadList({ state: 'queued' }),
      loadList({ state: 'open' }),
      loadList({ state: 'bot' }).catch(() => ({ items: [] as Conversation[] })),
    ])
    for (const c of [...queued.items, ...open.items, ...bot.items]) upsert(c)
    routingSoon(0)
    if (tab.value === 'resolved') await loadResolved(true)
    void fillPreviews()
  } catch (e) {
    listError.value = t(e instanceof ApiError && e.status === 0 ? 'wb.cannotReach' : 'wb.listFailed')
  } finally {
    listLoading.value = false
  }
}

export async function loadResolved(reset = false): Promise<void> {
  const page = await loadList({
    state: 'resolved',
    before: reset ? undefined : resolvedNext.value ?? undefined,
    label: labelFilter.value ?? undefined,
  })
  for (const c of page.items) upsert(c)
  resolvedNext.value = page.next
  void fillPreviews()
}

let filling = false

/**
 * Until the server sends `lastMessage` with each conversation (API-NEEDS.md, item 12), fetch the last few
 * messages of listed conversations that have no preview, a few at a time, newest activity first.
 */
async function fillPreviews(): Promise<void> {
  if (filling) return
  filling = true
  try {
    const todo = [...entries.values()]
      .filter((e) => !e.preview && e.conv.lastSeq > 0 && e.conv.lastMessage === undefined)
      .sort((a, b) => activity(b) - activity(a))
      .slice(0, 60)
    for (let i = 0; i < todo.length; i += 4) {
      await Promise.all(
        todo.slice(i, i + 4).map(async (e) => {
          try {
            const page = await signedIn(() => fetchMessages(e.conv.id, { limit: 5 }, token.value))
            const last = page.items.filter((m) => m.sender.kind !== 'system').pop()
            if (last) notePreview(e.conv.id, last)
          } catch {
            // the preview stays empty
          }
        }),
      )
    }
  } finally {
    filling = false
  }
}

/**
 * Shows only the conversations with this label (null: all). The live lists hold at most 100 per state, so the
 * server is asked for the labelled ones too (`?label=`), and the resolved list starts again with the filter.
 */
export async function filterByLabel(id: string | null): Promise<void> {
  labelFilter.value = id
  if (!id) {
    if (tab.value === 'resolved') await loadResolved(true)
    return
  }
  listError.value = ''
  try {
    const pages = await Promise.all((['queued', 'open', 'bot'] as const).map((state) => loadList({ state, label: id })))
    for (const p of pages) for (const c of p.items) upsert(c)
    if (tab.value === 'resolved') await loadResolved(true)
  } catch (e) {
    listError.value = t(e instanceof ApiError && e.status === 0 ? 'wb.cannotReach' : 'wb.listFailed')
  }
}

/** A conversation's labels changed (our PUT, or a `labels` frame from anyone). */
export function noteLabels(id: string, labelIds: string[]): void {
  const e = entries.get(id)
  if (e) e.conv = { ...e.conv, labelIds: [...labelIds] }
}

export async function switchTab(next: Tab): Promise<void> {
  tab.value = next
  if (next === 'resolved') {
    listLoading.value = true
    try {
      await loadResolved(true)
    } catch {
      listError.value = t('wb.resolvedFailed')
    } finally {
      listLoading.value = false
    }
  }
}

// ---------- messages ----------

export function logFor(id: string): ConversationLog {
  let log = logs.get(id)
  if (!log) {
    log = new ConversationLog(id)
    const e = entries.get(id)
    if (e) log.markReadByOther(e.conv.visitorReadSeq ?? 0)
    log.onChange(() => logVersion.value++)
    logs.set(id, log)
  }
  return log
}

export async function loadLatest(id: string): Promise<void> {
  const page = await signedIn(() => fetchMessages(id, { limit: 50 }, token.value))
  const log = logFor(id)
  log.addPage(page.items, page.hasMore)
  const last = page.items[page.items.length - 1]
  if (last) notePreview(id, last)
}

export async function loadOlder(id: string): Promise<boolean> {
  const log = logFor(id)
  if (!log.hasOlder || !log.firstSeq) return false
  const page = await signedIn(() => fetchMessages(id, { before: log.firstSeq, limit: 50 }, token.value))
  log.addPage(page.items, page.hasMore)
  return page.items.length > 0
}

function notePreview(id: string, m: Message): void {
  const e = entries.get(id)
  if (!e || m.sender.kind === 'system') return
  if (m.createdAt >= (e.conv.lastMessageAt ?? 0) || !e.preview) {
    e.preview = m.text || (m.attachments?.length ? '📎 ' + m.attachments.map((a) => a.name).join(', ') : '')
    e.previewKind = m.sender.kind
    e.conv.lastMessageAt = Math.max(e.conv.lastMessageAt ?? 0, m.createdAt)
  }
}

export async function select(id: string | null): Promise<void> {
  if (id !== selectedId.value) typing.stop()
  selectedId.value = id
  if (!id) return
  const log = logFor(id)
  void loadNotes(id)
  if (!log.size) await loadLatest(id)
  markRead()
}

export function sendText(id: string, text: string): void {
  const frame: SendFrame = { type: 'send', conversationId: id, clientMsgId: newClientMsgId(), text }
  logFor(id).addPending({ clientMsgId: frame.clientMsgId, conversationId: id, text, createdAt: Date.now() })
  typing.stop()
  socket?.sendMessage(frame)
}

export function retry(id: string, clientMsgId: string): void {
  const log = logFor(id)
  const p = log.pendingMessages().find((x) => x.clientMsgId === clientMsgId)
  if (!p) return
  log.markRetrying(clientMsgId)
  socket?.sendMessage({ type: 'send', conversationId: id, clientMsgId, text: p.text })
}

export function discard(id: string, clientMsgId: string): void {
  socket?.forget(clientMsgId)
  logFor(id).discard(clientMsgId)
}

const typing = new TypingSender((on) => {
  if (selectedId.value) socket?.send({ type: 'typing', conversationId: selectedId.value, typing: on })
})

/** The agent typed in the composer of the selected conversation. */
export function typingInput(hasText: boolean): void {
  typing.input(hasText)
}

/** The selected conversation is on screen: everything in it is read. */
export function markRead(): void {
  const id = selectedId.value
  if (!id || document.visibilityState !== 'visible') return
  const e = entries.get(id)
  const log = logs.get(id)
  if (!e || !log) return
  const top = log.lastSeq
  // A supervisor watching someone else's chat must not tell the visitor it was read.
  const watching = e.conv.state === 'open' && !!e.conv.assigneeId && e.conv.assigneeId !== me.value?.id
  if (!watching && top > e.readSent && socket?.send({ type: 'read', conversationId: id, seq: top })) e.readSent = top
  e.unread = 0
}

// ---------- actions ----------

export async function act(id: string, action: 'take' | 'resolve' | 'reopen' | 'takeover'): Promise<void> {
  const c = await authed<Conversation>('/api/v1/conversations/' + encodeURIComponent(id) + '/' + action, { method: 'POST' })
  upsert(c)
  routingSoon()
}

/** Hands the conversation to an agent (it stays open) or to a team's queue; the note is for agents only. */
export async function transfer(id: string, to: { agentId: string } | { teamId: string }, note: string): Promise<void> {
  const c = await authed<Conversation>('/api/v1/conversations/' + encodeURIComponent(id) + '/transfer', {
    body: { ...to, note: note || undefined },
  })
  upsert(c)
  routingSoon()
}

export async function setPresence(status: 'online' | 'away'): Promise<void> {
  const prev = myPresence.value
  myPresence.value = status
  try {
    await authed('/api/v1/me/presence', { method: 'PUT', body: { status } })
  } catch (e) {
    myPresence.value = prev
    throw e
  }
}

// ---------- notifications ----------

export async function enableNotifications(): Promise<void> {
  if (typeof Notification === 'undefined') return
  notificationsAllowed.value = (await Notification.requestPermission()) === 'granted'
}

const lastNotified = new Map<string, number>()

function notify(title: string, body: string, id: string): void {
  // A new chat arrives as a `conversation` event and its first `message` at once: one cue is enough.
  const at = Date.now()
  if (at - (lastNotified.get(id) ?? 0) < 2000) return
  lastNotified.set(id, at)
  beep()
  if (!notificationsAllowed.value || document.visibilityState === 'visible') return
  try {
    const n = new Notification(title, { body: body.slice(0, 140), tag: 'kefu-' + id })
    n.onclick = () => {
      window.focus()
      void select(id)
      n.close()
    }
  } catch {
    // some browsers allow notifications only from a service worker
  }
}

// ---------- socket ----------

async function onFrame(f: ServerFrame): Promise<void> {
  switch (f.type) {
    case 'message': {
      let e = entries.get(f.conversationId)
      if (!e) {
        try {
          e = upsert(await authed<Conversation>('/api/v1/conversations/' + encodeURIComponent(f.conversationId)))
        } catch {
          return
        }
      }
      botStreams.settle(f)
      const log = logs.get(f.conversationId)
      let fresh = f.seq > e.seen
      if (log) {
        if (log.isGap(f.seq)) socket?.resume()
        fresh = log.add(f)
      }
      e.seen = Math.max(e.seen, f.seq)
      e.conv.lastSeq = Math.max(e.conv.lastSeq, f.seq)
      notePreview(f.conversationId, f)
      if (!fresh || f.sender.kind !== 'visitor') break
      e.typingUntil = 0
      const looking = selectedId.value === f.conversationId && document.visibilityState === 'visible'
      if (looking) markRead()
      else e.unread++
      const mineOrFree = !e.conv.assigneeId || e.conv.assigneeId === me.value?.id
      if (mineOrFree && !looking) notify(t('wb.notifyMessage', { name: visitorLabel(e.conv) }), f.text || '📎', f.conversationId)
      break
    }
    case 'ack':
      logs.get(f.conversationId)?.ack(f, { kind: 'agent', id: me.value?.id })
      break
    case 'conversation': {
      const old = entries.get(f.conversation.id)?.conv
      const e = upsert(f.conversation)
      const c = e.conv
      const mine = !!me.value && c.state === 'open' && c.assigneeId === me.value.id
      if (c.state === 'queued' && old?.state !== 'queued') notify(t('wb.notifyChat'), visitorLabel(c), c.id)
      else if (mine && (old?.assigneeId !== c.assigneeId || old?.state !== 'open') && selectedId.value !== c.id) {
        notify(t('wb.notifyAssigned'), visitorLabel(c), c.id)
      }
      routingSoon()
      break
    }
    case 'typing': {
      const e = entries.get(f.conversationId)
      if (e && f.sender.kind === 'visitor') e.typingUntil = f.typing ? Date.now() + 6000 : 0
      break
    }
    case 'read':
      if (f.reader.kind === 'visitor') logs.get(f.conversationId)?.markReadByOther(f.seq)
      break
    case 'resumed':
      for (const id of f.truncated ?? []) if (logs.has(id)) void signedIn(() => catchUp(logFor(id), token.value))
      break
    case 'visitor': {
      const old = visitorNews.get(f.visitorId)
      visitorNews.set(f.visitorId, { rev: (old?.rev ?? 0) + 1, page: f.currentPage, changed: f.changed })
      break
    }
    case 'note':
      noteAdded(f.conversationId, f.note)
      break
    case 'labels':
      noteLabels(f.conversationId, f.labelIds ?? [])
      break
    case 'bot.delta':
      botStreams.delta(f)
      break
    case 'presence':
      if (!f.agentId || !f.status) break
      notePresence(f.agentId, f.status)
      notePresenceLoad(f.agentId, f.status)
      // Someone came online or left: expected waits change.
      routingSoon()
      // Another tab of this agent may have changed it.
      if (f.agentId === me.value?.id && f.status !== 'offline') myPresence.value = f.status
      break
  }
}

export function startSocket(): void {
  socket?.stop()
  helloCount = 0
  socket = new ChatSocket({
    url: () => (token.value || me.value ? wsUrl(token.value) : null),
    resumeState: () => {
      const r: Record<string, number> = {}
      for (const [id, e] of entries) {
        if (e.conv.state === 'resolved' && id !== selectedId.value) continue
        const log = logs.get(id)
        r[id] = log && log.resumeSeq ? log.resumeSeq : e.seen
      }
      return r
    },
    onFrame: (f) => void onFrame(f),
    onHello: () => {
      // After a reconnect, conversations created or changed meanwhile are picked up from the lists.
      if (helloCount++ > 0) {
        void refreshLists()
        // Notes written while we were away come with no replay: read them again for the open conversation.
        for (const id of [...notesState.keys()]) notesState.delete(id)
        if (selectedId.value) void loadNotes(selectedId.value, true)
        void loadAgents(true)
        void loadTeams(true)
      }
      markRead()
    },
    onState: (s) => (connection.value = s),
    onSendFailed: (f, code, message) => logs.get(f.conversationId)?.markFailed(f.clientMsgId, message || code),
    onAuthProblem: async (revoked) => {
      if (revoked || !(await restore())) {
        clearLogin()
        return false
      }
      return true
    },
  })
  socket.start()
}

export function stopSocket(): void {
  socket?.stop()
  socket = null
  entries.clear()
  logs.clear()
  selectedId.value = null
  clearTimeout(routingTimer)
  routingTimer = undefined
  clearRouting()
  clearDirectory()
  clearNotes()
  clearLabels()
  botStreams.clear()
}

document.addEventListener('visibilitychange', markRead)

/** Opens a conversation found outside the list (search): adds it to the list if needed and selects it. */
export async function openConversation(c: Conversation): Promise<void> {
  upsert(c)
  await select(c.id)
}
