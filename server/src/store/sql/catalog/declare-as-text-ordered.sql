-- As declare-as-text.sql, in the order of the given (primary-key) columns.
DECLARE ${cursor:name} NO SCROLL CURSOR FOR
SELECT ${textColumns:raw} FROM ${table:name} ORDER BY ${orderBy:name}
