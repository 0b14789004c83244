"""The JSON API through the ASGI interface: data, filters, the one error shape, ingest guards."""

from __future__ import annotations

import json

import pytest
from serve_fixtures import SyncClient, make_client


def _assert_error(resp, status: int, code: str) -> dict:
    assert resp.status_code == status
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message", "detail"}
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


def test_api_stats_counts_what_was_stored(client: SyncClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 31
    assert stats["events"] == 31
    assert stats["failures"] == 1
    assert stats["events_by_type"]["CONSULT"] == 10


def test_api_events_filter_by_dyad_either_direction(client: SyncClient) -> None:
    rows = client.get("/api/events", params={"dyad": "irq-irn", "limit": 100}).json()["events"]
    assert len(rows) == 10
    assert all({r["actor_country"], r["recipient_country"]} == {"IRN", "IRQ"} for r in rows)


def test_api_events_filters_combine(client: SyncClient) -> None:
    rows = client.get("/api/events", params={"country": "USA", "type": "accuse", "since": "2020-03-10",
                                             "text": "minister"}).json()["events"]
    assert rows and all(r["type"] == "ACCUSE" and r["date"] >= "2020-03-10" for r in rows)
    assert client.get("/api/events", params={"place": "donetsk"}).json()["events"][0]["location_name"] == "Donetsk"


def test_api_events_pages_with_next_offset(client: SyncClient) -> None:
    first = client.get("/api/events", params={"limit": 20, "sort": "id", "order": "asc"}).json()
    assert first["next"] == 20 and len(first["events"]) == 20
    second = client.get("/api/events", params={"limit": 20, "offset": 20, "sort": "id", "order": "asc"}).json()
    assert second["next"] is None and len(second["events"]) == 11
    ids = [r["id"] for r in first["events"] + second["events"]]
    assert ids == sorted(ids) and len(set(ids)) == 31


def test_api_event_and_article_records(client: SyncClient) -> None:
    event = client.get("/api/events/sample-0004-e0").json()
    assert event["type"] == "ACCUSE" and event["article_id"] == "sample-0004"
    article = client.get("/api/articles/sample-0004").json()
    ev = article["events"][0]["evidence"]
    assert article["text"][ev["start"]:ev["end"]] == ev["text"]


def test_api_search_finds_words_in_text(client: SyncClient) -> None:
    found = client.get("/api/articles", params={"q": "Donetsk border"}).json()["articles"]
    assert len(found) == 10 and all("Donetsk" in (r["title"] or "") or r["snippet"] for r in found)


def test_api_actor_profile_has_events_and_statements(client: SyncClient) -> None:
    profile = client.get("/api/actors/ana-minister").json()
    assert profile["name"] == "Ana Minister"
    assert len(profile["events_as_actor"]) == 30 and profile["events_as_recipient"] == []
    assert len(profile["statements"]) == 30


def test_api_dyad_weekly_series_and_types(client: SyncClient) -> None:
    dyad = client.get("/api/dyads/irn/usa", params={"merged": "false"}).json()
    assert dyad["by_type"] == {"ACCUSE": 10}
    assert sum(w["n"] for w in dyad["weeks"]) == 10
    assert all(w["week"] <= w2["week"] for w, w2 in zip(dyad["weeks"], dyad["weeks"][1:]))


def test_api_map_lists_locations_with_counts(client: SyncClient) -> None:
    places = {r["name"]: r["n"] for r in client.get("/api/map").json()["locations"]}
    assert places["Baghdad"] == 10 and places["Geneva"] == 10


def test_api_unknown_path_is_404_error_shape(client: SyncClient) -> None:
    _assert_error(client.get("/api/no/such/thing"), 404, "not_found")
    assert "nope" in _assert_error(client.get("/api/articles/nope"), 404, "not_found")["message"]
    _assert_error(client.get("/api/events/nope"), 404, "not_found")


def test_api_bad_filter_is_422_error_shape(client: SyncClient) -> None:
    err = _assert_error(client.get("/api/events", params={"type": "PARTY"}), 422, "invalid_request")
    assert "PARTY" in err["message"]
    _assert_error(client.get("/api/events", params={"limit": "many"}), 422, "invalid_request")
    _assert_error(client.get("/api/events", params={"since": "last week"}), 422, "invalid_request")
    _assert_error(client.get("/api/events", params={"dyad": "USA"}), 422, "invalid_request")
    _assert_error(client.get("/api/dyads/USA/IRAN"), 422, "invalid_request")


def test_api_server_failure_is_500_error_shape(sample_db: str) -> None:
    client = make_client(sample_db)

    @client.app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    err = _assert_error(client.get("/api/boom"), 500, "internal_error")
    assert "a bug" not in err["message"]  # no internals in the answer
    client.close()


def test_pages_answer_errors_as_html_for_browsers(client: SyncClient) -> None:
    resp = client.get("/articles/nope", headers={"accept": "text/html"})
    assert resp.status_code == 404 and "text/html" in resp.headers["content-type"]
    assert "no article" in resp.text
    assert client.get("/articles/nope").json()["error"]["status"] == 404


def test_api_openapi_schema_lists_endpoints(client: SyncClient) -> None:
    schema = client.get("/api/openapi.json").json()
    for path in ("/api/events", "/api/articles", "/api/articles/{article_id}", "/api/dyads/{a}/{b}", "/api/map"):
        assert path in schema["paths"]
    assert "post" in schema["paths"]["/api/articles"]
    assert client.get("/docs").status_code == 404  # FastAPI's CDN-loaded docs page is off


def test_api_cors_is_off_by_default(client: SyncClient) -> None:
    resp = client.get("/api/stats", headers={"origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in resp.headers
    pre = client.request("OPTIONS", "/api/stats", headers={
        "origin": "https://elsewhere.example", "access-control-request-method": "GET"})
    assert "access-control-allow-origin" not in pre.headers


def test_responses_carry_security_headers(client: SyncClient) -> None:
    resp = client.get("/")
    assert "script-src 'self'" in resp.headers["content-security-policy"]
    assert resp.headers["x-content-type-options"] == "nosniff"


def test_ingest_is_off_without_a_token(client: SyncClient) -> None:
    err = _assert_error(client.post("/api/articles", content=b"Some text.", headers={"content-type": "text/plain"}),
                        403, "ingest_disabled")
    assert "token" in err["message"]


@pytest.mark.parametrize("headers", [{}, {"authorization": "Bearer wrong"}, {"authorization": "Basic c2VjcmV0"},
                                     {"x-api-token": "secret-but-not-quite"}])
def test_ingest_rejects_missing_or_bad_token(sample_db: str, headers: dict[str, str]) -> None:
    client = make_client(sample_db, api_token="s3cret")
    resp = client.post("/api/articles", content=b"x", headers={"content-type": "text/plain", **headers})
    _assert_error(resp, 401, "unauthorized")
    assert resp.headers["www-authenticate"] == "Bearer"
    client.close()


def test_ingest_rejects_oversize_bodies(sample_db: str) -> None:
    client = make_client(sample_db, api_token="s3cret", max_input_bytes=2000)
    auth = {"authorization": "Bearer s3cret", "content-type": "text/plain"}
    _assert_error(client.post("/api/articles", content=b"a" * 5000, headers=auth), 413, "payload_too_large")

    async def chunks():  # no Content-Length: counted while reading
        for _ in range(10):
            yield b"b" * 500

    _assert_error(client.post("/api/articles", content=chunks(), headers=auth), 413, "payload_too_large")
    assert client.get("/api/stats").json()["articles"] == 31
    client.close()


def test_ingest_stores_a_jsonl_batch_and_counts_duplicates(sample_db: str) -> None:
    client = make_client(sample_db, api_token="s3cret")
    lines = "\n".join(json.dumps({"id": f"batch-{i}", "title": f"Batch {i}", "text": f"Batch story number {i} text."})
                      for i in range(3)) + "\n{not json}\n"
    headers = {"authorization": "Bearer s3cret", "content-type": "application/x-ndjson"}
    resp = client.post("/api/articles?analysis=false", content=lines.encode(), headers=headers)
    assert resp.status_code == 201
    body = resp.json()
    assert [a["id"] for a in body["stored"]] == ["batch-0", "batch-1", "batch-2"]
    assert len(body["failures"]) == 1 and "JSON" in body["failures"][0]["reason"]
    again = client.post("/api/articles?analysis=false", content=lines.encode(), headers=headers).json()
    assert again["stored"] == [] and again["duplicates"] == 3
    assert client.get("/api/articles/batch-1").json()["title"] == "Batch 1"
    client.close()


def test_ingest_reads_an_uploaded_page_and_analyses_it(sample_db: str) -> None:
    client = make_client(sample_db, api_token="s3cret")
    page = ("Ministers meet in Vienna\n\n# 2019-05-06 10:00 (UTC +02:00)\n\n"
            "VIENNA, May 6 - Austrian Chancellor Sebastian Kurz met German Chancellor Angela Merkel "
            "in Vienna on Monday to discuss migration, officials said.\n")
    resp = client.post("/api/articles", files={"file": ("vienna.txt", page.encode(), "text/plain")},
                       headers={"authorization": "Bearer s3cret"})
    assert resp.status_code == 201, resp.text
    stored = resp.json()["stored"]
    assert len(stored) == 1
    article = client.get(stored[0]["api"]).json()
    assert "Vienna" in article["text"] and article["analysis"] is not None
    assert article["entities"]
    client.close()


def test_ingest_refuses_unknown_content_and_empty_bodies(sample_db: str) -> None:
    client = make_client(sample_db, api_token="s3cret")
    auth = {"authorization": "Bearer s3cret"}
    _assert_error(client.post("/api/articles", content=b"\x00\x01", headers={**auth, "content-type": "image/png"}),
                  415, "unsupported_media_type")
    _assert_error(client.post("/api/articles", content=b"  ", headers={**auth, "content-type": "text/plain"}),
                  422, "invalid_request")
    _assert_error(client.post("/api/articles", json={"url": "file:///etc/passwd"}, headers=auth),
                  422, "invalid_request")
    client.close()
