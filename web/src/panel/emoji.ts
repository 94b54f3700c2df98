// A small built-in emoji set (no download): faces, gestures, objects people use in support chats.
export const EMOJI = [
  '😀', '😄', '😁', '😊', '🙂', '😉', '😍', '😘', '😎', '🤔', '😅', '😂', '🤣', '😇', '🙃', '😐',
  '😕', '😢', '😭', '😡', '😱', '😴', '🤗', '🙄', '👍', '👎', '👌', '👏', '🙏', '💪', '👋', '🤝',
  '❤️', '💔', '🔥', '🎉', '✨', '⭐', '✅', '❌', '❓', '❗', '💡', '📦', '🚚', '💳', '📧', '⏰',
]
