// Agent session for the workbench and the admin console: the token from login or setup is kept in
// sessionStorage (per tab) and sent as a Bearer token. A tab opened later has no token of its own: it goes on
// the server's HttpOnly session cookie instead (REST and the WebSocket accept it from our own pages).

import { ref } from 'vue'
import { api, ApiError, type ApiOptions } from '../shared/api'
import type { Agent, LoginResponse } from '../shared/protocol'
import { t } from './i18n'

const KEY = 'kefu.agent.token'

function read(): string | null {
  try {
    return sessionStorage.getItem(KEY)
  } catch {
    return null
  }
}

export const token = ref<string | null>(read())
export const me = ref<Agent | null>(null)

export function saveLogin(res: LoginResponse): void {
  token.value = res.token
  me.value = res.agent
  try {
    sessionStorage.setItem(KEY, res.token)
  } catch {
    // private mode: the token lives in memory for this page
  }
}

export function clearLogin(): void {
  token.value = null
  me.value = null
  try {
    sessionStorage.removeItem(KEY)
  } catch {
    // ignore
  }
}

/** Runs a request made with this tab's token; a 401 signs out (the login form shows again). */
export async function signedIn<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) clearLogin()
    throw e
  }
}

/** REST call as the signed-in agent. */
export function authed<T>(path: string, opts: ApiOptions = {}): Promise<T> {
  return signedIn(() => api<T>(path, { ...opts, token: token.value }))
}

export async function login(email: string, password: string): Promise<Agent> {
  const res = await api<LoginResponse>('/api/v1/auth/login', { body: { email, password } })
  saveLogin(res)
  return res.agent
}

export async function logout(): Promise<void> {
  try {
    await api('/api/v1/auth/logout', { method: 'POST', token: token.value })
  } catch {
    // signed out locally either way
  }
  clearLogin()
}

/**
 * Restores the session on page load: this tab's token, else the session cookie of a sign-in in another tab.
 * Returns the agent or null (the login form shows).
 */
export async function restore(): Promise<Agent | null> {
  try {
    me.value = await api<Agent>('/api/v1/me', { token: token.value })
    return me.value
  } catch {
    clearLogin()
    return null
  }
}

/** A user-facing sentence for an error; `notAvailable` is the key to use when the endpoint is missing. */
export function describeError(e: unknown, notAvailable = 'err.notAvailable'): string {
  if (e instanceof ApiError) {
    if (e.notAvailable) return t(notAvailable)
    if (e.status === 0) return t('err.network')
    if (e.status === 403) return t('err.forbidden')
    if (e.status === 429) return t('err.rateLimited')
    return e.message || t('err.code', { code: e.code })
  }
  return t('err.generic')
}
