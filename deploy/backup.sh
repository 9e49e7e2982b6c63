#!/usr/bin/env bash
# Backs up AgentLocator: the Postgres database (pg_dump, custom format) and the media store (recordings, greetings,
# hold clips), into one timestamped folder with checksums, then deletes backups older than the retention.
# Redis is not backed up: it holds Orleans membership and reminders, which the API rebuilds from Postgres on start.
#
#   DATABASE_URL       postgres://user:pass@host:port/db (as in agentlocator.env)       required
#   Media__Path        the media store                                                  required (MEDIA_DIR also works)
#   BACKUP_DIR         where backups go                  default /var/backups/agentlocator
#   BACKUP_KEEP_DAYS   delete backups older than this    default 14 (the newest is always kept)
#
# Prints the new backup's folder on its last line. Restore with deploy/restore.sh <folder>.
set -euo pipefail

database_url="${DATABASE_URL:?DATABASE_URL is not set}"
media_dir="${MEDIA_DIR:-${Media__Path:-}}"
[ -n "$media_dir" ] || { echo "Media__Path (or MEDIA_DIR) is not set" >&2; exit 2; }
backup_dir="${BACKUP_DIR:-/var/backups/agentlocator}"
keep_days="${BACKUP_KEEP_DAYS:-14}"
[[ "$keep_days" =~ ^[0-9]+$ ]] || { echo "BACKUP_KEEP_DAYS must be a whole number of days" >&2; exit 2; }

stamp=$(date -u +%Y%m%dT%H%M%SZ)
target="$backup_dir/agentlocator-$stamp"
partial="$target.partial"
mkdir -p "$backup_dir"
umask 077
rm -rf "$partial"
mkdir "$partial"
# A failed run leaves no half backup that retention or a restore could mistake for a whole one.
trap 'rm -rf "$partial"' EXIT

# Custom format: compressed, and pg_restore can restore it into a database of another name or owner.
pg_dump --dbname="$database_url" --format=custom --no-owner --no-privileges --file="$partial/database.dump"

# The media store as it is; a missing one (nothing uploaded yet) is an empty archive, not a failure.
if [ -d "$media_dir" ]; then
  tar --create --gzip --file="$partial/media.tar.gz" --directory="$media_dir" .
else
  tar --create --gzip --file="$partial/media.tar.gz" --files-from=/dev/null
fi

(cd "$partial" && sha256sum database.dump media.tar.gz > SHA256SUMS)
mv "$partial" "$target"
trap - EXIT

# Retention: whole backup folders older than the limit, never the one just made.
find "$backup_dir" -mindepth 1 -maxdepth 1 -type d -name 'agentlocator-*' ! -name '*.partial' \
  -mtime "+$keep_days" ! -path "$target" -print0 | xargs -0 --no-run-if-empty rm -rf

echo "$target"
