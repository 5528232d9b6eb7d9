/**
 * Picks one face out of an OpenType collection (.ttc) as a standalone font. Debian's Noto CJK
 * ships as a collection whose first face is the Japanese one; Skia registers only that first face,
 * and Chinese maps want the Simplified Chinese glyph forms (门, 骨, 直 differ), so we cut the
 * "Noto Sans CJK SC" face out by its family name.
 */

/** The family names (name ID 1) of every face in a collection, in face order. */
export function ttcFamilies(buf: Buffer): string[] {
  if (buf.toString('latin1', 0, 4) !== 'ttcf') return [familyName(buf, 0)]
  const n = buf.readUInt32BE(8)
  return Array.from({ length: n }, (_, i) => familyName(buf, buf.readUInt32BE(12 + 4 * i)))
}

/** The face whose family name equals `family` as a standalone font file; throws listing the faces there are. */
export function extractFace(buf: Buffer, family: string): Buffer {
  if (buf.toString('latin1', 0, 4) !== 'ttcf') return buf
  const families = ttcFamilies(buf)
  const i = families.indexOf(family)
  if (i < 0) throw new Error(`no face "${family}" in the collection (faces: ${families.join(', ')})`)
  const dir = buf.readUInt32BE(12 + 4 * i)
  const numTables = buf.readUInt16BE(dir + 4)
  const head = 12 + 16 * numTables
  const tables = Array.from({ length: numTables }, (_, t) => {
    const r = dir + 12 + 16 * t
    return { rec: r, offset: buf.readUInt32BE(r + 8), length: buf.readUInt32BE(r + 12) }
  })
  const size = tables.reduce((s, t) => s + ((t.length + 3) & ~3), head)
  const out = Buffer.alloc(size)
  buf.copy(out, 0, dir, dir + 12)
  let at = head
  tables.forEach((t, k) => {
    buf.copy(out, 12 + 16 * k, t.rec, t.rec + 8) // tag and checksum unchanged: the bytes are the same
    out.writeUInt32BE(at, 12 + 16 * k + 8)
    out.writeUInt32BE(t.length, 12 + 16 * k + 12)
    buf.copy(out, at, t.offset, t.offset + t.length)
    at += (t.length + 3) & ~3
  })
  return out
}

/** Family name of the face whose table directory starts at `dir`. */
function familyName(buf: Buffer, dir: number): string {
  const numTables = buf.readUInt16BE(dir + 4)
  for (let t = 0; t < numTables; t++) {
    const r = dir + 12 + 16 * t
    if (buf.toString('latin1', r, r + 4) !== 'name') continue
    const name = buf.readUInt32BE(r + 8)
    const count = buf.readUInt16BE(name + 2)
    const strings = name + buf.readUInt16BE(name + 4)
    let fallback = ''
    for (let k = 0; k < count; k++) {
      const e = name + 6 + 12 * k
      const [platform, , lang, id, len, off] = [0, 2, 4, 6, 8, 10].map((d) => buf.readUInt16BE(e + d))
      if (id !== 1) continue
      const bytes = buf.subarray(strings + off, strings + off + len)
      if (platform === 3) {
        const s = Buffer.from(bytes).swap16().toString('utf16le')
        if (lang === 0x409) return s
        fallback ||= s
      } else if (platform === 1) fallback ||= bytes.toString('latin1')
    }
    return fallback
  }
  return ''
}
