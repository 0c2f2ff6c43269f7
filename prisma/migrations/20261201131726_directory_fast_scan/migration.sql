-- Directory search: the separate GIN indexes below become one (end of this file)
-- DropIndex
DROP INDEX "MemberSearch_companies_idx";

-- DropIndex
DROP INDEX "MemberSearch_diplomas_idx";

-- DropIndex
DROP INDEX "MemberSearch_document_idx";

-- DropIndex
DROP INDEX "MemberSearch_languages_idx";

-- DropIndex
DROP INDEX "MemberSearch_promoYears_idx";

-- DropIndex
DROP INDEX "MemberSearch_schools_idx";

-- DropIndex
DROP INDEX "MemberSearch_skillKeys_idx";

-- CreateTable
CREATE TABLE "SearchLexeme" (
    "lexeme" TEXT NOT NULL,

    CONSTRAINT "SearchLexeme_pkey" PRIMARY KEY ("lexeme")
);

-- CreateIndex
CREATE INDEX "SearchLexeme_lexeme_idx" ON "SearchLexeme" USING GIN ("lexeme" gin_trgm_ops);

-- Directory search at a million members, part two (src/lib/server/directory/search.ts, words.ts).
-- A GIN index answers "électricien" AND "a rare word" by skipping through the frequent word's
-- posting list, but only when both are exact entries of ONE index scan: a prefix ('electricien':*)
-- is first collected whole (62 000 rows: 20-50 ms at a million members), and a place checked
-- through another index is ANDed after both bitmaps are built. So:
-- 1. the text and every filter go into ONE GIN index (btree_gin for département and category),
--    the place as grid cells at four sizes (about 11, 33, 100 and 300 km; longitude steps 1.5 ×
--    the latitude's, squares at French latitudes): a radius search asks for the few cells covering
--    its circle at the finest size that keeps them few, then measures the exact distance on what
--    comes out;
-- 2. the lexicon of every lexeme in the search documents lets a typed prefix become the exact
--    lexemes it starts (words.ts), kept by triggers whoever writes the documents.

-- the cells of a point, one per size; directory/cells.ts computes the same with the same steps
CREATE OR REPLACE FUNCTION relais_geo_cells(lat float8, lng float8) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN lat IS NULL OR lng IS NULL THEN ARRAY[]::text[] ELSE ARRAY[
        '0:' || floor(lat / 0.1)::bigint || ':' || floor(lng / 0.15)::bigint,
        '1:' || floor(lat / 0.3)::bigint || ':' || floor(lng / 0.45)::bigint,
        '2:' || floor(lat / 0.9)::bigint || ':' || floor(lng / 1.35)::bigint,
        '3:' || floor(lat / 2.7)::bigint || ':' || floor(lng / 4.05)::bigint] END
$$;

CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX "MemberSearch_filters_idx" ON "MemberSearch" USING gin (
    document, relais_geo_cells(latitude, longitude), "skillKeys", "promoYears", languages,
    companies gin_trgm_ops, schools gin_trgm_ops, diplomas gin_trgm_ops, departement, category);

CREATE OR REPLACE FUNCTION relais_search_lexicon_add() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO "SearchLexeme" (lexeme)
    SELECT DISTINCT l FROM fresh, unnest(tsvector_to_array(fresh.document)) AS l
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER relais_member_lexicon_insert AFTER INSERT ON "MemberSearch"
    REFERENCING NEW TABLE AS fresh FOR EACH STATEMENT EXECUTE FUNCTION relais_search_lexicon_add();
CREATE TRIGGER relais_member_lexicon_update AFTER UPDATE ON "MemberSearch"
    REFERENCING NEW TABLE AS fresh FOR EACH STATEMENT EXECUTE FUNCTION relais_search_lexicon_add();
CREATE TRIGGER relais_company_lexicon_insert AFTER INSERT ON "CompanySearch"
    REFERENCING NEW TABLE AS fresh FOR EACH STATEMENT EXECUTE FUNCTION relais_search_lexicon_add();
CREATE TRIGGER relais_company_lexicon_update AFTER UPDATE ON "CompanySearch"
    REFERENCING NEW TABLE AS fresh FOR EACH STATEMENT EXECUTE FUNCTION relais_search_lexicon_add();

INSERT INTO "SearchLexeme" (lexeme)
SELECT DISTINCT l FROM (SELECT document FROM "MemberSearch" UNION ALL SELECT document FROM "CompanySearch") d, unnest(tsvector_to_array(d.document)) AS l
ON CONFLICT DO NOTHING;

-- pg_prewarm (contrib) lets a starting server load the search index into shared buffers
-- (directory/prewarm.ts); a server without it only loses that
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_prewarm;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_prewarm unavailable: the first searches after a start read from disk';
END $$;

-- The directory ranks a bounded set of matches; when PostgreSQL reads them with a sequential scan,
-- a synchronized scan would start wherever another scan of the table is, and the same search would
-- show different members from one time to the next. A database default (not a connection option,
-- which PgBouncer refuses); a role that may not alter the database keeps the default.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET synchronize_seqscans = off', current_database());
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'synchronize_seqscans left on: %', SQLERRM;
END $$;

-- relais_refresh_member_search(ids) serves one member, a batch of the online rebuild, or everyone
-- (NULL). After a few calls in one session plpgsql would keep a generic plan, which cannot use the
-- primary keys for "ids IS NULL OR id = ANY(ids)": each batch of a rebuild then scanned the whole
-- table, slower as it grew (94 s for 100 000 members instead of ~20). Plan each call for its ids.
ALTER FUNCTION relais_refresh_member_search(uuid[]) SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION relais_refresh_company_search(uuid[]) SET plan_cache_mode = force_custom_plan;
