import { defineConfig } from 'prisma/config';

// Used by the Prisma CLI on machines that can run it (e.g. `prisma migrate deploy` with internet).
// At run time Relais applies the same migrations itself (server/db/migrate.ts).
export default defineConfig({
	schema: 'prisma/schema.prisma',
	migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
	datasource: { url: process.env.DATABASE_URL ?? '' }
});
