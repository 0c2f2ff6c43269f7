/**
 * CSV that Excel opens correctly in France: UTF-8 with a byte-order mark, `;` between fields, CRLF
 * line ends, quotes where needed, and cells that would start a formula (= + - @) neutralised.
 */
export type Cell = string | number | boolean | Date | null | undefined;

function cell(value: Cell): string {
	if (value === null || value === undefined) return '';
	let text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
	if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
	const lines = [header.map(cell).join(';')];
	for (const row of rows) lines.push(row.map(cell).join(';'));
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
