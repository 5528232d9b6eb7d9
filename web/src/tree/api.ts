/** The network-element routes as the tree panel calls them; the reply types are the server's schemas. */
import { call } from '../api.js'
import type { Static } from 'typebox'
import type { ElementType } from '../../../contract/src/domain.js'
import type { ElementReply, TreeReply } from '../../../contract/src/schemas/network.js'

export type { ElementType }
export type NetworkTree = Static<typeof TreeReply>
export type MscNode = NetworkTree['mscs'][number]
export type BscNode = MscNode['bscs'][number]
export type SiteNode = BscNode['sites'][number]
export type CellNode = SiteNode['cells'][number]
export type RingNode = NetworkTree['rings'][number]
export type NodeCounts = MscNode['counts']
/** One element (GET /api/network/elements/:type/:id); its footprint is a Polygon feature. */
export type ElementDetail = Static<typeof ElementReply>

export const treeApi = {
  tree: () => call<NetworkTree>('/api/network/tree'),
  element: (type: ElementType, id: string) => call<ElementDetail>(`/api/network/elements/${type}/${encodeURIComponent(id)}`),
}
