"""The deploy files say what docs/deploy.md says: same dependencies, hardened config, a sound Dockerfile."""
import base64
import hashlib
import html
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import streamlit

from dashboard.adding.documents import MAX_BYTES
from dashboard.kernel.i18n import t
from dashboard.reading.urls import Urls

embed_snippet = Urls.embed_snippet
from dashboard.reading.widgets import META_SCRIPT
from deploy.server import free_port, running_app
from tests.conftest import ROOT


def _requirements() -> list[str]:
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return sorted(line.replace(" ", "") for line in lines if line.strip() and not line.startswith("#"))


def test_requirements_txt_lists_exactly_the_project_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert _requirements() == sorted(d.replace(" ", "") for d in project["dependencies"])


def test_streamlit_config_has_the_hardened_defaults():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True  # Streamlit's name for CORS *protection*
    assert config["server"]["maxUploadSize"] * 2**20 == MAX_BYTES  # /add's bulletins, and not a byte more
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["toolbarMode"] == "viewer"


def test_every_hardened_setting_says_why():
    lines = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if re.match(r"(enableXsrfProtection|enableCORS|maxUploadSize|gatherUsageStats|showErrorDetails|toolbarMode)",
                    line):
            assert lines[number - 1].startswith("#"), f"no one-line reason above {line!r}"


def test_dockerfile_is_slim_unprivileged_checked_and_downloads_only_from_pypi():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.1[1-9]-slim$", text, re.M)
    users = re.findall(r"^USER (\S+)", text, re.M)
    assert users and users[-1] not in {"root", "0"}
    assert re.search(r"^HEALTHCHECK .*\n?.*deploy/healthcheck\.py", text, re.M)
    assert not re.search(r"\b(curl|wget|apt-get|git clone|ADD https?://)", text)
    assert "pip install -r requirements.txt" in text
    for source in re.findall(r"^COPY (\S+)", text, re.M):
        assert (ROOT / source).exists(), source


def test_the_image_runs_its_replicas_with_the_allocator_settings_of_replica_env():
    from deploy.server import replica_env

    settings = replica_env()
    assert settings["MALLOC_ARENA_MAX"] == "2" and settings["ARROW_DEFAULT_MEMORY_POOL"] == "system"
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    in_image = dict(pair.split("=", 1) for line in re.findall(r"^ENV (.+)$", text, re.M) for pair in line.split())
    assert {key: in_image.get(key) for key in settings} == settings


def test_dockerignore_keeps_the_virtualenv_git_and_secrets_out():
    rules = [r for r in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines() if r and r[0] != "#"]
    assert rules[0] == "*"  # everything is left out, then only what the image needs is let back in
    assert not any(rule.startswith("!") and ("secrets" in rule or ".venv" in rule or ".git" in rule) for rule in rules)


def _healthcheck(env: dict) -> int:
    return subprocess.run([sys.executable, str(ROOT / "deploy" / "healthcheck.py")], env={**os.environ, **env},
                          timeout=30).returncode


def test_healthcheck_script_says_healthy_for_a_running_app_and_not_for_none():
    with running_app(env={"STREAMLIT_SERVER_BASE_URL_PATH": ""}) as url:
        port = url.rsplit(":", 1)[1]
        assert _healthcheck({"STREAMLIT_SERVER_PORT": port, "STREAMLIT_SERVER_BASE_URL_PATH": ""}) == 0
    assert _healthcheck({"STREAMLIT_SERVER_PORT": str(free_port()), "STREAMLIT_SERVER_BASE_URL_PATH": ""}) == 1


# The nginx recipe (deploy/nginx/): what a browser is told about scripts, framing and preloading must
# match the code and the pinned Streamlit; a Streamlit upgrade or a change of the page-language script
# fails here before any reader's page breaks.
RECIPE = ROOT / "deploy" / "nginx"
STREAMLIT_STATIC = Path(streamlit.__file__).parent / "static"


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def _csp() -> str:
    return re.search(r'add_header Content-Security-Policy "([^"]+)"', (RECIPE / "qinglian-app.conf").read_text())[1]


def test_the_policy_allows_exactly_the_inline_scripts_the_pages_run():
    index = (STREAMLIT_STATIC / "index.html").read_text(encoding="utf-8")
    injected = re.findall(r"<script>(.*?)</script>", (RECIPE / "qinglian.conf").read_text())
    inline = {_sha256(body) for body in re.findall(r"<script>(.*?)</script>", index, re.S) + injected}
    inline |= {_sha256(META_SCRIPT)}
    script_src = re.search(r"script-src ([^;]+)", _csp())[1].split()
    assert {source.strip("'") for source in script_src if "sha256-" in source} == inline
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src


def test_a_browser_is_given_the_sites_description_in_both_languages_as_the_app_words_it():
    head = re.search(r"default '(<title>Streamlit</title>.*)';", (RECIPE / "qinglian-previews.conf").read_text())[1]
    description = html.escape(f"{t('app.tagline', 'zh')} {t('app.tagline', 'en')}", quote=True)
    assert head == f'<title>Streamlit</title><meta name="description" content="{description}">'


def test_the_preloaded_plotly_file_is_the_installed_streamlits():
    preload = re.search(r'"</qinglian/static/(js/PlotlyChart\.[^>]+)>; rel=modulepreload"',
                        (RECIPE / "qinglian.conf").read_text())
    assert preload and (STREAMLIT_STATIC / "static" / preload[1]).is_file()


def test_no_location_sets_headers_of_its_own():
    # nginx drops every inherited add_header in a block that has one: the security headers would vanish there.
    text = (RECIPE / "qinglian-app.conf").read_text()
    blocks = re.findall(r"location [^{]+\{(.*?)\n\}", text, re.S)
    assert len(blocks) >= 3
    for block in blocks:
        assert "add_header" not in block


def test_the_embed_snippet_frames_this_view_in_embed_mode():
    snippet = embed_snippet("https://host/qinglian/enforcement?lang=en&region=330902", 'Enforcement · "Qinglian"')
    src = re.search(r'src="([^"]+)"', snippet)[1]
    assert src == "https://host/qinglian/enforcement?lang=en&amp;region=330902&amp;embed=true"
    assert 'title="Enforcement · &quot;Qinglian&quot;"' in snippet  # a frame's accessible name, escaped
    assert embed_snippet("https://host/", "x").startswith('<iframe src="https://host/?embed=true"')


def test_the_container_serves_the_dashboard_with_its_static_files_compressed_at_build():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "RUN python -m deploy.assets /app/assets" in text
    assert re.search(r'^CMD \["python", "-m", "streamlit", "run", "deploy/container.py"\]', text, re.M)


def _locations(text: str) -> dict[str, str]:
    """Each `location` of a recipe file: its match → its body (the recipe's blocks nest one level at most)."""
    return {m[1].strip(): m[2] for m in re.finditer(r"^location\s+([^{]+)\{(.*?)^\}", text, re.S | re.M)}


def test_only_the_edit_locations_reach_the_editor_process_and_its_sign_in_is_rate_limited():
    locations = _locations((RECIPE / "qinglian-app.conf").read_text())
    editor = {match: body for match, body in locations.items() if "/edit" in match}
    assert editor and all("qinglian_edit" in body or "return 301" in body for body in editor.values())
    readers = {match: body for match, body in locations.items() if "/edit" not in match}
    assert not any("qinglian_edit" in body for body in readers.values())
    sign_in = next(body for match, body in editor.items() if "oauth2callback" in match)
    assert "limit_req zone=qinglian_sign_in" in sign_in and "limit_req_status 429" in sign_in
    assert re.search(r"limit_req_zone \$binary_remote_addr zone=qinglian_sign_in:\S+ rate=\d+r/m;",
                     (RECIPE / "qinglian.conf").read_text())


def test_our_servers_listen_below_the_ports_outgoing_connections_take():
    """A server started again on its port (the outage test) must not find a client's socket there."""
    low, _ = map(int, Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split())
    ports = {free_port() for _ in range(20)}
    assert all(20000 <= port < min(low, 32768) for port in ports) and len(ports) > 1
