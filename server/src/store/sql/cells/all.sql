-- Every cell, for the network index: the mapped columns only (updated_at would be a Date per row).
SELECT id, site_id, azimuth, beamwidth, radius_m, tech FROM cells ORDER BY id
