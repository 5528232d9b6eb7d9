/** The network-element tree 网元树 and element pages (issue 9): index → network-tree → routes. */
export { buildTree, type NetworkTree, type MscNode, type BscNode, type SiteNode, type RingNode, type Orphans, type TreeInput } from './tree.js'
export { elementDetail, ELEMENT_COMPLAINTS_MAX, type ElementDetail } from './element-detail.js'
export { footprint, FOOTPRINT_METHOD } from './footprint.js'

import type { NetworkIndex } from '../index/network-index.js'
import { buildTree, type NetworkTree } from './tree.js'

/** The tree of everything the index holds, with the states at `now`. */
export function treeOf(index: NetworkIndex, now: number): NetworkTree {
  return buildTree({
    sites: index.allSites(),
    cells: index.allCells(),
    siteState: (id) => index.siteState(id, now),
    elementState: (type, id) => index.elementOwnState(type, id, now),
  })
}
