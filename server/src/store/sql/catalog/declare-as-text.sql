-- A cursor over a table with every listed column as its text form. textColumns is built by
-- store/repos/catalog.ts from the catalog's column names, each escaped as an identifier
-- (pgp.as.name), never from request text: SQL has no parameter for "each column cast to text".
DECLARE ${cursor:name} NO SCROLL CURSOR FOR
SELECT ${textColumns:raw} FROM ${table:name}
