// Types of the REST objects and WebSocket frames of docs/protocol.md and docs/api.md (version 1).
// Fields that came later (first proposed in web/API-NEEDS.md) are optional: an older server lacks them.

export type SenderKind = 'visitor' | 'agent' | 'bot' | 'system'
export type ConversationState = 'bot' | 'queued' | 'open' | 'resolved'

export interface Sender {
  kind: SenderKind
  id?: string
}

/** Proposed in API-NEEDS.md ("Uploads"): a file attached to a message. */
export interface Attachment {
  id: string
  name: string
  contentType: string
  size: number
  url: string
  width?: number
  height?: number
}

export interface Message {
  id: string
  conversationId: string
  seq: number
  sender: Sender
  text: string
  clientMsgId?: string | null
  createdAt: number
  /** System messages: what happened (see StateEvent and RoutingEvent). */
  event?: { type: string; from?: string | null; to?: string | null; by?: string | null; [k: string]: unknown }
  attachments?: Attachment[]
}

export interface Conversation {
  id: string
  workspaceId: string
  visitorId: string
  state: ConversationState
  assigneeId: string | null
  lastSeq: number
  createdAt: number
  updatedAt: number
  lastMessageAt?: number | null
  // Proposed (API-NEEDS.md, "Conversation list extras"):
  lastMessage?: { text: string; sender: Sender; createdAt: number } | null
  visitor?: { id: string; name: string | null; email: string | null } | null
  agentReadSeq?: number
  visitorReadSeq?: number
  // Routing (docs/api.md, "Routing"):
  /** The team whose queue it is in; null: the whole workspace. */
  teamId?: string | null
  /** When it entered the queue. */
  queuedAt?: number | null
  /** When its current agent got it; null: never. */
  assignedAt?: number | null
  /** While it waits: its place (GET /api/v1/conversations/{id} and the visitor's POST). */
  queue?: QueuePlace | null
  /** Agents' list items (docs/api.md, "Labels"): the conversation's labels. */
  labelIds?: string[]
}

/** A waiting conversation's place in its queue. */
export interface QueuePlace {
  /** 1 = next. */
  position: number
  /** null while nobody who could take it is online; 0 when a free agent is about to take it. */
  expectedWaitSeconds: number | null
}

/** An item of GET /api/v1/queue: the conversation with its place. */
export type QueuedConversation = Conversation & QueuePlace

export type RoutingPolicy = 'least_busy' | 'round_robin' | 'sticky' | 'manual'
export const ROUTING_POLICIES: readonly RoutingPolicy[] = ['least_busy', 'round_robin', 'sticky', 'manual']

/** GET/PUT /api/v1/routing/settings. */
export interface RoutingSettings {
  policy: RoutingPolicy
  /** 0: off. */
  answerTimeoutSeconds: number
  offlineGraceSeconds: number
  /** An unresolved conversation without any message for this long is resolved; 0: off. */
  autoResolveSeconds?: number
}

/** An item of GET /api/v1/routing/load (active agents only). */
export interface AgentLoad {
  agentId: string
  maxChats: number
  open: number
  presence: Presence
}

export interface Team {
  id: string
  name: string
  /** null: the workspace's policy. */
  policy: RoutingPolicy | null
  /** Whether visitors may choose it in the pre-chat form. */
  selectable: boolean
  memberIds: string[]
  createdAt: number
}

/** The routing moves recorded as a system message's `event` (agent and team ids). */
export type RoutingEvent =
  | { type: 'assign'; to: string; reason?: 'least_busy' | 'round_robin' | 'sticky' | string }
  | { type: 'requeue'; from: string | null; reason?: 'agent_offline' | string }
  | { type: 'reassign'; from: string | null; to: string; reason?: 'no_answer' | string }
  | { type: 'takeover'; from: string | null; to: string }
  /** `to` (an agent) or `toTeam`; `note` is for agents only and never reaches a visitor. */
  | { type: 'transfer'; from?: string | null; to?: string; toTeam?: string; by?: string; note?: string }

/** The bot's and the survey's timeline events (docs/api.md, "The bot as first line", "Satisfaction"). */
export type HandoffReason =
  | 'keyword'
  | 'low_confidence'
  | 'timeout'
  | 'error'
  | 'empty'
  | 'breaker_open'
  | 'visitor_request'
  | 'unsupported'

export interface ArticleSuggestion {
  articleId: string
  title: string
}

export type BotEvent =
  /** A system message: the bot passed the conversation to the queue. */
  | { type: 'handoff'; reason?: HandoffReason | string }
  /** A bot message: "did you mean" with the likely articles. */
  | { type: 'bot_offer'; confidence?: number; suggestions?: ArticleSuggestion[] }
  /** A bot message answering from the knowledge base or a model. */
  | { type: 'bot_answer'; source?: 'kb' | 'llm'; articleId?: string; confidence?: number; suggestions?: ArticleSuggestion[]; firstTokenMs?: number; totalMs?: number }
  /** A system message: resolved after this long without a message. */
  | { type: 'auto_resolve'; idleSeconds?: number }
  /** A system message: the visitor rated the conversation. */
  | { type: 'rating'; score?: number; comment?: string | null }

export type StateEvent = { type: 'state'; from?: ConversationState; to?: ConversationState; by?: string | null; assignee?: string | null }

export type Presence = 'online' | 'away' | 'offline'

export interface Agent {
  id: string
  workspaceId: string
  email: string
  name: string
  role: 'owner' | 'admin' | 'agent' | string
  // Proposed:
  active?: boolean
  presence?: Presence
}

/** A private note (docs/api.md, "Private notes"): agents only, no seq. */
export interface Note {
  id: string
  conversationId?: string
  authorId: string
  text: string
  createdAt: number
}

export interface Label {
  id: string
  name: string
  /** #rrggbb */
  color: string
  createdAt?: number
}

/** POST/GET /api/v1/conversations/{id}/rating. */
export interface Rating {
  conversationId: string
  score: number
  comment: string | null
  agentId?: string | null
  teamId?: string | null
  createdAt: number
}

/** GET /api/v1/conversations/{id}/suggestions (agent assist). */
export interface SuggestedReply {
  source: 'kb' | 'llm' | string
  articleId?: string
  title?: string
  text: string
  confidence?: number
}

export interface Suggestions {
  question: string | null
  items: SuggestedReply[]
}

export type BotMode = 'off' | 'always' | 'outside_hours'
export type BotAnswerWith = 'retrieval' | 'llm'

/** GET/PUT /api/v1/bot/settings; the API key is write-only (`apiKey` in a PUT, `apiKeySet` in answers). */
export interface BotSettings {
  mode: BotMode
  answerWith: BotAnswerWith
  threshold: number
  handoffKeywords: string[]
  llmBaseUrl: string | null
  llmModel: string | null
  llmSystemPrompt: string | null
  firstTokenMillis: number
  totalMillis: number
  apiKeySet?: boolean
}

/** GET /api/v1/reports/bot. */
export interface BotReport {
  conversations: number
  answered: number
  handedOff: number
  answerRate: number
  handoffRate: number
  handoffReasons: Record<string, number>
  kbAnswers: number
  llmAnswers: number
  offers: number
  /** The last bucket has `upToMillis: null` (slower than every bound). */
  firstTokenHistogram: { upToMillis: number | null; count: number }[]
}

export type ReportGroupBy = 'day' | 'agent' | 'team'

/** A row of GET /api/v1/reports. */
export interface ReportRow {
  key: string
  name: string
  conversations: number
  resolved: number
  avgFirstResponseSeconds: number | null
  avgResolutionSeconds: number | null
  avgWaitSeconds: number | null
  csatAverage: number | null
  csatCount: number
  visitorMessages: number
  agentMessages: number
  botMessages: number
  botOnly: number
  handoffs: number
}

export interface Report {
  groupBy: ReportGroupBy
  from: string
  to: string
  items: ReportRow[]
}

/** An entry of GET /api/v1/audit. */
export interface AuditEntry {
  id: string
  actorKind: 'agent' | 'visitor' | 'system' | 'unknown' | string
  actorId: string | null
  action: string
  targetKind: string | null
  targetId: string | null
  detail: Record<string, unknown> | string | null
  at: number
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

/** GET/PUT /api/v1/workspace/hours: ranges ["09:00","12:00"] per day in the workspace's time zone. */
export interface BusinessHours {
  enabled: boolean
  week: Partial<Record<Weekday, [string, string][]>>
}

export interface LoginResponse {
  token: string
  expiresAt: number
  agent: Agent
}

/** What the host page says about the visitor (widget.js data-user-*): `hash` signs `userId` (docs/api.md). */
export interface VisitorIdentity {
  userId?: string
  hash?: string
  name?: string
  email?: string
  phone?: string
  attributes?: Record<string, string | number | boolean>
}

export interface VisitorSession {
  token: string
  visitor: { id: string; workspaceId: string; name: string | null; email: string | null; phone?: string | null }
  conversation: Conversation | null
}

export interface MessagePage {
  items: Message[]
  hasMore: boolean
}

// ---- WebSocket frames, client -> server ----

export interface SendFrame {
  type: 'send'
  conversationId: string
  clientMsgId: string
  text: string
  /** Proposed (API-NEEDS.md): ids of uploaded attachments. */
  attachments?: string[]
}

export type ClientFrame =
  | SendFrame
  | { type: 'typing'; conversationId: string; typing: boolean }
  | { type: 'read'; conversationId: string; seq: number }
  | { type: 'resume'; conversations: Record<string, number> }
  | { type: 'ping' }
  | PageFrame

/** The visitor's widget is on another page of the host site (SPA navigation, a new page load). */
export interface PageFrame {
  type: 'page'
  url: string
  title?: string
  referrer?: string
}

// ---- WebSocket frames, server -> client ----

export interface HelloFrame {
  type: 'hello'
  protocol: number
  role: 'visitor' | 'agent'
  id: string
  workspaceId: string
  heartbeatSeconds: number
}

export interface AckFrame {
  type: 'ack'
  clientMsgId: string
  conversationId: string
  id: string
  seq: number
  createdAt: number
}

export type MessageFrame = { type: 'message' } & Message

export interface TypingFrame {
  type: 'typing'
  conversationId: string
  sender: Sender
  typing: boolean
}

export interface ReadFrame {
  type: 'read'
  conversationId: string
  reader: Sender
  seq: number
}

export interface ConversationFrame {
  type: 'conversation'
  conversation: Conversation
}

export interface ResumedFrame {
  type: 'resumed'
  conversations: Record<string, number>
  truncated?: string[]
}

export interface ErrorFrame {
  type: 'error'
  code: string
  message: string
  ref?: string
}

/** Visitors only: the place of their waiting conversation changed. */
export interface QueueFrame {
  type: 'queue'
  conversationId: string
  position: number
  expectedWaitSeconds: number | null
}

/** Agents only: a private note was added. */
export interface NoteFrame {
  type: 'note'
  conversationId: string
  note: Note
}

/** Agents only: the conversation's labels changed. */
export interface LabelsFrame {
  type: 'labels'
  conversationId: string
  labelIds: string[]
}

/**
 * A piece of the bot's answer as it streams (visitor and agents). The stored answer follows as a bot `message`
 * whose clientMsgId is the streamId; `dropped`: it ended without one.
 */
export interface BotDeltaFrame {
  type: 'bot.delta'
  conversationId: string
  streamId: string
  text?: string
  dropped?: boolean
}

/** Proposed (API-NEEDS.md, "Presence"): an agent's presence changed; sent to agents and visitors. */
export interface PresenceFrame {
  type: 'presence'
  workspaceId?: string
  agentId?: string
  status?: Presence
  /** For visitors: whether any agent of the workspace is online. */
  anyOnline?: boolean
}

/** A page the visitor looked at; `durationMs` is null while they are still on it. */
export interface PageView {
  url: string
  title: string | null
  referrer: string | null
  startedAt: number
  durationMs: number | null
}

/** Agents: something shown about a visitor with an unresolved conversation changed (current page, contact). */
export interface VisitorFrame {
  type: 'visitor'
  visitorId: string
  conversationId: string
  changed: string[]
  currentPage: PageView | null
}

export type ServerFrame =
  | HelloFrame
  | AckFrame
  | MessageFrame
  | TypingFrame
  | ReadFrame
  | ConversationFrame
  | ResumedFrame
  | ErrorFrame
  | PresenceFrame
  | QueueFrame
  | VisitorFrame
  | NoteFrame
  | LabelsFrame
  | BotDeltaFrame
  | { type: 'pong'; time: number }
