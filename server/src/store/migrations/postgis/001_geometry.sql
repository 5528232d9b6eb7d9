-- On PostgreSQL + PostGIS every spatial table also carries a real geometry column in EPSG:4326 with a
-- GiST index, so QGIS (or any GIS tool) opens the tables as layers directly. The columns are GENERATED
-- from the stored lon/lat and GeoJSON: one source of truth, written by the same code on both stores.
CREATE EXTENSION IF NOT EXISTS postgis;

ALTER TABLE sites ADD COLUMN geom geometry(Point, 4326)
  GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED;
CREATE INDEX sites_geom ON sites USING gist (geom);

ALTER TABLE planned_sites ADD COLUMN geom geometry(Point, 4326)
  GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED;
CREATE INDEX planned_sites_geom ON planned_sites USING gist (geom);

ALTER TABLE complaints ADD COLUMN geom geometry(Point, 4326)
  GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED;
CREATE INDEX complaints_geom ON complaints USING gist (geom);

ALTER TABLE coverage_areas ADD COLUMN geom geometry(MultiPolygon, 4326)
  GENERATED ALWAYS AS (ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326))) STORED;
CREATE INDEX coverage_areas_geom ON coverage_areas USING gist (geom);

ALTER TABLE cutovers ADD COLUMN geom geometry(MultiPolygon, 4326)
  GENERATED ALWAYS AS (ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(area), 4326))) STORED;
CREATE INDEX cutovers_geom ON cutovers USING gist (geom);

ALTER TABLE features ADD COLUMN geom geometry(Geometry, 4326)
  GENERATED ALWAYS AS (ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326)) STORED;
CREATE INDEX features_geom ON features USING gist (geom);
