-- The network's state and the complaints, one table per kind of CONTRACT.md.
-- Coordinates are WGS-84 degrees; polygons and lines are GeoJSON (jsonb) with their bbox in plain
-- columns so that bbox filters run in SQL on every store (PostGIS adds real geometry columns later).

CREATE TABLE sites (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  lon        double precision NOT NULL,
  lat        double precision NOT NULL,
  tech       text,
  type       text,
  bsc        text,
  msc        text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sites_lon_lat ON sites (lon, lat);

CREATE TABLE cells (
  id         text PRIMARY KEY,
  site_id    text NOT NULL,
  azimuth    double precision NOT NULL,
  beamwidth  double precision NOT NULL,
  radius_m   double precision NOT NULL,
  tech       text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cells_site ON cells (site_id);

CREATE TABLE alarms (
  id         text PRIMARY KEY,
  site_id    text NOT NULL,
  kind       text NOT NULL,
  severity   text NOT NULL,
  raised_at  timestamptz NOT NULL,
  cleared_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alarms_site_time ON alarms (site_id, raised_at);

CREATE TABLE cutovers (
  id            text PRIMARY KEY,
  site_ids      text[] NOT NULL DEFAULT '{}',
  planned_start timestamptz,
  planned_end   timestamptz,
  actual_start  timestamptz,
  actual_end    timestamptz,
  description   text NOT NULL DEFAULT '',
  area          jsonb,
  min_lon double precision, min_lat double precision, max_lon double precision, max_lat double precision,
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE coverage_areas (
  id          text PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('blind', 'weak')),
  description text NOT NULL DEFAULT '',
  reason      text NOT NULL DEFAULT '',
  remedy      text NOT NULL DEFAULT '',
  status      text NOT NULL DEFAULT '',
  geometry    jsonb NOT NULL,
  min_lon double precision NOT NULL, min_lat double precision NOT NULL,
  max_lon double precision NOT NULL, max_lat double precision NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE planned_sites (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  lon        double precision NOT NULL,
  lat        double precision NOT NULL,
  radius_m   double precision NOT NULL,
  period     text NOT NULL DEFAULT '',
  status     text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE features (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  aliases    text[] NOT NULL DEFAULT '{}',
  type       text NOT NULL,
  geometry   jsonb NOT NULL,
  lon        double precision NOT NULL,
  lat        double precision NOT NULL,
  min_lon double precision NOT NULL, min_lat double precision NOT NULL,
  max_lon double precision NOT NULL, max_lat double precision NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE complaints (
  id              text PRIMARY KEY,
  occurred_at     timestamptz NOT NULL,
  reported_at     timestamptz,
  address         text NOT NULL DEFAULT '',
  service         text NOT NULL,
  phenomenon      text NOT NULL,
  description     text NOT NULL DEFAULT '',
  vip             text,
  lon             double precision NOT NULL,
  lat             double precision NOT NULL,
  number          text,            -- the customer's number, whole; shown masked by role (routes/complaints)
  suggested_cause text,            -- what the diagnosis proposed
  cause           text,            -- the final cause (agent or field test); NULL while open
  answer          text,
  disposition     text,
  specialty       text,
  linked_sites    text[] NOT NULL DEFAULT '{}',
  diagnosis       jsonb,           -- the full diagnosis shown to the agent, for audit and rule precision
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX complaints_time ON complaints (occurred_at);
CREATE INDEX complaints_lon_lat ON complaints (lon, lat);
