/**
 * Worker thread entry: builds its TileRenderer over the shared scene, then renders and writes the
 * tiles it is sent, answering each with the bytes written (or the error).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { sceneFromData, type SceneData } from './scene.js'
import type { Style } from './style.js'
import { TileRenderer, type TileJob } from './renderer.js'

const { scene, style } = workerData as { scene: SceneData; style: Style }
const renderer = new TileRenderer(sceneFromData(scene), style)

parentPort!.on('message', (msg: { id: number; jobs: TileJob[] }) => {
  try {
    const bytes = msg.jobs.map((j) => renderer.write(j))
    parentPort!.postMessage({ id: msg.id, bytes })
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: (e as Error).stack ?? String(e) })
  }
})
