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
  | { type: 'pong'; time: number }
