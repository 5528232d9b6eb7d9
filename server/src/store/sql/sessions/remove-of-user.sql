-- Every session of a user but the one with hash keepHash ('' keeps none: no hash is empty).
DELETE FROM sessions WHERE username = ${username} AND id_hash <> ${keepHash}
