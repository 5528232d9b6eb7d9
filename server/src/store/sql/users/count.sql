-- How many users there are (none: the first start bootstraps an admin).
SELECT count(*) AS n FROM users
