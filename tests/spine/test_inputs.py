"""Inputs: directories, globs, stdin, JSONL kept verbatim, and every kind of bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from dateline.config import Settings
from dateline.ingest import Failure
from dateline.model import Article
from dateline.run import iter_articles

WIRE = "Rebels take border town\n\n# 2 May 2016 08:00 (UTC +02:00)\n\nThe rebels took the town of Kofo on Sunday, officials said.\n"


def read_all(inputs: list[str], **kw) -> tuple[list[Article], list[Failure]]:
    items = list(iter_articles(inputs, analyse=False, **kw))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Failure)]


def test_inputs_directory_reads_every_known_file(examples_dir: Path) -> None:
    arts, fails = read_all([str(examples_dir)])
    assert not fails
    inputs = {Path(a.input.split(":")[0]).name for a in arts}
    assert {"minsk-ceasefire.txt", "erbil-airstrikes.jsonl", "gaza-ceasefire.html"} <= inputs
    assert "README.md" not in inputs
    assert len(arts) >= 10


def test_inputs_glob_and_missing_path(examples_dir: Path, tmp_path: Path) -> None:
    arts, fails = read_all([str(examples_dir / "*.txt"), str(tmp_path / "nope.txt"), str(tmp_path / "*.none")])
    assert len(arts) >= 6 and all(a.input.endswith(".txt") for a in arts)
    reasons = {Path(f.input).name: f.reason for f in fails}
    assert reasons == {"nope.txt": "no such file or directory", "*.none": "no file matches this pattern"}


def test_inputs_jsonl_text_kept_verbatim(tmp_path: Path) -> None:
    text = "  Line one.\n\nLine  two with \"quotes\".  "
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"id": "x1", "text": text, "published": "2020-01-02", "source": "Wire"}) + "\n")
    arts, fails = read_all([str(p)])
    assert not fails
    assert arts[0].text == text and arts[0].id == "x1" and arts[0].published == "2020-01-02"
    assert arts[0].source.name == "Wire"


def test_inputs_jsonl_bad_lines_fail_alone(tmp_path: Path) -> None:
    p = tmp_path / "mixed.jsonl"
    p.write_text(
        '{"id": "ok", "text": "The army withdrew from the city on Monday."}\n'
        "{not json\n"
        '["a list"]\n'
        '{"id": "notext"}\n'
        '{"id": "baddate", "text": "Some text here.", "published": "yesterday"}\n'
    )
    arts, fails = read_all([str(p)])
    assert [a.id for a in arts] == ["ok"]
    assert [f.input.rsplit(":", 1)[1] for f in fails] == ["2", "3", "4", "5"]
    assert "not valid JSON" in fails[0].reason and "text" in fails[2].reason and "ISO 8601" in fails[3].reason


def test_inputs_jsonl_with_byte_order_mark_and_nan_is_read(tmp_path: Path) -> None:
    p = tmp_path / "excel.jsonl"
    first = json.dumps({"id": "bom", "text": "The port reopened on Monday."})
    second = json.dumps({"id": "nan", "text": "Prices rose on Tuesday.", "score": float("nan")})
    p.write_bytes(b"\xef\xbb\xbf" + first.encode() + b"\n" + second.encode() + b"\n")
    assert "NaN" in second
    arts, fails = read_all([str(p)])
    assert not fails
    assert [a.id for a in arts] == ["bom", "nan"]


def test_inputs_stdin_wire_text_and_jsonl() -> None:
    from dateline.ingest import read_inputs

    docs = list(read_inputs(["-"], stdin=io.BytesIO(WIRE.encode())))
    assert len(docs) == 1 and docs[0].kind == "txt"
    docs = list(read_inputs(["-"], stdin=io.BytesIO(b'{"id": "s", "text": "A b c."}\n{"id": "t", "text": "D e f."}\n')))
    assert [d.fields["id"] for d in docs] == ["s", "t"]


def test_inputs_empty_and_binary_files_fail_with_reason(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"   \n\n  ")
    (tmp_path / "image.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "good.txt").write_text(WIRE)
    arts, fails = read_all([str(tmp_path)])
    assert [Path(a.input).name for a in arts] == ["good.txt"]
    reasons = {Path(f.input).name: f.reason for f in fails}
    assert reasons["empty.txt"] == "empty input" and reasons["blank.txt"] == "empty input"
    assert "binary" in reasons["image.txt"]


def test_inputs_cp1251_and_latin1_are_decoded(tmp_path: Path) -> None:
    ru = "Переговоры в Минске\n\nЛидеры договорились о прекращении огня в четверг, сообщили официальные лица.\n"
    (tmp_path / "ru.txt").write_bytes(ru.encode("cp1251"))
    fr = "Accord à Genève\n\nLes ministres ont signé l'accord à Genève mercredi, a déclaré le négociateur.\n"
    (tmp_path / "fr.txt").write_bytes(fr.encode("latin-1"))
    arts, fails = read_all([str(tmp_path)])
    assert not fails
    by_name = {Path(a.input).name: a for a in arts}
    assert by_name["ru.txt"].title == "Переговоры в Минске" and "прекращении огня" in by_name["ru.txt"].text
    assert by_name["fr.txt"].title == "Accord à Genève" and "signé" in by_name["fr.txt"].text
    assert by_name["ru.txt"].language == "ru" and by_name["fr.txt"].language == "fr"


def test_inputs_oversize_file_is_refused_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.write(b"The talks went on. " * (50 * 1024 * 1024 // 19 + 1))  # about 50 MB
    (tmp_path / "small.txt").write_text(WIRE)
    arts, fails = read_all([str(tmp_path)], settings=Settings())
    assert [Path(a.input).name for a in arts] == ["small.txt"]
    assert len(fails) == 1 and "too large" in fails[0].reason and "max_input_bytes" in fails[0].reason


def test_inputs_published_and_source_fallbacks(tmp_path: Path) -> None:
    p = tmp_path / "plain.txt"
    p.write_text("The army said it shelled the town on Monday.\n")
    from dateline.model import Source

    arts, _ = read_all([str(p)], published="2019-05-07", source=Source(name="Local Wire"))
    assert arts[0].published == "2019-05-07" and arts[0].source.name == "Local Wire"


def test_inputs_same_text_same_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(WIRE)
    (tmp_path / "b.txt").write_text(WIRE.replace("  ", " ") + "\n\n")
    arts, _ = read_all([str(tmp_path)])
    assert arts[0].id == arts[1].id and arts[0].content_hash == arts[1].content_hash


@pytest.mark.parametrize("bad", ["dir-with-nothing"])
def test_inputs_directory_without_inputs(tmp_path: Path, bad: str) -> None:
    d = tmp_path / bad
    d.mkdir()
    (d / "notes.md").write_text("# nothing to read")
    arts, fails = read_all([str(d)])
    assert not arts and len(fails) == 1 and "no readable input" in fails[0].reason
