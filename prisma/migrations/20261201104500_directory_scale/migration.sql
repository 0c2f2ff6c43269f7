-- Directory search at a million members (src/lib/server/directory/search.ts):
-- "members nearest first" walks a GiST index on the members' points instead of sorting every
-- member in the radius. earthdistance (contrib, with cube) measures on the sphere; Prisma cannot
-- express an expression index, and leaves this one alone.
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
CREATE INDEX "MemberSearch_earth_idx" ON "MemberSearch" USING gist (ll_to_earth(latitude, longitude)) WHERE listed;
