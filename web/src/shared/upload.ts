// Uploads one file as the raw request body (API-NEEDS.md, "Uploads"), with progress.

import { ApiError } from './api'
import type { Attachment } from './protocol'

export function uploadFile(
  conversationId: string,
  file: File,
  token: string | null,
  onProgress?: (fraction: number) => void,
): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    const name = file.name || 'file'
    xhr.open('POST', '/api/v1/conversations/' + encodeURIComponent(conversationId) + '/attachments?name=' + encodeURIComponent(name))
    if (token) xhr.setRequestHeader('Authorization', 'Bearer ' + token)
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream')
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded / e.total)
    }
    xhr.onload = () => {
      let body: unknown = null
      try {
        body = JSON.parse(xhr.responseText)
      } catch {
        body = null
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve(body as Attachment)
      else {
        const err = (body as { error?: { code?: string; message?: string } } | null)?.error
        reject(new ApiError(xhr.status, err?.code ?? (xhr.status === 404 ? 'not_found' : 'http_' + xhr.status), err?.message ?? ''))
      }
    }
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'))
    xhr.send(file)
  })
}
