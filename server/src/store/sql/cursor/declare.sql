-- A cursor over one of the repositories' own queries (a QueryFile of this folder).
DECLARE snapshot_rows NO SCROLL CURSOR FOR ${query:raw}
