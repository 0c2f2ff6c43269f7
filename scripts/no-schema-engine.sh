#!/bin/sh
echo "Relais: the native Prisma schema engine is not installed here; use npm run db:migrate:create / the server's own migrator." >&2
exit 1
