-- PLACEHOLDER, not upstream's schema. Berth's Coze Studio bundle does not carry upstream's database schema.
-- Before packaging, replace this file with docker/volumes/mysql/schema.sql from coze-dev/coze-studio at the
-- release that matches the pinned images (0.5.1). MySQL runs it once, on the first start with an empty
-- data/mysql folder; the check-schema hook stops the deploy with a clear message while this placeholder is here.
SELECT 1;
