import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Prisma } from '../generated/prisma/client.ts';

/**
 * Départements and régions from INSEE's codes (@etalab/decoupage-administratif, offline). A member's
 * département comes from their postcode (Corsica: 200–201 → 2A, 202–206 → 2B; overseas: three digits),
 * else from the directory's geocoded place (MemberSearch.departement).
 */
function readJson<T>(specifier: string): T {
	const require = createRequire(import.meta.url);
	return JSON.parse(readFileSync(require.resolve(specifier), 'utf8')) as T;
}

interface Geo {
	departements: Map<string, { name: string; region: string }>;
	regions: Map<string, string>;
}
let geo: Geo | null = null;

function load(): Geo {
	geo ??= {
		departements: new Map(readJson<{ code: string; nom: string; region: string }[]>('@etalab/decoupage-administratif/data/departements.json').map((d) => [d.code, { name: d.nom, region: d.region }])),
		regions: new Map(readJson<{ code: string; nom: string }[]>('@etalab/decoupage-administratif/data/regions.json').map((r) => [r.code, r.nom]))
	};
	return geo;
}

export function departementName(code: string): string | null {
	return load().departements.get(code)?.name ?? null;
}

/** The région's name of a département code, null when unknown. */
export function regionOfDepartement(code: string): string | null {
	const { departements, regions } = load();
	const d = departements.get(code);
	return d ? (regions.get(d.region) ?? null) : null;
}

/** SQL: the member's département code (alias m = Member, s = MemberSearch, left-joined). */
export const departementSql = Prisma.sql`COALESCE(
	CASE
		WHEN m.postcode ~ '^97[0-9]{3}$' THEN left(m.postcode, 3)
		WHEN m.postcode ~ '^20[01][0-9]{2}$' THEN '2A'
		WHEN m.postcode ~ '^20[2-6][0-9]{2}$' THEN '2B'
		WHEN m.postcode ~ '^[0-9]{5}$' THEN left(m.postcode, 2)
	END,
	s.departement)`;
