// Where the panel runs: its URL parameters, the verified embedding page, and storage that survives
// a blocked localStorage (third-party iframes in some browsers) by falling back to memory.

export const params = new URLSearchParams(location.search)
export const workspaceId = params.get('workspace') ?? ''
/** The team the embedding widget is bound to (`data-team` on widget.js): the visitor is not asked. */
export const boundTeam = /^[\w-]{1,100}$/.test(params.get('team') ?? '') ? params.get('team')! : null

/** The embedding page's origin, verified: the `origin` parameter must match the real ancestor (or referrer). */
function verifiedParent(): string | null {
  const claimed = params.get('origin') ?? ''
  if (window.parent === window || !/^https?:\/\/[^/]+$/.test(claimed)) return null
  const ancestors = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins
  if (ancestors && ancestors.length) return ancestors[0] === claimed ? claimed : null
  try {
    return document.referrer && new URL(document.referrer).origin === claimed ? claimed : null
  } catch {
    return null
  }
}

/** The origin to talk to with postMessage, or null when the panel is not (verifiably) embedded. */
export const parentOrigin = verifiedParent()
export const embedded = parentOrigin !== null

const mem = new Map<string, string>()
const prefix = 'kefu.' + workspaceId + '.'

/** Per-workspace keys in localStorage: the visitor token, read positions, the outbox. */
export const store = {
  get(k: string): string | null {
    try {
      return localStorage.getItem(prefix + k)
    } catch {
      return mem.get(k) ?? null
    }
  },
  set(k: string, v: string | null): void {
    try {
      if (v === null) localStorage.removeItem(prefix + k)
      else localStorage.setItem(prefix + k, v)
    } catch {
      if (v === null) mem.delete(k)
      else mem.set(k, v)
    }
  },
}
