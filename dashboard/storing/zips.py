"""The data package as one zip: the bundled folder as it is on disk, or with some tables replaced."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import streamlit as st

from dashboard.kernel.settings import package_path
from dashboard.storing.package import package_fingerprint


def package_folder_zip(path: str | None = None) -> bytes:
    """The whole data package (descriptor, CSVs, README) as one zip, rebuilt only when it changes."""
    path = Path(path) if path else package_path()
    return _zip_folder(str(path.parent), package_fingerprint(path))


@st.cache_resource(show_spinner=False, max_entries=2)
def _zip_folder(folder: str, fingerprint: tuple) -> bytes:
    return folder_zip(Path(folder))


def folder_zip(folder: Path, tables: dict[str, str] | None = None) -> bytes:
    """The package in `folder` (descriptor, CSVs, README) as a zip; `tables` replaces some CSVs' text
    (the /add page's updated package), and nothing is written."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(Path(folder).iterdir()):
            if file.suffix in {".json", ".csv", ".md"}:
                text = (tables or {}).get(file.stem) if file.suffix == ".csv" else None
                archive.writestr(f"qinglian-data/{file.name}", text if text is not None else file.read_bytes())
    return buffer.getvalue()
