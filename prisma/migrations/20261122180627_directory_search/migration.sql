-- Directory search (hand-written part, before Prisma's generated tables): French full text that ignores
-- accents (unaccent + french_stem in the `relais_fr` configuration) and typo tolerance (pg_trgm over the
-- SearchWord vocabulary).
-- Both extensions are "trusted": a database owner without superuser may create them.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is only STABLE (it depends on search_path); this wrapper names its dictionary and is IMMUTABLE
CREATE OR REPLACE FUNCTION relais_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- the folded form compared by pg_trgm and filters: no accents, lower case, single spaces
CREATE OR REPLACE FUNCTION relais_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT btrim(regexp_replace(lower(relais_unaccent($1)), '\s+', ' ', 'g')) $$;

-- French stemming after accent folding: "Électriciens" and "electricien" give the same lexeme
CREATE TEXT SEARCH CONFIGURATION relais_fr (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION relais_fr ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem;

-- French département of a postcode: 69003 → 69, 20090 → 2A, 20200 → 2B, 97400 → 974
CREATE OR REPLACE FUNCTION relais_departement(postcode text, country text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE
        WHEN country IS DISTINCT FROM 'FR' OR postcode IS NULL OR postcode !~ '^[0-9]{5}$' THEN NULL
        WHEN postcode LIKE '97%' OR postcode LIKE '98%' THEN left(postcode, 3)
        WHEN postcode LIKE '20%' THEN CASE WHEN postcode < '20200' THEN '2A' ELSE '2B' END
        ELSE left(postcode, 2) END $$;

-- CreateTable
CREATE TABLE "MemberSearch" (
    "memberId" UUID NOT NULL,
    "listed" BOOLEAN NOT NULL,
    "provider" BOOLEAN NOT NULL,
    "category" "MemberCategory" NOT NULL,
    "document" tsvector,
    "names" TEXT NOT NULL DEFAULT '',
    "companies" TEXT NOT NULL DEFAULT '',
    "schools" TEXT NOT NULL DEFAULT '',
    "diplomas" TEXT NOT NULL DEFAULT '',
    "skillKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "promoYears" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "languages" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "departement" TEXT,
    "place" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "joinedAt" TIMESTAMP(3) NOT NULL,
    "refreshedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MemberSearch_pkey" PRIMARY KEY ("memberId")
);

-- CreateTable
CREATE TABLE "CompanySearch" (
    "companyId" UUID NOT NULL,
    "document" tsvector,
    "names" TEXT NOT NULL DEFAULT '',
    "sector" TEXT NOT NULL DEFAULT '',
    "departement" TEXT,
    "refreshedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompanySearch_pkey" PRIMARY KEY ("companyId")
);

-- CreateTable
CREATE TABLE "SearchWord" (
    "word" TEXT NOT NULL,

    CONSTRAINT "SearchWord_pkey" PRIMARY KEY ("word")
);

-- CreateIndex
CREATE INDEX "MemberSearch_document_idx" ON "MemberSearch" USING GIN ("document");

-- CreateIndex
CREATE INDEX "MemberSearch_companies_idx" ON "MemberSearch" USING GIN ("companies" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "MemberSearch_schools_idx" ON "MemberSearch" USING GIN ("schools" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "MemberSearch_diplomas_idx" ON "MemberSearch" USING GIN ("diplomas" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "MemberSearch_skillKeys_idx" ON "MemberSearch" USING GIN ("skillKeys");

-- CreateIndex
CREATE INDEX "MemberSearch_promoYears_idx" ON "MemberSearch" USING GIN ("promoYears");

-- CreateIndex
CREATE INDEX "MemberSearch_languages_idx" ON "MemberSearch" USING GIN ("languages");

-- CreateIndex
CREATE INDEX "MemberSearch_latitude_longitude_idx" ON "MemberSearch"("latitude", "longitude");

-- CreateIndex
CREATE INDEX "MemberSearch_departement_idx" ON "MemberSearch"("departement");

-- CreateIndex
CREATE INDEX "MemberSearch_listed_provider_joinedAt_idx" ON "MemberSearch"("listed", "provider", "joinedAt");

-- CreateIndex
CREATE INDEX "CompanySearch_document_idx" ON "CompanySearch" USING GIN ("document");

-- CreateIndex
CREATE INDEX "CompanySearch_departement_idx" ON "CompanySearch"("departement");

-- CreateIndex
CREATE INDEX "SearchWord_word_idx" ON "SearchWord" USING GIN ("word" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "MemberSearch" ADD CONSTRAINT "MemberSearch_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompanySearch" ADD CONSTRAINT "CompanySearch_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Member search documents: (re)built from the source tables for `ids` (NULL = every member).
-- Only active members who chose to appear get a row; others lose theirs. Coordinates come from the
-- member row; when it has none they are kept from the previous row while the place is unchanged
-- (the application geocodes the rest from the offline gazetteer).
CREATE OR REPLACE FUNCTION relais_refresh_member_search(ids uuid[]) RETURNS integer
    LANGUAGE plpgsql
    AS $$
DECLARE
    changed integer;
BEGIN
    DELETE FROM "MemberSearch" s
     WHERE (ids IS NULL OR s."memberId" = ANY (ids))
       AND NOT EXISTS (SELECT 1 FROM "Member" m WHERE m.id = s."memberId" AND m.status = 'active' AND m."visibleInDirectory");

    INSERT INTO "MemberSearch" AS s ("memberId", listed, provider, category, document, names, companies, schools, diplomas,
                                     "skillKeys", "promoYears", languages, departement, place, latitude, longitude, "joinedAt", "refreshedAt")
    SELECT m.id,
           true,
           m.category IN ('freelance', 'company', 'administration', 'association'),
           m.category,
           setweight(to_tsvector('relais_fr', concat_ws(' ', m."firstName", m."lastName", sk.labels)), 'A')
             || setweight(to_tsvector('relais_fr', concat_ws(' ', p.headline, co.names)), 'B')
             || setweight(to_tsvector('relais_fr', concat_ws(' ', p.bio, ed.schools, ed.diplomas)), 'C')
             || setweight(to_tsvector('relais_fr', coalesce(m.city, '')), 'D'),
           relais_fold(concat_ws(' ', m."firstName", m."lastName", p.headline, sk.labels)),
           coalesce(relais_fold(co.names), ''),
           coalesce(relais_fold(ed.schools), ''),
           coalesce(relais_fold(ed.diplomas), ''),
           coalesce(sk.keys, ARRAY[]::text[]),
           coalesce(ed.years, ARRAY[]::integer[]),
           coalesce(la.codes, ARRAY[]::text[]),
           relais_departement(m.postcode, m.country),
           nullif(concat_ws('|', m.country, m.postcode, relais_fold(m.city)), m.country),
           m.latitude,
           m.longitude,
           m."createdAt",
           now()
      FROM "Member" m
      LEFT JOIN "Profile" p ON p."memberId" = m.id
      LEFT JOIN LATERAL (
            SELECT string_agg(sl.label, ' ' ORDER BY ms.position) AS labels, array_agg(sl.key ORDER BY ms.position) AS keys
              FROM "MemberSkill" ms JOIN "Skill" sl ON sl.id = ms."skillId"
             WHERE ms."memberId" = m.id) sk ON true
      LEFT JOIN LATERAL (
            SELECT string_agg(DISTINCT n.name, ' | ') AS names FROM (
                SELECT c.title AS name FROM "CompanyMembership" cm JOIN "Company" c ON c.id = cm."companyId"
                 WHERE cm."memberId" = m.id AND cm.status = 'active'
                UNION
                SELECT e."companyName" FROM "Experience" e WHERE e."memberId" = m.id AND e."endedOn" IS NULL) n) co ON true
      LEFT JOIN LATERAL (
            SELECT string_agg(e.school, ' | ') AS schools, string_agg(e.diploma, ' | ') AS diplomas,
                   array_agg(DISTINCT e."promoYear") FILTER (WHERE e."promoYear" IS NOT NULL) AS years
              FROM "Education" e WHERE e."memberId" = m.id) ed ON true
      LEFT JOIN LATERAL (
            SELECT array_agg(l.code ORDER BY l.code) AS codes FROM "MemberLanguage" l WHERE l."memberId" = m.id) la ON true
     WHERE (ids IS NULL OR m.id = ANY (ids)) AND m.status = 'active' AND m."visibleInDirectory"
    ON CONFLICT ("memberId") DO UPDATE SET
           listed = EXCLUDED.listed, provider = EXCLUDED.provider, category = EXCLUDED.category, document = EXCLUDED.document,
           names = EXCLUDED.names, companies = EXCLUDED.companies, schools = EXCLUDED.schools, diplomas = EXCLUDED.diplomas,
           "skillKeys" = EXCLUDED."skillKeys", "promoYears" = EXCLUDED."promoYears", languages = EXCLUDED.languages,
           departement = EXCLUDED.departement, place = EXCLUDED.place,
           latitude = CASE WHEN EXCLUDED.latitude IS NOT NULL THEN EXCLUDED.latitude
                           WHEN s.place IS NOT DISTINCT FROM EXCLUDED.place THEN s.latitude END,
           longitude = CASE WHEN EXCLUDED.longitude IS NOT NULL THEN EXCLUDED.longitude
                            WHEN s.place IS NOT DISTINCT FROM EXCLUDED.place THEN s.longitude END,
           "joinedAt" = EXCLUDED."joinedAt", "refreshedAt" = EXCLUDED."refreshedAt";
    GET DIAGNOSTICS changed = ROW_COUNT;

    INSERT INTO "SearchWord" (word)
    SELECT DISTINCT w
      FROM "MemberSearch" s, regexp_split_to_table(s.names || ' ' || s.companies, '[^[:alnum:]]+') AS w
     WHERE (ids IS NULL OR s."memberId" = ANY (ids)) AND length(w) BETWEEN 3 AND 40
    ON CONFLICT DO NOTHING;
    RETURN changed;
END $$;

-- Privacy does not wait for a caller to remember: a change of status, visibility, category, name or
-- place refreshes the member's search row at once (deactivated or hidden → row removed).
CREATE OR REPLACE FUNCTION relais_member_search_sync() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM relais_refresh_member_search(ARRAY[NEW.id]);
    RETURN NULL;
END $$;

CREATE TRIGGER relais_member_search_sync
    AFTER UPDATE OF status, "visibleInDirectory", category, "firstName", "lastName", postcode, city, country, latitude, longitude ON "Member"
    FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD."visibleInDirectory" IS DISTINCT FROM NEW."visibleInDirectory"
       OR OLD.category IS DISTINCT FROM NEW.category OR OLD."firstName" IS DISTINCT FROM NEW."firstName"
       OR OLD."lastName" IS DISTINCT FROM NEW."lastName" OR OLD.postcode IS DISTINCT FROM NEW.postcode
       OR OLD.city IS DISTINCT FROM NEW.city OR OLD.country IS DISTINCT FROM NEW.country
       OR OLD.latitude IS DISTINCT FROM NEW.latitude OR OLD.longitude IS DISTINCT FROM NEW.longitude)
    EXECUTE FUNCTION relais_member_search_sync();

-- Company search documents: (re)built for `ids` (NULL = every company). Companies are public.
CREATE OR REPLACE FUNCTION relais_refresh_company_search(ids uuid[]) RETURNS integer
    LANGUAGE plpgsql
    AS $$
DECLARE
    changed integer;
BEGIN
    INSERT INTO "CompanySearch" AS s ("companyId", document, names, sector, departement, "refreshedAt")
    SELECT c.id,
           setweight(to_tsvector('relais_fr', concat_ws(' ', c.title, c."legalName", array_to_string(c.keywords, ' '))), 'A')
             || setweight(to_tsvector('relais_fr', coalesce(c.sector, '')), 'B')
             || setweight(to_tsvector('relais_fr', concat_ws(' ', c.description, c.city)), 'C'),
           relais_fold(concat_ws(' ', c.title, c."legalName", array_to_string(c.keywords, ' '))),
           coalesce(relais_fold(c.sector), ''),
           relais_departement(c.postcode, c.country),
           now()
      FROM "Company" c
     WHERE ids IS NULL OR c.id = ANY (ids)
    ON CONFLICT ("companyId") DO UPDATE SET
           document = EXCLUDED.document, names = EXCLUDED.names, sector = EXCLUDED.sector,
           departement = EXCLUDED.departement, "refreshedAt" = EXCLUDED."refreshedAt";
    GET DIAGNOSTICS changed = ROW_COUNT;

    INSERT INTO "SearchWord" (word)
    SELECT DISTINCT w
      FROM "CompanySearch" s, regexp_split_to_table(s.names, '[^[:alnum:]]+') AS w
     WHERE (ids IS NULL OR s."companyId" = ANY (ids)) AND length(w) BETWEEN 3 AND 40
    ON CONFLICT DO NOTHING;
    RETURN changed;
END $$;

-- a company's document only depends on its own row: a trigger keeps it fresh for every writer
CREATE OR REPLACE FUNCTION relais_company_search_sync() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM relais_refresh_company_search(ARRAY[NEW.id]);
    RETURN NULL;
END $$;

CREATE TRIGGER relais_company_search_sync
    AFTER INSERT OR UPDATE ON "Company"
    FOR EACH ROW EXECUTE FUNCTION relais_company_search_sync();

-- databases migrated before this one: index what is already there
SELECT relais_refresh_member_search(NULL);
SELECT relais_refresh_company_search(NULL);
