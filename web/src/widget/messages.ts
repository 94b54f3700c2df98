// postMessage frames between widget.js (the host page) and the chat panel iframe.
// Every frame carries the marker key so unrelated messages on the page are ignored.

import type { VisitorIdentity } from '../shared/protocol'

export const PANEL_MSG = '__kefu'

export type PanelToHost =
  | { type: 'ready' }
  | { type: 'unread'; count: number }
  /** A new message arrived that the visitor has not seen: beep and blink the title if hidden. */
  | { type: 'notify' }
  | { type: 'close' }
  /** Whether the visitor has a conversation going (then widget.js loads the panel on every page). */
  | { type: 'active'; active: boolean }
  | { type: 'settings'; color: string; position: string }

/** The host page the widget is on. */
export interface HostPage {
  url: string
  title: string
  referrer: string
}

export type HostToPanel =
  | { type: 'open' }
  | { type: 'close' }
  /** Sent once, right after `ready`: who the host page says the visitor is, and the page it is on. */
  | { type: 'context'; identity: VisitorIdentity | null; page: HostPage }
  /** The host page changed (single-page app navigation). */
  | { type: 'page'; page: HostPage }
