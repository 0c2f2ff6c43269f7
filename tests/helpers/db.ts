import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../../src/lib/server/db.ts';
import { withDatabase } from './global-setup.ts';

export interface FreshDatabase {
	url: string;
	prisma: Database;
	drop(): Promise<void>;
}

/** A new database cloned from the migrated template: each test file starts from an empty schema. */
export async function freshDatabase(): Promise<FreshDatabase> {
	const adminUrl = inject('pgAdminUrl');
	const name = `t_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	try {
		await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
	} finally {
		await admin.end();
	}
	const url = withDatabase(adminUrl, name);
	const prisma = createDatabase(url, { max: 5 });
	return {
		url,
		prisma,
		async drop() {
			await prisma.$disconnect();
			const client = new pg.Client({ connectionString: adminUrl });
			await client.connect();
			await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await client.end();
		}
	};
}
