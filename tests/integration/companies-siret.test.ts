import { describe, expect, it } from 'vitest';
import { isValidSiren, isValidSiret, luhnValid, normalizeNaf, normalizeSiret } from '../../src/lib/server/companies/siret.ts';
import { companyInput } from '../../src/lib/server/companies/inputs.ts';

describe('SIRET checksum', () => {
	it('accepts real-shaped SIRETs whose SIREN and SIRET keys hold, with or without spaces', () => {
		for (const siret of ['73282932000074', '732 829 320 00074', '443 061 841 00047', '54210765113030', '542\u00a0107\u00a0651\u00a013030']) {
			expect(isValidSiret(siret), siret).toBe(true);
		}
		expect(normalizeSiret('732 829 320 00074')).toBe('73282932000074');
	});

	it('refuses a wrong check digit, a wrong length, letters and the all-zero number', () => {
		for (const siret of ['73282932000075', '73282932000047', '7328293200007', '732829320000744', '7328293200007A', '12345678901234', '00000000000000', '']) {
			expect(isValidSiret(siret), siret).toBe(false);
		}
	});

	it('refuses a SIRET whose own key holds but whose SIREN does not', () => {
		// 123456789 is not a valid SIREN (Luhn), even when the 14 digits happen to pass
		const body = '1234567890001';
		const check = [...Array(10).keys()].find((d) => luhnValid(body + d))!;
		expect(luhnValid(body + check)).toBe(true);
		expect(isValidSiren('123456789')).toBe(false);
		expect(isValidSiret(body + check)).toBe(false);
	});

	it("knows La Poste's exception: establishments of SIREN 356000000 sum to a multiple of 5", () => {
		expect(isValidSiret('35600000049837')).toBe(true); // digit sum 45, Luhn fails
		expect(luhnValid('35600000049837')).toBe(false);
		expect(isValidSiret('35600000000048')).toBe(true); // head office: ordinary Luhn
		expect(isValidSiret('35600000049838')).toBe(false);
	});

	it('normalizes NAF codes and the form schema turns bad ones into message keys', () => {
		expect(normalizeNaf('6201z')).toBe('62.01Z');
		expect(normalizeNaf('62.01Z')).toBe('62.01Z');
		expect(normalizeNaf('62.1Z')).toBeNull();
		const bad = companyInput.safeParse({ legalName: 'X SAS', title: 'X', siret: '732 829 320 00075', nafCode: 'abc', website: 'javascript:alert(1)' });
		expect(bad.success).toBe(false);
		const messages = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join('.'), i.message]));
		expect(messages).toMatchObject({ siret: 'companies.error.siret_checksum', nafCode: 'companies.error.naf_invalid', website: 'companies.error.website_invalid' });
		const good = companyInput.parse({ legalName: 'X SAS', title: 'X', siret: '732 829 320 00074', nafCode: '6201z', website: 'www.exemple.fr', keywords: 'web; accessibilité, Web' });
		expect(good).toMatchObject({ siret: '73282932000074', nafCode: '62.01Z', website: 'https://www.exemple.fr', keywords: ['web', 'accessibilité'] });
	});
});
