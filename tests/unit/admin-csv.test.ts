import { describe, expect, it } from 'vitest';
import { autoMapping, decodeCsv, mappingProblem, parseCsv, recogniseHeader } from '../../src/lib/server/admin/import-csv.ts';
import { checkRow, parseRoles } from '../../src/lib/server/admin/import-plan.ts';
import { toCsv } from '../../src/lib/server/admin/csv-out.ts';

describe('reading an administrator’s CSV', () => {
	it('recognises French and English headers, accents and case aside', () => {
		expect(['Prénom', 'NOM', 'E-mail', 'Promo', 'Cursus', 'Campus', 'Rôle', 'Référence externe'].map(recogniseHeader)).toEqual(['firstName', 'lastName', 'email', 'promotion', 'programme', 'campus', 'roles', 'externalRef']);
		expect(['First name', 'Last name', 'Email address', 'Graduation year', 'Program', 'Site', 'Roles', 'External ID'].map(recogniseHeader)).toEqual(['firstName', 'lastName', 'email', 'promotion', 'programme', 'campus', 'roles', 'externalRef']);
		expect(recogniseHeader('Téléphone')).toBe('');
		// a field named twice keeps its first column
		expect(autoMapping(['email', 'courriel', 'prénom', 'nom'])).toEqual(['email', '', 'firstName', 'lastName']);
		expect(mappingProblem(['email', '', 'firstName'])).toBe('missing');
		expect(mappingProblem(['email', 'email', 'firstName', 'lastName'])).toBe('twice');
	});

	it('takes `;` or `,`, a BOM, Windows-1252, quotes, CRLF, blank lines and Excel’s sep= line', () => {
		expect(parseCsv(Buffer.from('\uFEFFprénom;nom;email\r\nZoé;"Dupont; fils";zoe@exemple.fr\r\n\r\n')).rows).toEqual([['Zoé', 'Dupont; fils', 'zoe@exemple.fr']]);
		expect(parseCsv(Buffer.from('first name,last name,email\nRené,Lévêque,rene@exemple.fr\n')).delimiter).toBe(',');
		expect(decodeCsv(new Uint8Array([0x52, 0x65, 0x6e, 0xe9]))).toBe('René');
		const hinted = parseCsv(Buffer.from('sep=,\r\nprénom;nom,email\r\nA;B,c@exemple.fr\r\n'));
		expect(hinted.headers).toEqual(['prénom;nom', 'email']);
	});

	it('checks a row: e-mail, names, promotion, roles in French or English', () => {
		expect(parseRoles('Étudiante / Alumni')).toEqual(['student', 'alumni']);
		expect(parseRoles('enseignant et recruteur')).toEqual(['teacher', 'recruiter']);
		expect(parseRoles('pilote')).toBeNull();
		expect(checkRow({ firstName: 'A', lastName: 'B', email: 'A@Exemple.FR', promotion: '2020', roles: 'alumni' })).toMatchObject({ error: null, values: { email: 'a@exemple.fr', promotion: 2020, roles: ['alumni'] } });
		expect(checkRow({ firstName: 'A', lastName: 'B', email: 'nope', roles: 'alumni' }).error).toBe('email_invalid');
		expect(checkRow({ firstName: 'A', lastName: 'B', email: 'a@exemple.fr', promotion: '95', roles: 'alumni' }).error).toBe('promotion_invalid');
		expect(checkRow({ firstName: 'A', lastName: 'B', email: 'a@exemple.fr' }).error).toBe('role_missing');
		expect(checkRow({ firstName: '', lastName: 'B', email: 'a@exemple.fr', roles: 'alumni' }).error).toBe('name_missing');
	});
});

describe('writing CSV for Excel', () => {
	it('BOM, `;`, CRLF, quoting, and no formula injection', () => {
		const csv = toCsv([
			['Nom', 'Note'],
			['Lévêque; Hélène', '=HYPERLINK("x")']
		]);
		expect(csv).toBe('\uFEFFNom;Note\r\n"Lévêque; Hélène";"\'=HYPERLINK(""x"")"\r\n');
	});
});
