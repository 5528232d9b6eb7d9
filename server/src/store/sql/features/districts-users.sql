-- Districts with a known user count (千人投诉率).
SELECT id, name, users, geometry FROM features WHERE type = 'district' AND users IS NOT NULL ORDER BY id
