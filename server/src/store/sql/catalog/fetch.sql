FETCH ${rows} FROM ${cursor:name}
