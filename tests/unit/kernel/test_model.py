"""The model: both stores answer the Facts protocol's questions with the same signatures, and the
charts and queries modules load no Streamlit or Frictionless."""
import inspect

from dashboard.kernel.model import Dataset, Facts
from dashboard.storing.database import SqlFacts
from dashboard.storing.frame_facts import FrameFacts

QUESTIONS = [name for name, member in inspect.getmembers(Facts) if inspect.isfunction(member) and not name.startswith("_")]


def test_the_protocol_asks_five_questions():
    assert sorted(QUESTIONS) == ["by_id", "count", "counts", "rows", "values"]


def test_both_stores_implement_the_facts_protocol_with_its_signatures():
    for store in (FrameFacts, SqlFacts):
        for name in QUESTIONS:
            wanted = list(inspect.signature(getattr(Facts, name)).parameters)
            assert list(inspect.signature(getattr(store, name)).parameters) == wanted, (store.__name__, name)


def test_a_package_dataset_holds_a_facts_store(dataset: Dataset):
    assert isinstance(dataset.store, Facts)
    assert dataset.store.count() == len(dataset.facts)
