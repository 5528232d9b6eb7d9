/**
 * Worker thread entry: builds its TileRenderer over the shared scene, then renders and writes the
 * tiles it is sent, answering each with the bytes written (or the error).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { sceneFromData, type SceneData } from './scene.js'
import type { Style } from './style.js'
import { TileRenderer, type TileJob } from './renderer.js'
import type { TileFormat } from './encode.js'

const { scene, style, format } = workerData as { scene: SceneData; style: Style; format: TileFormat }
const renderer = new TileRenderer(sceneFromData(scene), style, format)

parentPort!.on('message', async (msg: { id: number; jobs: TileJob[] }) => {
  try {
    // Batches may interleave at the awaits (sharp encodes off this thread): safe, because a tile is
    // rendered and its pixels copied for the encoder in one synchronous step (encodeTile).
    const bytes: number[] = []
    for (const j of msg.jobs) bytes.push(await renderer.write(j))
    parentPort!.postMessage({ id: msg.id, bytes })
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: (e as Error).stack ?? String(e) })
  }
})
