SELECT * FROM features WHERE type = 'district' ORDER BY id
