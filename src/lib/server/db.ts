import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';

export type Database = PrismaClient;
export { PrismaClient };

/** A Prisma client over the `pg` driver adapter (no native engine needed). */
export function createDatabase(connectionString: string, options: { max?: number } = {}): Database {
	const adapter = new PrismaPg({ connectionString, max: options.max ?? 10 });
	return new PrismaClient({ adapter });
}
