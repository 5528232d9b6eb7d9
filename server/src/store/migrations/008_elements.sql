-- Network elements above the sites (issue 9): the transmission ring a site hangs on, alarms on a BSC,
-- an MSC or a ring instead of a site, and cutovers on such elements. Every column is optional, so the
-- files and rows of before stay valid.

ALTER TABLE sites ADD COLUMN ring text;
CREATE INDEX sites_bsc ON sites (bsc);
CREATE INDEX sites_msc ON sites (msc);
CREATE INDEX sites_ring ON sites (ring);

-- An alarm is on a site (site_id, element_type NULL) or on an element (element_type + element_id, site_id NULL).
ALTER TABLE alarms ALTER COLUMN site_id DROP NOT NULL;
ALTER TABLE alarms ADD COLUMN element_type text CHECK (element_type IN ('bsc', 'msc', 'ring'));
ALTER TABLE alarms ADD COLUMN element_id text;
ALTER TABLE alarms ADD CONSTRAINT alarms_target CHECK (
  (element_type IS NULL AND site_id IS NOT NULL) OR (element_type IS NOT NULL AND element_id IS NOT NULL)
);
CREATE INDEX alarms_element_time ON alarms (element_type, element_id, raised_at);

-- Elements a cutover is on, each 'type:id' (bsc:BSC12, msc:MSC3, ring:R7).
ALTER TABLE cutovers ADD COLUMN element_ids text[] NOT NULL DEFAULT '{}';
