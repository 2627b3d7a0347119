"""deploy/compose.yaml, read as Compose reads it (no Docker engine here), and its PostgreSQL start-up scripts."""
import os
import re
import shutil
import subprocess

import yaml

from dashboard.kernel.settings import STORE_ENV
from deploy import postgres
from tests.conftest import ROOT, require

DEPLOY = ROOT / "deploy"
COMPOSE = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]
REPLICAS = [name for name in SERVICES if name.startswith("replica-")]


def test_two_replicas_read_as_the_reader_on_the_ports_of_the_recipes_upstream():
    readers = re.search(r"upstream qinglian \{(.*?)\}", (DEPLOY / "nginx" / "qinglian.conf").read_text(), re.S)[1]
    upstream = re.findall(r"server 127\.0\.0\.1:(\d+)", readers)  # the readers' (the editor's upstream is its own)
    assert sorted(SERVICES[name]["environment"]["STREAMLIT_SERVER_PORT"] for name in REPLICAS) == sorted(upstream)
    for name in REPLICAS:
        replica = SERVICES[name]
        assert replica["network_mode"] == "service:nginx"  # so the recipe's 127.0.0.1 upstream is them
        assert replica["environment"][STORE_ENV].startswith("postgresql://qinglian_reader@postgres:")
        assert replica["environment"]["STREAMLIT_SERVER_BASE_URL_PATH"] == "qinglian"
        assert replica["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_only_publish_writes_and_no_password_is_in_the_file():
    assert "qinglian_writer@" in " ".join(SERVICES["publish"]["entrypoint"])
    assert SERVICES["publish"]["profiles"] == ["publish"]  # a command to run, not a service that stays up
    text = (DEPLOY / "compose.yaml").read_text(encoding="utf-8")
    for service in SERVICES.values():  # every password is ${…}, from deploy/.env
        for key, value in (service.get("environment") or {}).items():
            assert "PASSWORD" not in key or str(value).startswith("${"), key
    assert not re.search(r"://[^@\s/]+:[^@\s/]+@", text)  # and none sits in a URL
    assert "deploy/.env" in (ROOT / ".gitignore").read_text()


def test_every_file_compose_mounts_or_builds_from_exists():
    for service in SERVICES.values():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (DEPLOY / source).exists(), source
        if "build" in service:
            assert (DEPLOY / service["build"]["context"] / service["build"]["dockerfile"]).exists()


def test_roles_and_passwords_scripts_set_up_a_fresh_database(tmp_path):
    require(postgres.BIN, "PostgreSQL (Debian's postgresql package)")
    psql = shutil.which("psql") or str(postgres.Path(postgres.BIN).parent / "psql")
    with postgres.running_postgres() as server:
        env = {**os.environ, "PGHOST": "127.0.0.1", "PGPORT": str(server.port), "POSTGRES_DB": "qinglian",
               "QINGLIAN_READER_PASSWORD": "it's a 'reader' pass", "QINGLIAN_WRITER_PASSWORD": "w; DROP ROLE x"}
        subprocess.run([psql, "-v", "ON_ERROR_STOP=1", "-U", "postgres", "-d", "qinglian", "-q",
                        "-f", str(DEPLOY / "postgres" / "roles.sql")], env=env, check=True, capture_output=True)
        bin_path = f"{postgres.Path(psql).parent}:{env['PATH']}"
        run = subprocess.run(["sh", str(DEPLOY / "postgres" / "passwords.sh")], env={**env, "PATH": bin_path},
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        rows = server.execute("SELECT rolname, rolpassword IS NOT NULL FROM pg_authid "
                              "WHERE rolname LIKE 'qinglian_%' ORDER BY rolname")
        assert rows == [("qinglian_reader", True), ("qinglian_writer", True)]
        # A password is a literal, never SQL: the quotes and the semicolon above changed nothing else.
        assert server.execute("SELECT count(*) FROM pg_roles WHERE rolname = 'x'") == [(0,)]


def test_the_env_example_names_every_variable_compose_asks_for():
    asked = set(re.findall(r"\$\{(\w+):\?", (DEPLOY / "compose.yaml").read_text(encoding="utf-8")))
    given = {line.split("=")[0] for line in (DEPLOY / "compose.env.example").read_text().splitlines() if "=" in line}
    assert asked == given
