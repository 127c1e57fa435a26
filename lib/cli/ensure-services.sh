#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer on their local ports, starting the machine's own services if not.
# With Docker, `docker compose up -d postgres redis` does the same.
set -euo pipefail

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]; }

if ! pg_up; then
  echo "PostgreSQL is down: starting it"
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  else
    echo "No local PostgreSQL to start: run one on 127.0.0.1:5432 (see docker-compose.yml)" >&2
    exit 1
  fi
fi

if ! redis_up; then
  echo "Redis is down: starting it"
  if command -v redis-server >/dev/null; then
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  else
    echo "No local Redis to start: run one on 127.0.0.1:6379 (see docker-compose.yml)" >&2
    exit 1
  fi
fi

for _ in $(seq 1 30); do
  if pg_up && redis_up; then
    # BullMQ loses jobs if Redis evicts keys under memory pressure.
    redis-cli -h 127.0.0.1 -p 6379 config set maxmemory-policy noeviction >/dev/null
    exit 0
  fi
  sleep 1
done
echo "PostgreSQL or Redis did not come up within 30 s" >&2
exit 1
