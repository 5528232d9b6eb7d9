-- Publishing network information (网维信息发布, issue 9 item 3): the information types an operator
-- defines (the four built-in ones are inserted by the service at start) and the objects engineers
-- publish on the map. A published object whose type is used by the diagnosis is also materialised,
-- while valid, as a row of the existing kind tables (coverage_areas, planned_sites, cutovers) with the
-- id 'pub:<object id>'; materialised_kind says which table holds it now (null: none).

CREATE TABLE publish_types (
  -- a slug: blind_spot, weak_coverage, planned_site, cutover, or the operator's own ([a-z][a-z0-9_]*)
  id           text PRIMARY KEY,
  name         text NOT NULL,
  geometry     text NOT NULL CHECK (geometry IN ('point', 'polygon')),
  -- [{key, label, type: text|textarea|number|integer|boolean|datetime|select, required, options?, min?, max?}]
  fields       jsonb NOT NULL DEFAULT '[]',
  -- {color: '#rrggbb', shape: circle|square|triangle|diamond|star|pin} (polygons use the colour only)
  symbol       jsonb NOT NULL,
  -- which existing cause the diagnosis reads it as; 'none': shown on the map only
  diagnosis_as text NOT NULL DEFAULT 'none' CHECK (diagnosis_as IN ('none', 'blind_spot', 'weak_coverage', 'planned_site', 'cutover')),
  builtin      boolean NOT NULL DEFAULT false,
  version      integer NOT NULL DEFAULT 1,
  created_by   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_by   text,
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE publish_objects (
  id                text PRIMARY KEY,
  type_id           text NOT NULL REFERENCES publish_types (id),
  -- a GeoJSON Point or Polygon (WGS-84), with its bbox beside it for bbox filters on every store
  geometry          jsonb NOT NULL,
  min_lon double precision NOT NULL, min_lat double precision NOT NULL,
  max_lon double precision NOT NULL, max_lat double precision NOT NULL,
  -- the values of the type's fields, validated against it
  fields            jsonb NOT NULL DEFAULT '{}',
  valid_from        timestamptz NOT NULL,
  -- null: until withdrawn
  valid_to          timestamptz,
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn', 'expired')),
  materialised_kind text CHECK (materialised_kind IN ('blind-spots', 'planned-sites', 'cutovers')),
  version           integer NOT NULL DEFAULT 1,
  created_by        text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_by        text,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX publish_objects_bbox ON publish_objects (min_lon, max_lon, min_lat, max_lat) WHERE status = 'active';
-- the sweep: active objects whose validity starts or ends
CREATE INDEX publish_objects_due ON publish_objects (valid_to, valid_from) WHERE status = 'active';
