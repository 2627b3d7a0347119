#!/bin/sh
# The two roles' passwords, from the environment, on the database's first start (after roles.sql).
# PostgreSQL's container image runs this from /docker-entrypoint-initdb.d (deploy/compose.yaml); by
# hand: QINGLIAN_READER_PASSWORD=… QINGLIAN_WRITER_PASSWORD=… sh deploy/postgres/passwords.sh
# psql's :'name' quotes each value as a literal, so a password is never read as SQL.
set -eu
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-qinglian}" \
     -v reader="$QINGLIAN_READER_PASSWORD" -v writer="$QINGLIAN_WRITER_PASSWORD" <<'SQL'
ALTER ROLE qinglian_reader PASSWORD :'reader';
ALTER ROLE qinglian_writer PASSWORD :'writer';
SQL
