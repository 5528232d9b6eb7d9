DELETE FROM api_tokens WHERE username = ${username}
