/** Shared helpers of the ingest tests. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import { ImportError } from '../../../server/src/errors.js'

export const FIXTURES = fileURLToPath(new URL('../../fixtures/ingest/', import.meta.url))

/** Reads a fixture under tests/fixtures/ingest/. */
export function fixture(path: string): string {
  return readFileSync(FIXTURES + path, 'utf8')
}

/** Runs fn, expects an ImportError and returns it. */
export function importError(fn: () => unknown): ImportError {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError)
    return err as ImportError
  }
  throw new Error('expected an ImportError, but the import succeeded')
}

/** Great-circle distance in metres (haversine), written out here so tests do not lean on the code under test. */
export function metres(a: [number, number], b: [number, number]): number {
  const R = 6_371_008.8
  const rad = Math.PI / 180
  const dLat = (b[1] - a[1]) * rad
  const dLon = (b[0] - a[0]) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2
  return 2 * R * Math.asin(Math.sqrt(h))
}
