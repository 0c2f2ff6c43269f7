import { stringify } from 'csv-stringify/sync';

/**
 * CSV for Excel as French offices use it: UTF-8 with a BOM (so accents survive), `;` between
 * fields (Excel's separator under a French locale), CRLF, every field quoted when needed. Cells
 * starting with = + - @ are prefixed with a quote so that a spreadsheet never runs them as formulas.
 */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
	const safe = rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : typeof c === 'number' ? String(c) : /^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
	return '\uFEFF' + stringify(safe, { delimiter: ';', record_delimiter: '\r\n' });
}
