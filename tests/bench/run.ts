/** npm run bench — every benchmark in turn; each prints its figures and the ratio against its named peer. */
import { benchDiagnose } from './diagnose.js'
import { benchTiles } from './tiles.js'

console.log(`# benchmarks — node ${process.version}, ${(await import('node:os')).cpus().length} cores, ${new Date().toISOString()}`)
await benchDiagnose()
await benchTiles()
