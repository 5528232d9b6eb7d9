// Worker threads do not inherit tsx's loader (its --import hook is not passed on to them), so the
// worker registers tsx itself before loading the TypeScript entry.
import { register } from 'tsx/esm/api'

register()
await import(new URL('./worker.ts', import.meta.url).href)
