"""`python -m dashboard.previews FOLDER --site URL`: every view's head in nginx's map syntax, every image it
names on disk at 1200×630, drawn once; nothing but our own text in a map's values."""
import re
from pathlib import Path

import pytest
from PIL import Image

from dashboard.kernel.i18n import LANGS
from dashboard.previews import main, nginx_value, write_previews
from dashboard.reading.previews import every_view
from dashboard.reading.registry import PAGES
from deploy.local_stack import PREVIEW_IMAGES

SITE = "https://news.example.org/qinglian/"
LINE = re.compile(r"^(?:'([^'\\$]*)'|default) '([^'\\$]*)';$")


@pytest.fixture(scope="module")
def written(dataset, tmp_path_factory):
    """The previews of the bundled package, their images in the folder the test stack fills too (drawn once
    per version of the drawing code, 40 s of CPU: deploy/local_stack.py), as a server's start makes them."""
    folder = tmp_path_factory.mktemp("previews")
    PREVIEW_IMAGES.mkdir(parents=True, exist_ok=True)
    (folder / "images").symlink_to(PREVIEW_IMAGES, target_is_directory=True)
    return folder, write_previews(dataset, folder, SITE)


def entries(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = LINE.match(line)
        assert match, line[:200]
        found[match.group(1) or "default"] = match.group(2)
    return found


def test_every_view_and_figure_has_a_line_in_the_maps(dataset, written):
    folder, made = written
    heads, areas, figures, pages = (entries(folder / f"{name}.map") for name in ("heads", "areas", "figures", "pages"))
    views = list(every_view(dataset))
    assert len(heads) == len([v for _, v in views if v.metric or v.period])
    assert len(areas) == len([v for _, v in views if not (v.metric or v.period)])
    assert len(figures) == len(dataset.facts) * len(LANGS)
    assert len(pages) == len(PAGES) * len(LANGS) + 1
    assert made.views == len(heads) + len(areas) + len(figures)
    assert "/qinglian/enforcement?lang=en&region=330900&metric=cases_filed" in heads
    assert "/qinglian/|330902|en" in areas and "/qinglian/enforcement|100000|zh" in areas
    assert "/qinglian/figure|cases-filed-330900-2018-01-01-2018-11-30|zh" in figures
    assert "/qinglian/data|en" in pages and "default" in pages


def test_every_image_a_head_names_is_on_disk_at_1200_by_630(written):
    folder, made = written
    named = set()
    for path in folder.glob("*.map"):
        named |= set(re.findall(r'og:image" content="' + re.escape(SITE) + r'previews/([0-9a-f]{20}\.png)"', path.read_text()))
    assert named and len(named) == made.images
    for name in sorted(named)[:20]:
        assert Image.open(folder / "images" / name).size == (1200, 630)
    assert named <= {p.name for p in (folder / "images").iterdir()}  # the folder may hold other versions' too


def test_a_second_run_draws_nothing_again(dataset, written):
    folder, _ = written
    again = write_previews(dataset, folder, SITE, metrics=False, figures=False)
    assert again.drawn == 0


def test_a_maps_values_hold_no_nginx_variable_escape_or_quote():
    assert nginx_value("a $host \\ 'b'") == "'a &#36;host &#92; &#x27;b&#x27;'"


def test_the_command_refuses_a_site_that_is_not_an_absolute_address(tmp_path, capsys):
    assert main([str(tmp_path), "--site", "/qinglian/"]) == 2
    assert "--site" in capsys.readouterr().err


def test_publish_with_previews_makes_them_for_the_published_package(written, tmp_path, capsys):
    from dashboard import publish
    from tests.conftest import PACKAGE

    folder, made = written
    (folder / "heads.map").unlink()
    code = publish.main([str(PACKAGE), "--to", f"duckdb:///{tmp_path / 'q.duckdb'}", "--previews", str(folder),
                         "--site", SITE])
    assert code == 0 and (folder / "heads.map").exists()
    out = capsys.readouterr().out
    assert "published version 1" in out and f"{made.images:,} images (0 drawn now)" in out
