-- A full rebuild of the directory's search rows takes members in postcode order
-- (src/lib/server/directory/refresh.ts), so that the rows of one place are written together and a
-- search around a city reads a few pages instead of one per match. The keyset of that walk:
CREATE INDEX "Member_place_order_idx" ON "Member" ((coalesce(postcode, '')), id);
