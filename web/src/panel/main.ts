// The chat panel (widget/panel.html), shown by widget.js in an iframe or opened on its own.
// Plain TypeScript for a small download (budget: 60 KB gzipped with its CSS).

import './panel.css'
import { api, ApiError, query } from '../shared/api'
import { catchUp, fetchMessages, TypingSender } from '../shared/chat'
import { pickLang, translator, type Lang } from '../shared/i18n'
import { beep, blinkTitle } from '../shared/notify'
import type { Attachment, Conversation, MessageFrame, QueuePlace, Rating, SendFrame, ServerFrame, VisitorIdentity, VisitorSession } from '../shared/protocol'
import { BotStreams } from '../shared/botStream'
import { BotBar, StreamView } from './bot'
import { PanelMenu } from './menu'
import { Survey } from './survey'
import { queuePlaceText } from '../shared/queue'
import { ChatSocket, wsUrl } from '../shared/socket'
import { ConversationLog, newClientMsgId } from '../shared/store'
import { normalizeSettings, textOn, type WidgetSettings } from '../shared/widgetSettings'
import { PANEL_MSG, type HostPage, type HostToPanel, type PanelToHost } from '../widget/messages'
import { h, icon, ICONS } from './dom'
import { EMOJI } from './emoji'
import { field, teamField, validate, type Control } from './forms'
import { boundTeam, embedded, params, parentOrigin, store, workspaceId } from './env'
import { MessageList } from './messageList'
import { PANEL_STRINGS } from './strings'
import { AttachmentTray } from './tray'

// ---------- state ----------

type Mode = 'loading' | 'error' | 'prechat' | 'offline' | 'offlineSent' | 'chat' | 'blocked'

let settings: WidgetSettings = normalizeSettings(null)
let lang: Lang = pickLang(params.get('lang'), navigator.languages)
let t = translator(PANEL_STRINGS, lang)
let token: string | null = store.get('token')
let visitor: VisitorSession['visitor'] | null = null
let conv: Conversation | null = null
let log: ConversationLog | null = null
let mode: Mode = 'loading'
let isOpen = !embedded
let readSeq = 0
/** The waiting conversation's place in the queue, while it waits and the server has told us. */
let place: QueuePlace | null = null
/**
 * Frames that came before the POST that opened their conversation had answered: routing may assign it at once,
 * and the server will not send those messages again on `resume` (this connection already carried them).
 */
let earlyPlace: (QueuePlace & { conversationId: string }) | null = null
let earlyMessages: MessageFrame[] = []
let earlyConv: Conversation | null = null
let offlineSent = false
let lastUnread = -1
let loadingOlder = false
let agentTypingTimer: ReturnType<typeof setTimeout> | undefined
let bannerTimer: ReturnType<typeof setTimeout> | undefined
/** Who the host page says the visitor is (widget.js data-user-*), and the page it is on. */
let hostIdentity: VisitorIdentity | null = null
let hostPage: HostPage | null = params.get('page')
  ? { url: params.get('page')!, title: params.get('title') || '', referrer: params.get('ref') || '' }
  : null
let gotContext: () => void = () => undefined
/** Resolves when widget.js has told its context (or at once when not embedded; after a while at the latest). */
const context = new Promise<void>((resolve) => {
  gotContext = resolve
  if (!embedded) resolve()
  else setTimeout(resolve, 1500)
})
/** Unacked sends, kept across page loads so a message typed just before navigating still goes out once. */
let outbox: SendFrame[] = []
try {
  outbox = JSON.parse(store.get('outbox') || '[]')
} catch {
  outbox = []
}

const socket = new ChatSocket({
  url: () => (token ? wsUrl(token) : null),
  resumeState: () => (conv && log ? { [conv.id]: log.resumeSeq } : {}),
  onFrame,
  onHello: () => {
    hideBanner()
    markRead()
    void refreshConversation()
    sendPage()
  },
  onState: (s) => {
    // Only say so when a reconnect takes a moment: short blips stay silent.
    if (s !== 'open' && !bannerTimer && banner.hidden) bannerTimer = setTimeout(() => showBanner(t('reconnecting')), 2500)
  },
  onSendFailed: (f, code) => {
    dropOutbox(f.clientMsgId)
    log?.markFailed(f.clientMsgId, code === 'too_long' ? t('tooLong') : t('failed'))
  },
  onAuthProblem: async () => {
    try {
      await startSession()
    } catch (e) {
      if (isBlocked(e)) return false
      throw e
    }
    return true
  },
  onBlocked: () => setMode('blocked'),
})

/** Tells the server which page of the host site the visitor is on (it ignores a page it already has). */
function sendPage(): void {
  if (hostPage && /^https?:\/\//i.test(hostPage.url)) {
    socket.send({ type: 'page', url: hostPage.url, title: hostPage.title || undefined, referrer: hostPage.referrer || undefined })
  }
}

/** A polite refusal: this visitor or address is blocked. Nothing more is tried. */
function isBlocked(e: unknown): boolean {
  if (!(e instanceof ApiError && e.code === 'blocked')) return false
  socket.stop()
  setMode('blocked')
  return true
}

// ---------- host messaging ----------

function toHost(m: PanelToHost): void {
  if (parentOrigin) window.parent.postMessage({ [PANEL_MSG]: 1, ...m }, parentOrigin)
}

window.addEventListener('message', (e) => {
  if (!parentOrigin || e.source !== window.parent || e.origin !== parentOrigin) return
  const m = e.data as HostToPanel | null
  if (!m || typeof m !== 'object' || !(PANEL_MSG in m)) return
  if (m.type === 'open') {
    isOpen = true
    if (mode === 'chat') setTimeout(() => input.focus(), 50)
    if (!conv) void refreshOnline()
    markRead()
  } else if (m.type === 'close') isOpen = false
  else if (m.type === 'context') {
    hostIdentity = m.identity && typeof m.identity === 'object' ? m.identity : null
    if (m.page) hostPage = m.page
    gotContext()
  } else if (m.type === 'page' && m.page) {
    hostPage = m.page
    sendPage()
  }
})

// ---------- DOM ----------

const root = document.getElementById('kefu-panel')!
const title = h('h1', { class: 'title', id: 'kefu-title' })
const status = h('p', { class: 'status', 'data-testid': 'agent-status' })
const closeBtn = embedded
  ? h('button', { class: 'icon-btn', type: 'button', 'data-testid': 'panel-close', onclick: () => toHost({ type: 'close' }) }, icon(ICONS.close))
  : null
const header = h('header', { class: 'head' }, h('div', { class: 'head-text' }, title, status), closeBtn)
const menu = new PanelMenu({
  t: () => t,
  conversationId: () => conv?.id ?? null,
  email: () => visitor?.email ?? null,
  sendTranscript,
  notice: showNotice,
})
header.insertBefore(menu.el, closeBtn)
const banner = h('div', { class: 'banner', role: 'status', 'data-testid': 'connection-status', hidden: true })
const list = h('div', { class: 'list', role: 'log', 'aria-live': 'polite', 'aria-labelledby': 'kefu-title', 'data-testid': 'message-list' })
const older = h('div', { class: 'older', hidden: true, text: '' })
const greeting = h('div', { class: 'greeting', 'data-testid': 'greeting' })
const items = h('div', { class: 'items' })
const formSlot = h('div', { class: 'form-slot' })
const typing = h('div', { class: 'typing', 'data-testid': 'typing-indicator', hidden: true, 'aria-live': 'polite' })
const botStreams = new BotStreams()
const streamView = new StreamView(() => t)
const survey = new Survey({ t: () => t, submit: rate })
const botBar = new BotBar(() => t, handoff)
botStreams.onChange(() => {
  const near = list.scrollHeight - list.scrollTop - list.clientHeight < 80
  streamView.render(conv ? botStreams.of(conv.id) : [])
  if (near) list.scrollTop = list.scrollHeight
})
list.append(older, greeting, items, streamView.el, survey.el, formSlot)
const notice = h('div', { class: 'notice', role: 'alert', 'data-testid': 'panel-notice', hidden: true })
const queueLine = h('div', { class: 'queue', role: 'status', 'aria-live': 'polite', 'data-testid': 'queue-status', hidden: true })

const input = h('textarea', { class: 'input', rows: 1, 'data-testid': 'panel-input', maxlength: 4000 })
const sendBtn = h('button', { class: 'send', type: 'button', 'data-testid': 'send-button' }, icon(ICONS.send))
const emojiBtn = h('button', { class: 'icon-btn', type: 'button', 'data-testid': 'emoji-button', 'aria-expanded': 'false' }, icon(ICONS.emoji))
const attachBtn = h('button', { class: 'icon-btn', type: 'button', 'data-testid': 'attach-button' }, icon(ICONS.attach))
const fileInput = h('input', { type: 'file', multiple: true, hidden: true, 'data-testid': 'file-input' })
const emojiPop = h('div', { class: 'emoji-pop', role: 'dialog', hidden: true, 'data-testid': 'emoji-picker' })
const tray = new AttachmentTray(() => t, showNotice)
const composer = h(
  'footer',
  { class: 'composer' },
  tray.el,
  emojiPop,
  h('div', { class: 'row' }, emojiBtn, attachBtn, input, sendBtn),
  fileInput,
)
const dropZone = h('div', { class: 'drop', hidden: true })
root.append(header, banner, list, queueLine, typing, notice, botBar.el, composer, dropZone)
const messages = new MessageList(items, list, { t: () => t, lang: () => lang, retry, discard, suggest: sendText })

function applyLook(): void {
  const c = params.get('color') && /^#[0-9a-f]{3,8}$/i.test(params.get('color')!) ? params.get('color')! : settings.color
  document.documentElement.style.setProperty('--c', c)
  document.documentElement.style.setProperty('--on-c', textOn(c))
  document.documentElement.lang = lang
  title.textContent = settings.name || t('title')
  if (!embedded) document.title = title.textContent
  status.textContent = settings.online === false ? t('offline') : t('online')
  greeting.textContent = settings.greeting[lang] || settings.greeting[settings.defaultLanguage] || t('greeting')
  input.placeholder = t('placeholder')
  input.setAttribute('aria-label', t('message'))
  sendBtn.setAttribute('aria-label', t('send'))
  sendBtn.title = t('send')
  emojiBtn.setAttribute('aria-label', t('emoji'))
  emojiBtn.title = t('emoji')
  attachBtn.setAttribute('aria-label', t('attach'))
  attachBtn.title = t('attach')
  closeBtn?.setAttribute('aria-label', t('close'))
  typing.textContent = t('typing')
  dropZone.textContent = t('dropHere')
  emojiPop.setAttribute('aria-label', t('emoji'))
  older.textContent = t('olderLoading')
  showPlace()
  menu.relabel()
  botBar.relabel()
}

/** "You are number 2 in line · about 4 min" while the conversation waits; nothing otherwise. */
function showPlace(): void {
  const waiting = !!conv && conv.state === 'queued' && !!place && mode === 'chat'
  queueLine.hidden = !waiting
  queueLine.textContent = waiting ? queuePlaceText(t, place!) : ''
}

function setPlace(p: QueuePlace | null | undefined): void {
  place = p && typeof p.position === 'number' ? { position: p.position, expectedWaitSeconds: p.expectedWaitSeconds ?? null } : null
  showPlace()
}

let noticeTimer: ReturnType<typeof setTimeout> | undefined

function showNotice(text: string, ok = false): void {
  notice.textContent = text
  notice.classList.toggle('ok', ok)
  notice.hidden = false
  clearTimeout(noticeTimer)
  noticeTimer = setTimeout(() => (notice.hidden = true), 6000)
}

function showBanner(text: string): void {
  banner.textContent = text
  banner.hidden = false
}

function hideBanner(): void {
  clearTimeout(bannerTimer)
  bannerTimer = undefined
  banner.hidden = true
}

// ---------- modes and forms ----------

/** Teams the visitor may pick from, unless the widget is bound to one. */
function teamChoices(): { id: string; name: string }[] {
  return boundTeam ? [] : (settings.teams ?? [])
}

function needsPrechat(): boolean {
  const p = settings.preChat
  if (store.get('prechat')) return false
  // One team is an optional choice: asked along with name and e-mail, never on its own.
  const askTeam = teamChoices().length > 1
  return askTeam || (p.enabled && ((p.name !== 'off' && !visitor?.name) || (p.email !== 'off' && !visitor?.email)))
}

function setMode(m: Mode): void {
  mode = m
  composer.hidden = m !== 'chat'
  showPlace()
  showConversationState()
  greeting.hidden = m === 'loading' || m === 'error' || m === 'offline' || m === 'offlineSent' || m === 'blocked'
  formSlot.replaceChildren()
  if (m === 'error') {
    formSlot.append(
      h('p', { class: 'form-intro', text: t('loadError') }),
      h('button', { class: 'btn', type: 'button', text: t('retry'), onclick: () => void boot() }),
    )
  } else if (m === 'loading') {
    formSlot.append(h('div', { class: 'spinner', role: 'status', 'aria-label': t('connecting') }))
  } else if (m === 'prechat') {
    formSlot.append(prechatForm())
  } else if (m === 'offline') {
    formSlot.append(offlineForm())
  } else if (m === 'offlineSent') {
    formSlot.append(h('p', { class: 'form-intro done', role: 'status', 'data-testid': 'offline-sent', text: t('offlineThanks') }))
  } else if (m === 'blocked') {
    formSlot.append(h('p', { class: 'form-intro', role: 'status', 'data-testid': 'panel-blocked', text: t('blocked') }))
  }
}

function chooseMode(): Mode {
  if (offlineSent) return 'offlineSent'
  if (!conv && settings.online === false) return 'offline'
  if (!conv && needsPrechat()) return 'prechat'
  return 'chat'
}

function prechatForm(): HTMLFormElement {
  const p = settings.preChat
  const err = h('p', { class: 'form-error', role: 'alert' })
  const rows: HTMLElement[] = []
  const pairs: [Control, string, boolean][] = []
  for (const k of ['name', 'email'] as const) {
    if (!p.enabled || p[k] === 'off') continue
    const [row, c] = field(t, k, p[k] === 'required' ? 'required' : 'optional', visitor?.[k] ?? '')
    rows.push(row)
    pairs.push([c, k, p[k] === 'required'])
  }
  const teams = teamChoices()
  let team: HTMLSelectElement | null = null
  if (teams.length) {
    const [row, select] = teamField(t, teams, store.get('team'))
    rows.push(row)
    pairs.push([select, 'department', teams.length > 1])
    team = select
  }
  const submit = h('button', { class: 'btn', type: 'submit', text: t('start'), 'data-testid': 'prechat-submit' })
  const intro = t(team && pairs.length === 1 ? 'prechatTeamIntro' : 'prechatIntro')
  const form = h('form', { class: 'form', 'data-testid': 'prechat-form', novalidate: true }, h('p', { class: 'form-intro', text: intro }), ...rows, err, submit)
  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    if (!validate(t, pairs, err)) return
    submit.disabled = true
    const values = Object.fromEntries(pairs.filter(([c]) => c !== team).map(([c, k]) => [k, c.value.trim() || undefined]))
    try {
      if (Object.keys(values).length) await startSession(values)
      store.set('team', team?.value || null)
      store.set('prechat', '1')
      setMode('chat')
      input.focus()
    } catch {
      err.textContent = t('loadError')
    } finally {
      submit.disabled = false
    }
  })
  return form
}

function offlineForm(): HTMLFormElement {
  const err = h('p', { class: 'form-error', role: 'alert' })
  const [nameRow, name] = field(t, 'name', 'optional', visitor?.name ?? '')
  const [emailRow, email] = field(t, 'email', 'required', visitor?.email ?? '')
  const [msgRow, message] = field(t, 'message', 'required')
  const submit = h('button', { class: 'btn', type: 'submit', text: t('offlineSend'), 'data-testid': 'offline-submit' })
  const form = h(
    'form',
    { class: 'form', 'data-testid': 'offline-form', novalidate: true },
    h('p', { class: 'form-intro', text: t(settings.withinHours === false ? 'closedIntro' : 'offlineIntro') }),
    nameRow,
    emailRow,
    msgRow,
    err,
    submit,
  )
  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    if (!validate(t, [[name, 'name', false], [email, 'email', true], [message, 'message', true]], err)) return
    submit.disabled = true
    const body = { name: name.value.trim() || null, email: email.value.trim(), text: message.value.trim() }
    try {
      try {
        const sent = await api<{ conversationId: string }>('/api/v1/visitor/offline-messages', { body, token })
        offlineSent = true
        setMode('offlineSent')
        // The message opened a queued conversation: follow it, so a later reply shows here too.
        setConversation(await api<Conversation>('/api/v1/conversations/' + encodeURIComponent(sent.conversationId), { token }))
        socket.resume()
        await loadLatest()
      } catch (x) {
        // Without the offline endpoint the message still reaches the team, as a queued conversation,
        // and the visitor sees it in the chat where a reply would appear.
        if (!(x instanceof ApiError && x.notAvailable)) throw x
        await startSession({ name: body.name ?? undefined, email: body.email })
        const c = await ensureConversation()
        await api('/api/v1/conversations/' + encodeURIComponent(c.id) + '/messages', {
          body: { clientMsgId: newClientMsgId(), text: body.text },
          token,
        })
        await loadLatest()
        setMode('chat')
        showNotice(t('offlineThanks'))
      }
    } catch {
      err.textContent = t('offlineFailed')
    } finally {
      submit.disabled = false
    }
  })
  return form
}

// ---------- conversation ----------

function setConversation(c: Conversation): void {
  if (conv?.id === c.id) {
    conv = c
    showConversationState()
    return
  }
  conv = c
  botStreams.clear()
  survey.hide()
  showConversationState()
  log = new ConversationLog(c.id)
  const current = log
  current.onChange(() => {
    messages.render(current)
    updateUnread()
  })
  readSeq = Math.max(Number(store.get('read.' + c.id) || 0), c.visitorReadSeq ?? 0)
  messages.clear()
  for (const f of earlyMessages) if (f.conversationId === c.id) log.add(f)
  earlyMessages = []
  toHost({ type: 'active', active: true })
  // Messages queued before a reload go out again with their original clientMsgId.
  for (const f of outbox) {
    if (f.conversationId !== c.id) continue
    log.addPending({ clientMsgId: f.clientMsgId, conversationId: c.id, text: f.text, createdAt: Date.now() })
    socket.sendMessage(f)
  }
}

async function loadLatest(): Promise<void> {
  if (!conv || !log) return
  const page = await fetchMessages(conv.id, { limit: 50 }, token)
  log.addPage(page.items, page.hasMore)
  list.scrollTop = list.scrollHeight
}

async function loadOlder(): Promise<void> {
  if (!conv || !log || !log.hasOlder || loadingOlder || !log.firstSeq) return
  loadingOlder = true
  older.hidden = false
  const before = list.scrollHeight - list.scrollTop
  try {
    const page = await fetchMessages(conv.id, { before: log.firstSeq, limit: 50 }, token)
    log.addPage(page.items, page.hasMore)
    list.scrollTop = list.scrollHeight - before
  } catch {
    // try again on the next scroll
  } finally {
    loadingOlder = false
    older.hidden = true
  }
}

async function ensureConversation(): Promise<Conversation> {
  if (conv) return conv
  const teamId = boundTeam || store.get('team')
  let c: Conversation
  try {
    c = await api<Conversation>('/api/v1/conversations', { method: 'POST', body: teamId ? { teamId } : {}, token })
  } catch (e) {
    // The team was deleted, or visitors may no longer choose it: the workspace's queue rather than no chat.
    if (!teamId || !(e instanceof ApiError && e.status === 400)) throw e
    console.warn('[kefu] team ' + teamId + ' refused; chatting without a team')
    store.set('team', null)
    c = await api<Conversation>('/api/v1/conversations', { method: 'POST', body: {}, token })
  }
  if (earlyConv?.id === c.id && earlyConv.updatedAt >= c.updatedAt) c = { ...earlyConv, queue: c.queue }
  setConversation(c)
  setPlace(c.state !== 'queued' ? null : c.queue ?? (earlyPlace?.conversationId === c.id ? earlyPlace : null))
  earlyPlace = null
  earlyConv = null
  socket.resume()
  return c
}

/** After a (re)connect: the conversation's state and place may have moved while we were away. */
async function refreshConversation(): Promise<void> {
  if (!conv) return
  try {
    const c = await api<Conversation>('/api/v1/conversations/' + encodeURIComponent(conv.id), { token })
    if (conv?.id !== c.id) return
    conv = c
    setPlace(c.state === 'queued' ? c.queue : null)
    showConversationState()
  } catch {
    // the next frame or reconnect tells
  }
}

function saveOutbox(): void {
  store.set('outbox', outbox.length ? JSON.stringify(outbox) : null)
}

function dropOutbox(clientMsgId: string): void {
  const n = outbox.length
  outbox = outbox.filter((f) => f.clientMsgId !== clientMsgId)
  if (outbox.length !== n) saveOutbox()
}

function sendFrame(f: SendFrame, attachments?: Attachment[]): void {
  log!.addPending({ clientMsgId: f.clientMsgId, conversationId: f.conversationId, text: f.text, attachments, createdAt: Date.now() })
  outbox.push(f)
  saveOutbox()
  socket.sendMessage(f)
}

function retry(clientMsgId: string): void {
  const f = outbox.find((x) => x.clientMsgId === clientMsgId)
  const p = log?.pendingMessages().find((x) => x.clientMsgId === clientMsgId)
  if (!p || !log) return
  log.markRetrying(clientMsgId)
  const frame = f ?? { type: 'send' as const, conversationId: p.conversationId, clientMsgId, text: p.text }
  if (!f) {
    outbox.push(frame)
    saveOutbox()
  }
  socket.sendMessage(frame)
}

function discard(clientMsgId: string): void {
  socket.forget(clientMsgId)
  dropOutbox(clientMsgId)
  log?.discard(clientMsgId)
}

// ---------- the bot, the survey, the transcript ----------

/** The parts that follow the conversation's state: the "Talk to a human" bar (bot) and the survey (resolved). */
function showConversationState(): void {
  const state = mode === 'chat' ? conv?.state : undefined
  botBar.show(state === 'bot')
  if (state === 'resolved' && conv) void showSurvey(conv.id)
  else survey.hide()
}

async function showSurvey(id: string): Promise<void> {
  let given: Rating | null = null
  try {
    given = await api<Rating | null>('/api/v1/conversations/' + encodeURIComponent(id) + '/rating', { token })
  } catch {
    // asked as if not rated yet
  }
  if (conv?.id === id && conv.state === 'resolved' && mode === 'chat') survey.show(id, given?.score ?? 0, given?.comment ?? '')
}

async function rate(score: number, comment: string): Promise<void> {
  if (!conv) throw new Error(t('surveyFailed'))
  try {
    await api<Rating>('/api/v1/conversations/' + encodeURIComponent(conv.id) + '/rating', { body: { score, comment: comment || undefined }, token })
  } catch {
    throw new Error(t('surveyFailed'))
  }
}

/** "Talk to a human": the bot passes the conversation to the queue. */
async function handoff(): Promise<void> {
  if (!conv) return
  try {
    const c = await api<Conversation>('/api/v1/conversations/' + encodeURIComponent(conv.id) + '/handoff', { method: 'POST', token })
    if (conv?.id === c.id && c.updatedAt >= conv.updatedAt) {
      conv = c
      showConversationState()
      if (c.state === 'queued') void refreshConversation()
    }
  } catch {
    showNotice(t('handoffFailed'))
  }
}

/** Saves the e-mail address on the visitor when given, then asks for the transcript; rejects with a sentence. */
async function sendTranscript(email?: string): Promise<string> {
  if (!conv) throw new Error(t('transcriptNothing'))
  try {
    if (email) await startSession({ email })
    const r = await api<{ sentTo: string }>('/api/v1/conversations/' + encodeURIComponent(conv.id) + '/transcript', { method: 'POST', token })
    return r.sentTo
  } catch (e) {
    const status = e instanceof ApiError ? e.status : 0
    throw new Error(t(status === 400 ? 'transcriptNoEmail' : status === 409 ? 'transcriptNoMail' : status === 429 ? 'transcriptTooMany' : 'transcriptFailed'))
  }
}

/** Sends a text as the visitor (a "did you mean" suggestion), without touching what is typed in the composer. */
function sendText(text: string): void {
  void (async () => {
    try {
      const c = await ensureConversation()
      sendFrame({ type: 'send', conversationId: c.id, clientMsgId: newClientMsgId(), text })
      list.scrollTop = list.scrollHeight
    } catch {
      showNotice(t('loadError'))
    }
  })()
}

// ---------- composing ----------

const maxUpload = () => settings.maxUploadBytes ?? 10 * 1024 * 1024

let submitting = false
async function submit(): Promise<void> {
  const text = input.value.trim()
  if ((!text && !tray.size) || submitting) return
  if (text.length > 4000) {
    showNotice(t('tooLong'))
    return
  }
  submitting = true
  try {
    const c = await ensureConversation()
    typingSender.stop()
    let attachments: Attachment[] = []
    if (tray.size) {
      attachments = await tray.upload(c.id, token)
      if (!attachments.length && !text) return
    }
    input.value = ''
    autosize()
    const frame: SendFrame = { type: 'send', conversationId: c.id, clientMsgId: newClientMsgId(), text }
    if (attachments.length) frame.attachments = attachments.map((a) => a.id)
    sendFrame(frame, attachments)
    list.scrollTop = list.scrollHeight
  } catch {
    showNotice(t('loadError'))
  } finally {
    submitting = false
  }
}

const typingSender = new TypingSender((typing) => {
  if (conv) socket.send({ type: 'typing', conversationId: conv.id, typing })
})

function onInput(): void {
  autosize()
  if (conv) typingSender.input(input.value.trim().length > 0)
}

function autosize(): void {
  input.style.height = 'auto'
  // Heights are border-box but scrollHeight leaves the borders out: add them, or the box is 2px short and scrolls.
  input.style.height = Math.min(input.scrollHeight + input.offsetHeight - input.clientHeight, 120) + 'px'
}

function insertAtCursor(s: string): void {
  const start = input.selectionStart ?? input.value.length
  const end = input.selectionEnd ?? start
  input.setRangeText(s, start, end, 'end')
  input.focus()
  onInput()
}

function toggleEmoji(show = emojiPop.hidden): void {
  emojiPop.hidden = !show
  emojiBtn.setAttribute('aria-expanded', String(show))
  if (show) (emojiPop.firstElementChild as HTMLElement | null)?.focus()
}

emojiPop.append(
  ...EMOJI.map((e) =>
    h('button', {
      type: 'button',
      class: 'emoji',
      text: e,
      'aria-label': e,
      onclick: () => {
        insertAtCursor(e)
        toggleEmoji(false)
      },
    }),
  ),
)

input.addEventListener('input', onInput)
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault()
    void submit()
  }
})
input.addEventListener('paste', (e) => {
  const files = e.clipboardData?.files
  if (files && files.length) {
    e.preventDefault()
    tray.add(files, maxUpload())
  }
})
sendBtn.addEventListener('click', () => void submit())
emojiBtn.addEventListener('click', () => toggleEmoji())
attachBtn.addEventListener('click', () => fileInput.click())
fileInput.addEventListener('change', () => {
  if (fileInput.files) tray.add(fileInput.files, maxUpload())
  fileInput.value = ''
})
list.addEventListener('scroll', () => {
  if (list.scrollTop < 40) void loadOlder()
})
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return
  if (!emojiPop.hidden) {
    toggleEmoji(false)
    emojiBtn.focus()
  } else if (embedded) toHost({ type: 'close' })
})
let dragDepth = 0
root.addEventListener('dragenter', (e) => {
  if (mode !== 'chat' || !e.dataTransfer?.types.includes('Files')) return
  dragDepth++
  dropZone.hidden = false
})
root.addEventListener('dragleave', () => {
  if (--dragDepth <= 0) {
    dragDepth = 0
    dropZone.hidden = true
  }
})
root.addEventListener('dragover', (e) => {
  if (mode === 'chat') e.preventDefault()
})
root.addEventListener('drop', (e) => {
  e.preventDefault()
  dragDepth = 0
  dropZone.hidden = true
  if (mode === 'chat' && e.dataTransfer?.files.length) tray.add(e.dataTransfer.files, maxUpload())
})
document.addEventListener('visibilitychange', markRead)

// ---------- incoming ----------

function onFrame(f: ServerFrame): void {
  switch (f.type) {
    case 'message': {
      if (!conv && earlyMessages.length < 200) earlyMessages.push(f)
      if (!conv || f.conversationId !== conv.id || !log) return
      if (log.isGap(f.seq)) socket.resume()
      botStreams.settle(f)
      const fresh = log.add(f)
      if (f.event?.type === 'rating' && typeof f.event.score === 'number') survey.noteRated(conv.id, f.event.score)
      if (f.clientMsgId) dropOutbox(f.clientMsgId)
      if (fresh && (f.sender.kind === 'agent' || f.sender.kind === 'bot')) {
        hideTyping()
        if (mode === 'offlineSent') {
          // Someone answered after all: back to the chat.
          offlineSent = false
          setMode('chat')
        }
        if (!isOpen || document.hidden) {
          if (embedded) toHost({ type: 'notify' })
          else {
            beep()
            blinkTitle(t('newMessage'))
          }
        }
      }
      markRead()
      break
    }
    case 'ack':
      if (log && conv && f.conversationId === conv.id) log.ack(f, { kind: 'visitor', id: visitor?.id })
      dropOutbox(f.clientMsgId)
      break
    case 'typing':
      if (conv && f.conversationId === conv.id && f.sender.kind !== 'visitor') {
        if (f.typing) showTyping()
        else hideTyping()
      }
      break
    case 'read':
      if (log && conv && f.conversationId === conv.id && f.reader.kind !== 'visitor') log.markReadByOther(f.seq)
      break
    case 'conversation':
      if (!conv) earlyConv = f.conversation
      else if (f.conversation.id === conv.id) {
        const wasQueued = conv.state === 'queued'
        conv = f.conversation
        if (conv.state !== 'queued') setPlace(null)
        // Back in the queue (agent left, transfer to a team): ask where we stand until the next `queue` frame.
        else if (!wasQueued) void refreshConversation()
        showConversationState()
      }
      break
    case 'bot.delta':
      if (conv && f.conversationId === conv.id) {
        botStreams.delta(f)
        if (f.text) hideTyping()
      }
      break
    case 'queue':
      if (!conv) earlyPlace = f
      else if (f.conversationId === conv.id && conv.state === 'queued') setPlace(f)
      break
    case 'resumed':
      if (log && conv && f.truncated?.includes(conv.id)) void catchUp(log, token)
      break
    case 'presence':
      if (typeof f.anyOnline === 'boolean' && settings.online !== f.anyOnline) {
        settings.online = f.anyOnline
        applyLook()
        if (!conv && (mode === 'chat' || mode === 'offline')) setMode(chooseMode())
      }
      break
  }
}

function showTyping(): void {
  typing.hidden = false
  clearTimeout(agentTypingTimer)
  agentTypingTimer = setTimeout(hideTyping, 6000)
}

function hideTyping(): void {
  clearTimeout(agentTypingTimer)
  typing.hidden = true
}

function unreadCount(): number {
  if (!log) return 0
  let n = 0
  for (const m of log.messages()) if (m.seq > readSeq && (m.sender.kind === 'agent' || m.sender.kind === 'bot')) n++
  return n
}

function updateUnread(): void {
  const n = unreadCount()
  if (n !== lastUnread) {
    lastUnread = n
    toHost({ type: 'unread', count: n })
  }
}

/** While the visitor can see the panel, everything shown is read: tell the server and the host. */
function markRead(): void {
  if (!isOpen || document.visibilityState !== 'visible' || !log || !conv) return
  const top = log.lastSeq
  if (top > readSeq) {
    if (!socket.send({ type: 'read', conversationId: conv.id, seq: top })) return
    readSeq = top
    store.set('read.' + conv.id, String(top))
  }
  updateUnread()
}

// ---------- start ----------

async function refreshOnline(): Promise<void> {
  try {
    const s = normalizeSettings(await api<Partial<WidgetSettings>>('/api/v1/widget/settings' + query({ workspaceId })))
    if (s.online !== settings.online) {
      settings.online = s.online
      applyLook()
      if (!conv && (mode === 'chat' || mode === 'offline')) setMode(chooseMode())
    }
  } catch {
    // keep what we have
  }
}

async function loadSettings(): Promise<void> {
  try {
    settings = normalizeSettings(await api<Partial<WidgetSettings>>('/api/v1/widget/settings' + query({ workspaceId })))
  } catch {
    // Not available (404) or failing: the defaults give a working chat.
    settings = normalizeSettings(null)
  }
  lang = pickLang(params.get('lang'), navigator.languages, settings.languages, settings.defaultLanguage)
  t = translator(PANEL_STRINGS, lang)
  toHost({ type: 'settings', color: settings.color, position: settings.position })
}

async function startSession(extra: { name?: string; email?: string } = {}): Promise<void> {
  const body = () => ({
    workspaceId,
    token,
    pageUrl: hostPage?.url || undefined,
    pageTitle: hostPage?.title || undefined,
    referrer: hostPage?.referrer || undefined,
    language: navigator.language || undefined,
    identity: hostIdentity || undefined,
    ...extra,
  })
  let s: VisitorSession
  try {
    s = await api<VisitorSession>('/api/v1/visitor/session', { body: body() })
  } catch (e) {
    if (!(e instanceof ApiError && e.code === 'forbidden' && hostIdentity?.userId)) throw e
    // The site's signature did not check out (a wrong secret?): chat on anonymously rather than not at all.
    console.warn('[kefu] data-user-id was refused: ' + e.message)
    const { name, email, phone } = hostIdentity
    hostIdentity = { name, email, phone }
    s = await api<VisitorSession>('/api/v1/visitor/session', { body: body() })
  }
  const newVisitor = visitor && visitor.id !== s.visitor.id
  token = s.token
  store.set('token', s.token)
  visitor = s.visitor
  if (newVisitor) {
    conv = null
    log = null
    messages.clear()
  }
  if (s.conversation && s.conversation.state !== 'resolved') setConversation(s.conversation)
  else if (!conv) {
    const resolved = await recentlyResolved()
    if (resolved) setConversation(resolved)
    else toHost({ type: 'active', active: false })
  }
}

/**
 * The visitor's latest conversation when it was resolved a little while ago: it stays in view after a reload,
 * with its survey; an older one gives way to a fresh start.
 */
async function recentlyResolved(): Promise<Conversation | null> {
  try {
    const latest = (await api<{ items: Conversation[] }>('/api/v1/conversations?limit=1', { token })).items[0]
    return latest && latest.state === 'resolved' && Date.now() - latest.updatedAt < SURVEY_KEPT_MS ? latest : null
  } catch {
    return null
  }
}

/** How long after it was resolved a conversation (and its survey) is shown again after a reload. */
const SURVEY_KEPT_MS = 30 * 60_000

async function boot(): Promise<void> {
  setMode('loading')
  if (!workspaceId) {
    applyLook()
    setMode('error')
    return
  }
  try {
    await context
    await Promise.all([loadSettings(), startSession()])
    applyLook()
    if (conv) await loadLatest()
    setMode(chooseMode())
    socket.start()
    markRead()
    updateUnread()
  } catch (e) {
    applyLook()
    if (isBlocked(e)) return
    console.warn('[kefu] panel could not start', e)
    setMode('error')
  }
}

applyLook()
toHost({ type: 'ready' })
void boot()
