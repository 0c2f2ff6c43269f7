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
export const MAX_COVERING_CELLS = 36;

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

/**
 * The cells covering the circle's bounding box at the finest size where they are at most
 * MAX_COVERING_CELLS (the coarsest size otherwise): every member within the radius is in one of them.
 */
export function coveringCells(point: { latitude: number; longitude: number }, radiusKm: number): string[] {
	const box = boundingBox(point, radiusKm);
	for (let size = 0; size < LATITUDE_STEPS.length; size++) {
		const [s, n] = [Math.floor(box.south / LATITUDE_STEPS[size]), Math.floor(box.north / LATITUDE_STEPS[size])];
		const [w, e] = [Math.floor(box.west / LONGITUDE_STEPS[size]), Math.floor(box.east / LONGITUDE_STEPS[size])];
		if ((n - s + 1) * (e - w + 1) > MAX_COVERING_CELLS && size < LATITUDE_STEPS.length - 1) continue;
		const cells: string[] = [];
		for (let lat = s; lat <= n; lat++) for (let lng = w; lng <= e; lng++) cells.push(`${size}:${lat}:${lng}`);
		return cells;
	}
	return [];
}
