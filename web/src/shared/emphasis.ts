// Bold in the bot's answers: knowledge-base articles are Markdown, and `**1–3 working days**` should not show
// its asterisks. Only `**…**` pairs on one line, with no space just inside the asterisks, become bold; the rest
// stays text. The result is segments for text nodes (never HTML).

export interface Emphasis {
  text: string
  strong: boolean
}

export function emphasis(text: string): Emphasis[] {
  const out: Emphasis[] = []
  const re = /\*\*(?=\S)([^*\n]*?\S)\*\*/g
  let last = 0
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), strong: false })
    out.push({ text: m[1], strong: true })
    last = m.index + m[0].length
  }
  if (last < text.length) out.push({ text: text.slice(last), strong: false })
  return out
}
