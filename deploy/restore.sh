#!/usr/bin/env bash
# Restores a backup made by deploy/backup.sh onto a fresh server: the database into DATABASE_URL's database (which
# must exist and be empty: create it first, see RUNBOOK.md) and the media store into Media__Path (empty or absent).
# It refuses to overwrite data. After it, start the API instances as usual; no migration is needed for a backup of
# the same release (run agentlocator-migrate after restoring an older one).
#
#   restore.sh <backup folder>
#   DATABASE_URL, Media__Path (or MEDIA_DIR) as for backup.sh
set -euo pipefail

backup="${1:?usage: restore.sh <backup folder>}"
database_url="${DATABASE_URL:?DATABASE_URL is not set}"
media_dir="${MEDIA_DIR:-${Media__Path:-}}"
[ -n "$media_dir" ] || { echo "Media__Path (or MEDIA_DIR) is not set" >&2; exit 2; }

[ -f "$backup/SHA256SUMS" ] || { echo "$backup is not a backup folder (no SHA256SUMS)" >&2; exit 2; }
(cd "$backup" && sha256sum --check --quiet SHA256SUMS) || { echo "$backup is damaged: checksums do not match" >&2; exit 3; }

tables=$(psql --dbname="$database_url" --no-psqlrc --tuples-only --no-align \
  --command="SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
if [ "$tables" != "0" ]; then
  echo "The target database already has $tables table(s); restore only into an empty database." >&2
  exit 4
fi
if [ -d "$media_dir" ] && [ -n "$(ls -A "$media_dir")" ]; then
  echo "The media directory $media_dir is not empty; restore only into an empty one." >&2
  exit 4
fi

# One transaction: a failure leaves the database empty rather than half restored.
pg_restore --dbname="$database_url" --no-owner --no-privileges --exit-on-error --single-transaction "$backup/database.dump"

mkdir -p "$media_dir"
tar --extract --gzip --file="$backup/media.tar.gz" --directory="$media_dir" --no-same-owner
echo "Restored $backup"
