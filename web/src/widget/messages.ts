// postMessage frames between widget.js (the host page) and the chat panel iframe.
// Every frame carries the marker key so unrelated messages on the page are ignored.

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

export type HostToPanel = { type: 'open' } | { type: 'close' }
