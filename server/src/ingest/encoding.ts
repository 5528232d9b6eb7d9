/**
 * The text of an import body. UTF-8 is the default and is decoded strictly: a file in another
 * encoding is refused with a message saying so, never stored as U+FFFD garbage. GBK/GB18030 —
 * what operators' Excel exports are — is decoded when the client says so, with
 * `Content-Type: text/csv; charset=gbk` (or gb2312/gb18030) or `?encoding=gbk`. A BOM is stripped.
 */
import { AppError, ImportError } from '../errors.js'

/** Encodings an import may be in, by the names clients use for them (lower case). */
const ENCODINGS: Record<string, 'utf-8' | 'gb18030'> = {
  'utf-8': 'utf-8', utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8',
  // GB18030 is a superset of GBK, which is a superset of GB2312: one decoder reads them all.
  gbk: 'gb18030', gb2312: 'gb18030', gb18030: 'gb18030', cp936: 'gb18030', 'x-gbk': 'gb18030', 'windows-936': 'gb18030',
}

/** The encoding names an import may give (lower case). */
export const ENCODING_NAMES: readonly string[] = Object.keys(ENCODINGS)

/** The charset parameter of a Content-Type header, lower case; undefined when there is none. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType ?? '')
  return m ? m[1].toLowerCase() : undefined
}

/**
 * Decodes an import body: `encoding` (the query parameter) if given, else the Content-Type's charset,
 * else UTF-8. Throws UNSUPPORTED_MEDIA_TYPE for an encoding it does not know, ImportError (400) for
 * a body that is not valid UTF-8, naming where and suggesting charset=gbk.
 */
export function decodeImportBody(kind: string, body: Buffer | Uint8Array | string, opts: { contentType?: string; encoding?: string } = {}): string {
  const asked = opts.encoding?.trim().toLowerCase() || charsetOf(opts.contentType)
  const encoding = asked === undefined ? 'utf-8' : ENCODINGS[asked]
  if (encoding === undefined) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE',
      `encoding: expected utf-8, gbk, gb2312 or gb18030, got ${JSON.stringify(String(asked).slice(0, 40))}; save the file as UTF-8 or name its encoding`, { field: 'encoding' })
  }
  if (typeof body === 'string') return stripBom(body)
  if (encoding === 'gb18030') return stripBom(new TextDecoder('gb18030').decode(body))
  try {
    return stripBom(new TextDecoder('utf-8', { fatal: true }).decode(body))
  } catch {
    const text = new TextDecoder('utf-8').decode(body)
    const at = text.indexOf('\uFFFD')
    const prefix = text.slice(0, Math.max(0, at))
    const line = prefix.split('\n').length
    throw new ImportError(kind, [{
      row: 0,
      field: 'encoding',
      message:
        `the body is not UTF-8 (first invalid byte at offset ${Buffer.byteLength(prefix)}, line ${line}); ` +
        'if it is a GBK/GB18030 file (an Excel export), send it with Content-Type: text/csv; charset=gbk or ?encoding=gbk, or save it as UTF-8',
    }])
  }
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s
}
