// Demo photos, galleries and PDFs, generated at seed time (nothing binary is shipped): SVG gradients
// with initials or a caption, rendered by sharp, then handed to the upload store exactly like a
// member's upload (acceptImage re-encodes to WebP, saveUpload writes under UPLOADS_DIR).
import sharp from 'sharp';
import { acceptImage, acceptPdf, saveUpload } from '../../src/lib/server/uploads/index.ts';

const PALETTE = [
	['#0b5394', '#6fa8dc'],
	['#7f2704', '#f4a261'],
	['#1b4332', '#74c69d'],
	['#4a148c', '#b39ddb'],
	['#880e4f', '#f48fb1'],
	['#263238', '#90a4ae'],
	['#004d40', '#4db6ac'],
	['#3e2723', '#bcaaa4']
] as const;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function gradientSvg(width: number, height: number, colours: readonly [string, string], lines: { text: string; size: number }[]): string {
	const total = lines.reduce((sum, l) => sum + l.size * 1.25, 0);
	let y = (height - total) / 2;
	const texts = lines.map((l) => {
		y += l.size * 1.05;
		const t = `<text x="50%" y="${y.toFixed(0)}" text-anchor="middle" font-family="DejaVu Sans, Liberation Sans, sans-serif" font-weight="bold" font-size="${l.size}" fill="#ffffff" fill-opacity="0.92">${escape(l.text)}</text>`;
		y += l.size * 0.2;
		return t;
	});
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${colours[0]}"/><stop offset="1" stop-color="${colours[1]}"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>${texts.join('')}</svg>`;
}

async function storeImage(svg: string, kind: 'photo' | 'gallery'): Promise<{ storedName: string; sizeBytes: number }> {
	// an uncompressed PNG in between: the upload store does the one real encode
	const rendered = await sharp(Buffer.from(svg)).png({ compressionLevel: 0 }).toBuffer();
	const image = await acceptImage(new Uint8Array(rendered), kind);
	return { storedName: await saveUpload(image.bytes, 'webp'), sizeBytes: image.bytes.byteLength };
}

/** A profile photo: the member's initials on a gradient picked from `seed`. */
export function demoPhoto(firstName: string, lastName: string, seed: number) {
	const initials = `${firstName[0] ?? ''}${lastName.replace(/^(de |le |la )/i, '')[0] ?? ''}`.toUpperCase();
	return storeImage(gradientSvg(384, 384, PALETTE[seed % PALETTE.length]!, [{ text: initials, size: 160 }]), 'photo');
}

/** A gallery image: a caption on a landscape gradient. */
export function demoGalleryImage(caption: string, seed: number) {
	const words = caption.split(' ');
	const half = Math.ceil(words.length / 2);
	const lines = caption.length > 24 ? [words.slice(0, half).join(' '), words.slice(half).join(' ')] : [caption];
	return storeImage(gradientSvg(800, 520, PALETTE[seed % PALETTE.length]!, lines.map((text) => ({ text, size: 46 }))), 'gallery');
}

/** A one-page PDF (PDF 1.4, Helvetica, WinAnsi) with a title and a few lines. */
export function demoPdfBytes(title: string, lines: string[]): Uint8Array {
	// WinAnsi covers French accents; parentheses and backslashes are escaped
	const text = (s: string) => `(${s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[’]/g, "'")})`;
	const content = [
		'BT /F1 22 Tf 72 760 Td',
		`${text(title)} Tj`,
		'/F1 12 Tf 0 -36 Td 16 TL',
		...lines.map((l) => `${text(l)} '`),
		'ET'
	].join('\n');
	const body = Buffer.from(content, 'latin1');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${body.length} >>\nstream\n${content}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'
	];
	let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
	const offsets: number[] = [];
	objects.forEach((object, i) => {
		offsets.push(Buffer.byteLength(out, 'latin1'));
		out += `${i + 1} 0 obj\n${object}\nendobj\n`;
	});
	const xref = Buffer.byteLength(out, 'latin1');
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return new Uint8Array(Buffer.from(out, 'latin1'));
}

export async function demoPdf(title: string, lines: string[]): Promise<{ storedName: string; sizeBytes: number }> {
	const pdf = await acceptPdf(demoPdfBytes(title, lines));
	return { storedName: await saveUpload(pdf.bytes, 'pdf'), sizeBytes: pdf.bytes.byteLength };
}
