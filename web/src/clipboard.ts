/**
 * Copying text for the agent, on an intranet page served over plain http too. The Clipboard API
 * exists only in a secure context (https or localhost); elsewhere the text goes through a hidden
 * textarea and document.execCommand('copy'), whose answer says whether the browser copied. When
 * neither copies, `select` (the visible text) is selected so Ctrl+C takes it, and the caller is told
 * false — a screen must never say 已复制 when nothing was copied.
 */
export async function copyText(text: string, select?: Element): Promise<boolean> {
  if (window.isSecureContext && navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text)
      return true
    } catch {
      // Refused (no permission, page not focused): try the textarea below.
    }
  }
  if (copyByTextarea(text)) return true
  if (select) {
    const range = document.createRange()
    range.selectNodeContents(select)
    getSelection()?.removeAllRanges()
    getSelection()?.addRange(range)
  }
  return false
}

/** The pre-Clipboard-API way: select a hidden textarea's text and ask the browser to copy it. */
function copyByTextarea(text: string): boolean {
  const ta = document.createElement('textarea')
  ta.value = text
  ta.setAttribute('readonly', '')
  // Off-screen but in the layout (a display:none element cannot be selected).
  ta.style.cssText = 'position:fixed;top:0;left:-9999px;opacity:0'
  const focused = document.activeElement as HTMLElement | null
  document.body.append(ta)
  ta.select()
  ta.setSelectionRange(0, text.length)
  let ok = false
  try {
    ok = document.execCommand('copy')
  } catch {
    ok = false
  }
  ta.remove()
  focused?.focus?.()
  return ok
}
