// Files picked, dropped or pasted before sending: previews, progress while uploading, remove buttons.

import type { Translate } from '../shared/i18n'
import { ApiError } from '../shared/api'
import type { Attachment } from '../shared/protocol'
import { uploadFile } from '../shared/upload'
import { formatBytes } from '../shared/widgetSettings'
import { h, icon, ICONS } from './dom'


interface Entry {
  file: File
  url: string | null
  el: HTMLElement
  bar: HTMLElement
}

export class AttachmentTray {
  readonly el = h('div', { class: 'tray', hidden: true, 'data-testid': 'attachment-tray' })
  private entries: Entry[] = []

  constructor(
    private readonly t: () => Translate,
    private readonly notice: (text: string) => void,
  ) {}

  get size(): number {
    return this.entries.length
  }

  add(files: FileList | File[], maxBytes: number): void {
    const t = this.t()
    for (const file of Array.from(files)) {
      if (file.size > maxBytes) {
        this.notice(t('uploadTooLarge', { name: file.name, max: formatBytes(maxBytes) }))
        continue
      }
      const url = file.type.startsWith('image/') ? URL.createObjectURL(file) : null
      const bar = h('span', { class: 'bar' })
      const entry: Entry = { file, url, bar, el: h('div') }
      entry.el = h(
        'div',
        { class: 'tray-item', 'data-testid': 'attachment-preview' },
        url ? h('img', { src: url, alt: file.name }) : h('span', { class: 'tray-file' }, icon(ICONS.file, 18), h('span', { text: file.name })),
        h('span', { class: 'progress' }, bar),
        h(
          'button',
          { type: 'button', class: 'tray-remove', 'aria-label': t('remove', { name: file.name }), onclick: () => this.remove(entry) },
          icon(ICONS.close, 14),
        ),
      )
      this.entries.push(entry)
      this.el.append(entry.el)
    }
    this.el.hidden = this.entries.length === 0
  }

  /** Uploads every file; returns the attachments that made it. Files that fail stay in the tray. */
  async upload(conversationId: string, token: string | null): Promise<Attachment[]> {
    const done: Attachment[] = []
    for (const entry of [...this.entries]) {
      try {
        done.push(await uploadFile(conversationId, entry.file, token, (f) => (entry.bar.style.width = Math.round(f * 100) + '%')))
        this.remove(entry)
      } catch (e) {
        entry.bar.style.width = '0'
        if (e instanceof ApiError && e.notAvailable) {
          this.notice(this.t()('uploadUnavailable'))
          for (const x of [...this.entries]) this.remove(x)
          break
        }
        this.notice(this.t()('uploadFailed', { name: entry.file.name }))
      }
    }
    return done
  }

  private remove(entry: Entry): void {
    if (entry.url) URL.revokeObjectURL(entry.url)
    entry.el.remove()
    this.entries = this.entries.filter((x) => x !== entry)
    this.el.hidden = this.entries.length === 0
  }
}
