import { parse } from 'csv-parse/sync';
import { invalid } from '../errors.ts';
import { fold } from '../directory/text.ts';

/**
 * Reading an administrator's CSV: UTF-8 with or without BOM, or Windows-1252 (what Excel writes on
 * a French Windows for "CSV (séparateur : point-virgule)"); `;` or `,` (the one the header line uses
 * most); quoted fields, CRLF, blank lines. Headers are recognised in French or English; any other
 * header goes through the mapping screen.
 */
export const IMPORT_FIELDS = ['firstName', 'lastName', 'email', 'promotion', 'programme', 'campus', 'roles', 'externalRef'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const REQUIRED_FIELDS: readonly ImportField[] = ['firstName', 'lastName', 'email'];
/** column index → field ('' = ignored) */
export type ImportMapping = (ImportField | '')[];

export const MAX_IMPORT_ROWS = 20_000;
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

const key = (header: string) => fold(header).replace(/[^a-z0-9]/g, '');

const SYNONYMS: Record<ImportField, string[]> = {
	firstName: ['prenom', 'firstname', 'first', 'givenname', 'prenoms'],
	lastName: ['nom', 'lastname', 'last', 'surname', 'familyname', 'nomdefamille', 'name'],
	email: ['email', 'mail', 'courriel', 'adresseemail', 'adressemail', 'adressee-mail', 'emailaddress', 'adressecourriel'],
	promotion: ['promo', 'promotion', 'annee', 'anneedepromotion', 'anneediplome', 'year', 'class', 'classyear', 'graduationyear', 'cohort'],
	programme: ['cursus', 'programme', 'program', 'diplome', 'formation', 'degree', 'course', 'filiere'],
	campus: ['campus', 'site', 'ecole', 'school'],
	roles: ['role', 'roles', 'statut', 'profil', 'type', 'status'],
	externalRef: ['referenceexterne', 'refexterne', 'externalref', 'externalreference', 'externalid', 'idexterne', 'reference', 'ref', 'id', 'identifiant']
};

/** The field a header names, if it is one of the recognised French or English names. */
export function recogniseHeader(header: string): ImportField | '' {
	const k = key(header);
	for (const field of IMPORT_FIELDS) if (SYNONYMS[field].includes(k)) return field;
	return '';
}

export function decodeCsv(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
	} catch {
		return new TextDecoder('windows-1252').decode(bytes);
	}
}

export interface ParsedCsv {
	headers: string[];
	rows: string[][];
	delimiter: ';' | ',';
}

export function parseCsv(bytes: Uint8Array): ParsedCsv {
	if (bytes.byteLength === 0) throw invalid('admin.import.error.empty');
	if (bytes.byteLength > MAX_IMPORT_BYTES) throw invalid('admin.import.error.too_big');
	let text = decodeCsv(bytes);
	// Excel's "sep=;" hint line, when a tool wrote one
	const hint = text.match(/^sep=([;,])\r?\n/i);
	if (hint) text = text.slice(hint[0].length);
	const firstLine = text.slice(0, text.search(/\r?\n|$/));
	const delimiter = hint ? (hint[1] as ';' | ',') : (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
	let records: string[][];
	try {
		records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true, relax_quotes: true });
	} catch {
		throw invalid('admin.import.error.unreadable');
	}
	const [headers, ...rows] = records;
	if (!headers || headers.every((h) => !h)) throw invalid('admin.import.error.empty');
	if (rows.length === 0) throw invalid('admin.import.error.no_rows');
	if (rows.length > MAX_IMPORT_ROWS) throw invalid('admin.import.error.too_many_rows');
	return { headers, rows: rows.filter((r) => r.some((c) => c !== '')), delimiter };
}

export function autoMapping(headers: readonly string[]): ImportMapping {
	const seen = new Set<ImportField>();
	return headers.map((h) => {
		const field = recogniseHeader(h);
		if (!field || seen.has(field)) return '';
		seen.add(field);
		return field;
	});
}

/** The mapping is complete when every required field has a column and no field has two. */
export function mappingProblem(mapping: ImportMapping): 'missing' | 'twice' | null {
	const used = mapping.filter(Boolean);
	if (new Set(used).size !== used.length) return 'twice';
	return REQUIRED_FIELDS.every((f) => used.includes(f)) ? null : 'missing';
}

export function cellsToValues(cells: readonly string[], mapping: ImportMapping): Partial<Record<ImportField, string>> {
	const values: Partial<Record<ImportField, string>> = {};
	mapping.forEach((field, i) => {
		if (field) values[field] = (cells[i] ?? '').trim();
	});
	return values;
}
