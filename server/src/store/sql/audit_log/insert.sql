INSERT INTO audit_log (username, role, action, target, details, ip) VALUES (${username}, ${role}, ${action}, ${target}, ${details}, ${ip})
