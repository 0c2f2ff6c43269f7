/**
 * French company identifiers. A SIRET is the SIREN (9 digits, the company) followed by the NIC
 * (5 digits, the establishment); both carry a Luhn check digit. La Poste is the one exception:
 * its establishments share SIREN 356 000 000 and are checked by "sum of the digits divisible by 5".
 */

const LA_POSTE_SIREN = '356000000';

/** Spaces (also non-breaking), dots and dashes people type are dropped: "732 829 320 00074" → "73282932000074". */
export function normalizeSiret(value: string): string {
	return value.replace(/[\s\u00a0\u202f.-]/g, '');
}

/** Luhn (mod 10) over a string of digits, check digit included. */
export function luhnValid(digits: string): boolean {
	if (!/^\d+$/.test(digits)) return false;
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let d = digits.charCodeAt(digits.length - 1 - i) - 48;
		if (i % 2 === 1) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return sum % 10 === 0;
}

export function isValidSiren(value: string): boolean {
	const siren = normalizeSiret(value);
	return /^\d{9}$/.test(siren) && siren !== '000000000' && luhnValid(siren);
}

/** True for a well-formed SIRET (spaces allowed) whose SIREN and SIRET check digits both hold. */
export function isValidSiret(value: string): boolean {
	const siret = normalizeSiret(value);
	if (!/^\d{14}$/.test(siret) || siret.startsWith('000000000')) return false;
	if (siret.startsWith(LA_POSTE_SIREN)) {
		// "00000" is La Poste's head office, which follows the ordinary rule
		if (luhnValid(siret)) return true;
		let sum = 0;
		for (const c of siret) sum += c.charCodeAt(0) - 48;
		return sum % 5 === 0;
	}
	return luhnValid(siret.slice(0, 9)) && luhnValid(siret);
}

/** NAF / APE code (INSEE, rev. 2): "62.01Z"; "6201z" and "62 01 Z" are accepted and normalized. */
export function normalizeNaf(value: string): string | null {
	const compact = value.replace(/[\s.]/g, '').toUpperCase();
	const match = /^(\d{2})(\d{2})([A-Z])$/.exec(compact);
	return match ? `${match[1]}.${match[2]}${match[3]}` : null;
}
