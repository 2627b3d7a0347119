"""What the editor is told when a change is refused: the package's problems said in the page's language (file,
row and column), or the store's refusal (PublishError: its words in the page's language). Pure: no Streamlit."""
from __future__ import annotations

from dashboard.kernel.i18n import t
from dashboard.kernel.problems import DataPackageError, PublishError


def refused(error: Exception, lang: str) -> str:
    """'Nothing was written: …' with every problem, one per line."""
    if isinstance(error, DataPackageError):
        why = "\n".join(f"- {problem.said(lang)}" for problem in error.problems)
        return t("edit.failed", lang, why="\n" + why)
    if isinstance(error, PublishError):
        return t("edit.failed", lang, why=error.zh if lang == "zh" else error.en)
    return t("edit.failed", lang, why=str(error))
