-- The directory's one filters index, split in two by a fixed hash of the member id: one member in
-- eight, then the others (src/lib/server/directory/matches.ts). A search reads the small part
-- first and opens the other only when the first holds fewer than its bound of matches, so a
-- frequent word no longer collects every match of a national directory before the first thousand
-- are taken. Same columns and operator classes as MemberSearch_filters_idx (directory_fast_scan).
DROP INDEX IF EXISTS "MemberSearch_filters_idx";

CREATE INDEX "MemberSearch_filters_first_idx" ON "MemberSearch" USING gin (
    document, relais_geo_cells(latitude, longitude), "skillKeys", "promoYears", languages,
    companies gin_trgm_ops, schools gin_trgm_ops, diplomas gin_trgm_ops, departement, category)
    WHERE (uuid_hash("memberId") & 7) = 0;

CREATE INDEX "MemberSearch_filters_rest_idx" ON "MemberSearch" USING gin (
    document, relais_geo_cells(latitude, longitude), "skillKeys", "promoYears", languages,
    companies gin_trgm_ops, schools gin_trgm_ops, diplomas gin_trgm_ops, departement, category)
    WHERE (uuid_hash("memberId") & 7) <> 0;
