/**
 * The page's messages to the host system: `window.parent.postMessage(message, origin)` where origin
 * is the one GET /embed checked against FRAME_ANCESTORS and wrote into the page — never '*'. The
 * message types are documented in contract/src/embed.ts, README and OpenAPI.
 */
import { EMBED_MESSAGE_VERSION, type EmbedMessage } from '../../../contract/src/embed.js'

type Without<T> = T extends unknown ? Omit<T, 'version' | 'ticket'> : never

/** Posts typed messages to the parent at `origin`, each stamped with version and ticket. */
export class Messenger {
  /** Every message sent, oldest first (tests and the page's own status read it). */
  readonly sent: EmbedMessage[] = []
  constructor(private readonly origin: string, private readonly ticket: string | null) {}

  post(m: Without<EmbedMessage>): void {
    const message = { ...m, version: EMBED_MESSAGE_VERSION, ticket: this.ticket } as EmbedMessage
    this.sent.push(message)
    // Not framed (opened on its own): there is nobody to tell.
    if (window.parent !== window) window.parent.postMessage(message, this.origin)
  }
}

/** The origin GET /embed approved (a <meta> it fills in); null on a page not served by that route. */
export function parentOrigin(): string | null {
  const v = document.querySelector<HTMLMetaElement>('meta[name="tousu-parent-origin"]')?.content ?? ''
  try {
    return new URL(v).origin === v ? v : null
  } catch {
    return null
  }
}
