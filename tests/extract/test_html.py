"""Web pages -> Article: the whole reader on pages written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.extract.article import to_article
from dateline.extract.html import article_from_html, declared_charsets
from dateline.ingest.documents import Document
from dateline.model import text_hash

FIXTURES = Path(__file__).parent.parent / "fixtures" / "web"

BODY = (
    "<p>Прокуратура области начала проверку после жалоб жителей на качество воды в посёлке, "
    "сообщили в ведомстве в понедельник.</p>"
    "<p>По словам представителя прокуратуры, пробы воды отправлены в лабораторию, а результаты "
    "ожидаются в течение недели.</p>"
)


def html_doc(html: str | bytes, *, kind: str = "html", **fields: object) -> Document:
    data = html.encode("utf-8") if isinstance(html, str) else html
    return Document("page.html", kind, data, dict(fields))  # type: ignore[arg-type]


def test_article_from_html_reads_a_news_page() -> None:
    article = to_article(html_doc((FIXTURES / "news_article.html").read_bytes()))
    assert article.title == "Harbour authority approves new ferry terminal"
    assert article.published == "2023-05-14T09:30:00+02:00"
    assert article.url == "https://news.coastal-ledger.example/2023/05/ferry-terminal"
    assert article.source.name == "Coastal Ledger"
    assert article.source.via == ["AFP"]
    assert article.authors == ["Maren Solberg", "Tomas Riedel"]
    assert article.language == "en"
    assert article.text.startswith("The harbour authority of Port Ellery voted")
    assert "Read more" not in article.text
    assert "World" not in article.text.split("\n\n")[0]
    assert "All rights reserved" not in article.text
    assert article.id == text_hash(article.text)[:16] and article.content_hash == text_hash(article.text)


def test_article_from_html_page_without_article_raises() -> None:
    with pytest.raises(InputError, match="no article text"):
        article_from_html(html_doc((FIXTURES / "index_page.html").read_bytes()))


@pytest.mark.parametrize("data", [b"", b"   \n", b"\x00\x01\x02\x03" * 100, b"<html><body></body></html>"])
def test_article_from_html_bad_input_raises_input_error(data: bytes) -> None:
    with pytest.raises(InputError):
        article_from_html(html_doc(data))


def test_article_from_html_cp1251_page_with_meta_charset() -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        "<title>Проверка качества воды</title></head><body><article><h1>Проверка качества воды</h1>"
        f"{BODY}</article></body></html>"
    )
    article = article_from_html(html_doc(html.encode("cp1251")))
    assert article.title == "Проверка качества воды"
    assert "пробы воды отправлены" in article.text


def test_article_from_html_latin1_declared_utf8_in_header() -> None:
    html = (
        "<html><head><title>Grève des contrôleurs aériens</title></head><body><article>"
        "<h1>Grève des contrôleurs aériens</h1>"
        "<p>Les contrôleurs aériens ont annoncé une grève de deux jours à partir de jeudi, ce qui "
        "pourrait entraîner l'annulation de nombreux vols au départ de la capitale.</p>"
        "<p>Le ministère des transports a appelé les syndicats à reprendre les négociations dès "
        "lundi prochain.</p></article></body></html>"
    )
    doc = html_doc(html.encode("latin-1"), headers={"Content-Type": "text/html; charset=utf-8"})
    article = article_from_html(doc)
    assert article.title == "Grève des contrôleurs aériens"
    assert "contrôleurs aériens ont annoncé" in article.text


def test_declared_charsets_header_before_meta() -> None:
    data = b'<html><head><meta charset="koi8-r"></head></html>'
    assert declared_charsets(data, headers={"content-type": "text/html; charset=UTF-8"}) == ["utf-8", "koi8-r"]
    assert declared_charsets(b'<meta charset="ISO-8859-1">') == ["cp1252"]
    assert declared_charsets(b"<p>nothing declared</p>") == []


def test_article_from_html_url_from_fields_when_no_canonical() -> None:
    html = (FIXTURES / "news_article.html").read_text(encoding="utf-8")
    html = html.replace('<link rel="canonical" href="https://news.coastal-ledger.example/2023/05/ferry-terminal">', "")
    article = article_from_html(html_doc(html, url="https://coastal-ledger.example/p?id=7"))
    assert article.url == "https://coastal-ledger.example/p?id=7"


def test_article_from_html_feed_item_uses_feed_title_and_date() -> None:
    fragment = (
        "<p>Volunteers planted four hundred oak saplings along the river bank on Saturday as part "
        "of a project to slow erosion near the old mill.</p>"
    )
    doc = html_doc(
        fragment, kind="feed-item", title="Volunteers plant oaks by the river",
        published="2023-04-01T10:00:00+01:00", source="Valley Post",
    )
    article = to_article(doc)
    assert article.title == "Volunteers plant oaks by the river"
    assert article.published == "2023-04-01T10:00:00+01:00"
    assert article.source.name == "Valley Post"
    assert article.text.startswith("Volunteers planted four hundred oak saplings")


def test_article_from_html_via_quoting_agency() -> None:
    html = (
        "<html><head><title>Rail link talks resume</title></head><body><article><h1>Rail link talks resume</h1>"
        "<p>Officials from both countries met in the border town on Monday to resume talks on a new "
        "rail link, the foreign ministry said, quoting Xinhua.</p>"
        "<p>The two sides agreed to meet again next month to discuss how the project would be paid for.</p>"
        "</article></body></html>"
    )
    article = article_from_html(html_doc(html))
    assert article.source.via == ["Xinhua"]


def test_article_from_html_ignores_canonical_link_to_home_page() -> None:
    html = (FIXTURES / "news_article.html").read_text(encoding="utf-8")
    html = html.replace("https://news.coastal-ledger.example/2023/05/ferry-terminal", "https://news.coastal-ledger.example/")
    article = article_from_html(html_doc(html, url="https://news.coastal-ledger.example/2023/05/ferry"))
    assert article.url == "https://news.coastal-ledger.example/2023/05/ferry"
