FETCH ${rows} FROM snapshot_rows
