SELECT max(${column:name})::bigint AS m FROM ${table:name}
