import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Is there a mediasoup worker binary we can run? Checked WITHOUT importing mediasoup (its worker
 * path is fixed when the module loads): MEDIASOUP_WORKER_BIN when set, else the path the package
 * builds its worker to. npm cannot download or build the worker on machines without internet.
 */
export type WorkerDetection = { ok: true; bin: string } | { ok: false; reason: string };

function executable(file: string): string | null {
	try {
		if (!statSync(file).isFile()) return 'n’est pas un fichier';
		accessSync(file, constants.X_OK);
		return null;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return code === 'ENOENT' ? 'introuvable' : code === 'EACCES' ? 'non exécutable' : (code ?? 'illisible');
	}
}

export function detectWorker(env: Record<string, string | undefined> = process.env): WorkerDetection {
	const configured = env.MEDIASOUP_WORKER_BIN?.trim();
	if (configured) {
		const problem = executable(configured);
		return problem ? { ok: false, reason: `MEDIASOUP_WORKER_BIN=${configured} ${problem}` } : { ok: true, bin: configured };
	}
	let packageDir: string;
	try {
		// node/lib/index.js → the package folder (its exports do not list package.json)
		packageDir = path.resolve(path.dirname(createRequire(import.meta.url).resolve('mediasoup')), '..', '..');
	} catch {
		return { ok: false, reason: 'paquet mediasoup absent' };
	}
	const bin = path.join(packageDir, 'worker', 'out', env.MEDIASOUP_BUILDTYPE === 'Debug' ? 'Debug' : 'Release', 'mediasoup-worker');
	const problem = executable(bin);
	return problem ? { ok: false, reason: `MEDIASOUP_WORKER_BIN non défini et worker du paquet ${problem} (npm ne peut pas le télécharger ici)` } : { ok: true, bin };
}
