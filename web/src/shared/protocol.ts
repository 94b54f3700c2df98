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
  event?: { type: string; from?: string; to?: string; by?: string; [k: string]: unknown }
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
}

export interface Agent {
  id: string
  workspaceId: string
  email: string
  name: string
  role: 'owner' | 'admin' | 'agent' | string
  // Proposed:
  active?: boolean
  presence?: 'online' | 'away' | 'offline'
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

/** Proposed (API-NEEDS.md, "Presence"): an agent's presence changed; sent to agents and visitors. */
export interface PresenceFrame {
  type: 'presence'
  workspaceId?: string
  agentId?: string
  status?: 'online' | 'away' | 'offline'
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
  | VisitorFrame
  | { type: 'pong'; time: number }
