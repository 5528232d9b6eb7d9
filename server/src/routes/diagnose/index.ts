/** POST /api/diagnose — the cause of a complaint, its evidence and the answer script (CONTRACT.md). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { NetworkService } from '../../service/network-service.js'
import { DiagnoseBody, DiagnosisReply, errorReplies } from '../../../../contract/src/schemas/common.js'
import { toDiagnoseInput } from './input.js'

export const diagnoseRoutes: FastifyPluginAsyncTypebox<{ service: NetworkService }> = async (app, { service }) => {
  app.post('/api/diagnose', {
    schema: {
      tags: ['diagnosis'],
      summary: 'Find the cause of a network complaint from where and when it happened',
      body: DiagnoseBody,
      response: { 200: DiagnosisReply, ...errorReplies },
    },
  }, async (req) => service.diagnose(toDiagnoseInput(req.body)))
}
