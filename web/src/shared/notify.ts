// New-message cues without downloads: a short WebAudio beep and a blinking document title.

let ctx: AudioContext | undefined

/** Plays a soft two-tone beep. Silently does nothing where audio is blocked or unsupported. */
export function beep(volume = 0.08): void {
  try {
    const AC = window.AudioContext || (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext
    if (!AC) return
    ctx ??= new AC()
    if (ctx.state === 'suspended') void ctx.resume()
    const t = ctx.currentTime
    for (const [i, f] of [880, 1320].entries()) {
      const o = ctx.createOscillator()
      const g = ctx.createGain()
      o.type = 'sine'
      o.frequency.value = f
      const s = t + i * 0.12
      g.gain.setValueAtTime(0.0001, s)
      g.gain.exponentialRampToValueAtTime(volume, s + 0.02)
      g.gain.exponentialRampToValueAtTime(0.0001, s + 0.18)
      o.connect(g).connect(ctx.destination)
      o.start(s)
      o.stop(s + 0.2)
    }
  } catch {
    // no audio here
  }
}

let blinkTimer: ReturnType<typeof setInterval> | undefined
let originalTitle = ''

/** Alternates the document title with `text` until the page is visible again (or stopBlink is called). */
export function blinkTitle(text: string): void {
  if (blinkTimer) return
  originalTitle = document.title
  let on = false
  blinkTimer = setInterval(() => {
    on = !on
    document.title = on ? text : originalTitle
  }, 1000)
  const stop = () => {
    if (document.visibilityState === 'visible') {
      document.removeEventListener('visibilitychange', stop)
      stopBlink()
    }
  }
  document.addEventListener('visibilitychange', stop)
}

export function stopBlink(): void {
  if (!blinkTimer) return
  clearInterval(blinkTimer)
  blinkTimer = undefined
  document.title = originalTitle
}
