"""The fact cards as a reader sees them: fact_metrics draws each block of cards as one st.html element."""
from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass
class Card:
    label: str = ""
    definition: str = ""
    value: str = ""
    meta: str = ""  # period · source


class _CardParser(HTMLParser):
    FIELDS = {"summary": "label", "qc-def": "definition", "qc-value": "value", "qc-meta": "meta"}

    def __init__(self):
        super().__init__()
        self.cards: list[Card] = []
        self.field: str | None = None

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if "qc-card" in classes:
            self.cards.append(Card())
        self.field = self.FIELDS.get(tag) or next((self.FIELDS[c] for c in classes if c in self.FIELDS), self.field)

    def handle_endtag(self, tag):
        self.field = None

    def handle_data(self, data):
        if self.field and self.cards:
            setattr(self.cards[-1], self.field, getattr(self.cards[-1], self.field) + data)


def parse_cards(markup: str) -> list[Card]:
    parser = _CardParser()
    parser.feed(markup)
    return parser.cards


def cards(at) -> list[Card]:
    """Every fact card an AppTest run drew, in page order."""
    return [card for element in at.get("html") for card in parse_cards(element.proto.body)]
