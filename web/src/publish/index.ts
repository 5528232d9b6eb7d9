/**
 * Published network information (网维信息发布, issue 9 item 3) in the web app: the overlay every user
 * sees, kept in step with the view and with every change (main.ts calls refresh() on live events), and
 * for engineers the 信息发布 editor.
 */
import type L from '../leaflet.js'
import { can } from '../auth.js'
import { debounce } from '../dom.js'
import { KIND_LABELS } from '../labels.js'
import { viewBbox } from '../map/base.js'
import { PublishLayer } from './layer.js'

export interface PublishHooks {
  /** After a live event: reload the overlay (and the editor's list); types too when published information changed. */
  refresh(kinds: string[]): void
}

export async function mountPublish(map: L.Map): Promise<PublishHooks> {
  // The live status line names what changed; published information is one more kind of it.
  KIND_LABELS.publish ??= '发布信息'
  const layer = new PublishLayer(map)
  const editor = can('publish') ? (await import('./editor.js')).mountEditor(map, layer) : null
  const reload = () => {
    void layer.load(viewBbox(map))
    void editor?.refreshList()
  }
  map.on('moveend', debounce(reload, 150))
  await layer.load(viewBbox(map))
  document.body.dataset.publishReady = '1'
  return {
    refresh: (kinds) => {
      void layer.reload(kinds.length === 0 || kinds.includes('publish'))
      void editor?.refreshList()
    },
  }
}
