-- Every site, for the network index: the mapped columns only (not the PostGIS geom nor updated_at).
SELECT id, name, lon, lat, tech, type, bsc, msc, ring FROM sites ORDER BY id
