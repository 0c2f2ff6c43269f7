import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';

export type Database = PrismaClient;
export { PrismaClient };

/** A Prisma client over the `pg` driver adapter (no native engine needed). */
export function createDatabase(connectionString: string, options: { max?: number } = {}): Database {
	const adapter = new PrismaPg({ connectionString, max: options.max ?? 10 });
	// Prisma gives up on a transaction that waits 2 s for a pooled connection; under a burst the
	// pool is briefly exhausted and members would see an error for what is only a short queue.
	return new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 20_000 } });
}
