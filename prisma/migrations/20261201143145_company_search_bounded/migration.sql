-- Company search at 30 000 companies (src/lib/server/directory/companies.ts): "newest first" and
-- the ranking's ties read the company's createdAt from its search row, so a search ranks a bounded
-- set of matches and looks up only the page's companies; a sector is matched through trigrams.
-- AlterTable
ALTER TABLE "CompanySearch" ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "CompanySearch_sector_idx" ON "CompanySearch" USING GIN ("sector" gin_trgm_ops);

UPDATE "CompanySearch" s SET "createdAt" = c."createdAt" FROM "Company" c WHERE c.id = s."companyId";

CREATE OR REPLACE FUNCTION relais_refresh_company_search(ids uuid[]) RETURNS integer
    LANGUAGE plpgsql
    AS $$
DECLARE
    changed integer;
BEGIN
    INSERT INTO "CompanySearch" AS s ("companyId", document, names, sector, departement, "createdAt", "refreshedAt")
    SELECT c.id,
           setweight(to_tsvector('relais_fr', concat_ws(' ', c.title, c."legalName", array_to_string(c.keywords, ' '))), 'A')
             || setweight(to_tsvector('relais_fr', coalesce(c.sector, '')), 'B')
             || setweight(to_tsvector('relais_fr', concat_ws(' ', c.description, c.city)), 'C'),
           relais_fold(concat_ws(' ', c.title, c."legalName", array_to_string(c.keywords, ' '))),
           coalesce(relais_fold(c.sector), ''),
           relais_departement(c.postcode, c.country),
           c."createdAt",
           now()
      FROM "Company" c
     WHERE ids IS NULL OR c.id = ANY (ids)
    ON CONFLICT ("companyId") DO UPDATE SET
           document = EXCLUDED.document, names = EXCLUDED.names, sector = EXCLUDED.sector,
           departement = EXCLUDED.departement, "createdAt" = EXCLUDED."createdAt", "refreshedAt" = EXCLUDED."refreshedAt";
    GET DIAGNOSTICS changed = ROW_COUNT;

    INSERT INTO "SearchWord" (word)
    SELECT DISTINCT w
      FROM "CompanySearch" s, regexp_split_to_table(s.names, '[^[:alnum:]]+') AS w
     WHERE (ids IS NULL OR s."companyId" = ANY (ids)) AND length(w) BETWEEN 3 AND 40
    ON CONFLICT DO NOTHING;
    RETURN changed;
END $$;


ALTER FUNCTION relais_refresh_company_search(uuid[]) SET plan_cache_mode = force_custom_plan;
