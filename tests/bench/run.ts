/**
 * npm run bench [diagnose|attribution|analysis|search|tiles|load|http|province] — every benchmark in turn (or the one named); each prints
 * its figures and the ratio against its named peer.
 */
import { cpus } from 'node:os'
import { benchDiagnose } from './diagnose.js'
import { benchAttribution } from './attribution.js'
import { benchAnalysis } from './analysis.js'
import { benchTiles } from './tiles.js'
import { benchSearch } from './search.js'
import { benchLoad } from './load.js'
import { benchHttp } from './http.js'
import { benchProvince } from './province.js'

const only = process.argv[2]
console.log(`# benchmarks — node ${process.version}, ${cpus().length} cores, ${new Date().toISOString()}`)
if (!only || only === 'diagnose') await benchDiagnose()
if (!only || only === 'attribution') await benchAttribution()
if (!only || only === 'analysis') await benchAnalysis()
if (!only || only === 'search') await benchSearch()
if (!only || only === 'tiles') await benchTiles()
if ((!only || only === 'load') && !(await benchLoad(process.argv.slice(3)))) process.exitCode = 1
if (!only || only === 'http') await benchHttp(process.argv.slice(3))
if (!only || only === 'province') await benchProvince(process.argv.slice(3))
