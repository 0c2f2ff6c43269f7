// `prisma generate` never runs the native schema engine, but the CLI insists on finding one and would
// download it — impossible on offline machines. Point it at a stub that explains itself if ever run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const stub = path.join(root, 'scripts', 'no-schema-engine.sh');
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? stub };
const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'prisma', 'build', 'index.js'), 'generate'], { cwd: root, env, stdio: 'inherit' });
process.exit(result.status ?? 1);
