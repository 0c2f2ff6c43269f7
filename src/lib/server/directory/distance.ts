import { Prisma } from '../generated/prisma/client.ts';

/** the table aliases the searches give the rows they measure (code, never input: spliced raw) */
type Alias = 's' | 'p' | 'c';

/**
 * SQL: great-circle km between the row `alias` (its latitude and longitude columns) and a point
 * (haversine, the formula of cells.ts). The directory, the publication tabs, the job board and the
 * alerts measure with this one expression, so "within 20 km" means the same everywhere.
 */
export function distanceKm(alias: Alias, latitude: number, longitude: number): Prisma.Sql {
	const lat = Prisma.raw(`${alias}.latitude`);
	const lng = Prisma.raw(`${alias}.longitude`);
	return Prisma.sql`(12742.0 * asin(sqrt(power(sin(radians(${lat} - ${latitude}) / 2), 2) + cos(radians(${latitude})) * cos(radians(${lat})) * power(sin(radians(${lng} - ${longitude}) / 2), 2))))`;
}
