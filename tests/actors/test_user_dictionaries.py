"""Users add their own actor dictionaries (CAMEO/Phoenix format) through settings."""

from __future__ import annotations

from pathlib import Path

from dateline.config import Settings
from dateline.model import Article
from dateline.pipeline import Pipeline

HERE = Path(__file__).parent


def test_user_phoenix_dictionary_resolves_its_people(tmp_path: Path) -> None:
    text = "Rufus T. Firefly met envoys in the capital on Monday, officials said."
    article = Article(id="u1", text=text, published="2010-05-03")
    plain = Pipeline(Settings(stages=("actors",))).analyse_one(article.model_copy(deep=True))
    assert not any((a.code or "").startswith("FRD") for a in plain.actors)
    custom = Pipeline(Settings(stages=("actors",), actor_dictionaries=(str(HERE / "fixtures/phoenix/sample.actors.txt"),)))
    found = custom.analyse_one(article.model_copy(deep=True))
    firefly = [a for a in found.actors if "firefly" in a.id]
    assert firefly and firefly[0].code == "FRDELI"  # his 2005- role, valid on the article's date
