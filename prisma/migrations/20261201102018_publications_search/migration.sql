-- AlterTable
ALTER TABLE "Publication" ADD COLUMN     "search" tsvector;

-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "publicationId" UUID;

-- CreateIndex
CREATE INDEX "Publication_search_idx" ON "Publication" USING GIN ("search");

-- CreateIndex
CREATE INDEX "Publication_publishedAt_id_idx" ON "Publication"("publishedAt" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Publications' French full text (hand-written: Prisma cannot express it). The document is rebuilt by a
-- trigger whenever the title, the text or the place changes: title (A), text without its HTML tags (B),
-- city and postcode (C), in the directory's `relais_fr` configuration (accents folded, French stems).
-- Words of PUBLIC titles join the SearchWord vocabulary, so that a misspelt word typed on the public tabs
-- is corrected like in the directory (pg_trgm); private ads never feed it.
CREATE OR REPLACE FUNCTION relais_publication_search() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.search := setweight(to_tsvector('relais_fr', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('relais_fr',
               replace(replace(replace(replace(regexp_replace(coalesce(NEW.body, ''), '<[^>]*>', ' ', 'g'),
                   '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&amp;', '&')), 'B')
        || setweight(to_tsvector('relais_fr', concat_ws(' ', NEW.city, NEW.postcode)), 'C');
    IF NEW.audience = 'public' THEN
        INSERT INTO "SearchWord" (word)
        SELECT DISTINCT w FROM regexp_split_to_table(relais_fold(NEW.title), '[^[:alnum:]]+') AS w
         WHERE length(w) BETWEEN 3 AND 40
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER publication_search BEFORE INSERT OR UPDATE OF title, body, city, postcode, audience ON "Publication"
    FOR EACH ROW EXECUTE FUNCTION relais_publication_search();
