/**
 * Grid cells of the directory's places, as the SQL function relais_geo_cells (migration
 * directory_fast_scan) writes them into the search index: one cell per size for each member's
 * point. A radius search asks for the cells that cover its circle's bounding box, so the place
 * joins the text inside one GIN index scan (which can then skip through a frequent word's
 * posting list); the exact distance is measured on what comes out.
 *
 * The steps must stay those of the SQL function, literally: both sides divide by the same doubles.
 */
const LATITUDE_STEPS = [0.1, 0.3, 0.9, 2.7] as const;
const LONGITUDE_STEPS = [0.15, 0.45, 1.35, 4.05] as const;

/** a radius is covered by at most this many cells: the finest size that keeps them this few */
export const MAX_COVERING_CELLS = 64;

const KM_PER_DEGREE = 111.2;

/** the cells of one point, one per size (what the index holds for a member there) */
export function cellsOf(latitude: number, longitude: number): string[] {
	return LATITUDE_STEPS.map((step, size) => `${size}:${Math.floor(latitude / step)}:${Math.floor(longitude / LONGITUDE_STEPS[size])}`);
}

/** The bounding box of a circle, in degrees (longitude degrees shrink towards the poles). */
export function boundingBox(point: { latitude: number; longitude: number }, radiusKm: number) {
	const dLat = radiusKm / KM_PER_DEGREE;
	const dLng = radiusKm / (KM_PER_DEGREE * Math.max(0.05, Math.cos((point.latitude * Math.PI) / 180)));
	return { south: point.latitude - dLat, north: point.latitude + dLat, west: point.longitude - dLng, east: point.longitude + dLng };
}

/** great-circle km between two points (haversine, the SQL search's formula) */
function km(a: { latitude: number; longitude: number }, latitude: number, longitude: number): number {
	const rad = Math.PI / 180;
	const h = Math.sin(((latitude - a.latitude) * rad) / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(latitude * rad) * Math.sin(((longitude - a.longitude) * rad) / 2) ** 2;
	return 12742 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The cells that reach into the circle, at the finest size where they are at most
 * MAX_COVERING_CELLS (the coarsest size otherwise): every member within the radius is in one of
 * them. Cells of the bounding box that the circle does not reach (its corners) are left out: their
 * members would all be read and measured for nothing. A cell's nearest point is taken as the
 * point clamped into it, which on a sphere can be a little further than the true nearest one
 * (0.1 % at 500 km): the margin keeps such cells.
 */
export function coveringCells(point: { latitude: number; longitude: number }, radiusKm: number): string[] {
	const box = boundingBox(point, radiusKm);
	const reach = radiusKm * 1.02 + 0.5;
	for (let size = 0; size < LATITUDE_STEPS.length; size++) {
		const [latStep, lngStep] = [LATITUDE_STEPS[size], LONGITUDE_STEPS[size]];
		const [s, n] = [Math.floor(box.south / latStep), Math.floor(box.north / latStep)];
		const [w, e] = [Math.floor(box.west / lngStep), Math.floor(box.east / lngStep)];
		const coarsest = size === LATITUDE_STEPS.length - 1;
		// the circle reaches at least π/4 of its box: too many cells already
		if ((n - s + 1) * (e - w + 1) * (Math.PI / 4) > MAX_COVERING_CELLS * 1.2 && !coarsest) continue;
		const cells: string[] = [];
		for (let lat = s; lat <= n; lat++)
			for (let lng = w; lng <= e; lng++) {
				const nearestLat = Math.min(Math.max(point.latitude, lat * latStep), (lat + 1) * latStep);
				const nearestLng = Math.min(Math.max(point.longitude, lng * lngStep), (lng + 1) * lngStep);
				if (km(point, nearestLat, nearestLng) <= reach) cells.push(`${size}:${lat}:${lng}`);
			}
		if (cells.length <= MAX_COVERING_CELLS || coarsest) return cells;
	}
	return [];
}
