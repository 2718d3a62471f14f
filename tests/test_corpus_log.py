"""The corpus file is a log: a crawl appends what it added or changed (normalize/corpus.py)."""

import json

from normalize import memo
from normalize.corpus import corpus_path, load_corpus, merge, save_corpus


def ann(n: int, text: str = "text", fetched: str = "2022-04-01T00:00:00Z") -> dict:
    return {"url": f"https://www.meti.go.jp/press/{n}.html", "title": f"t{n}", "text": text,
            "fetched_at": fetched}  # fmt: skip


def fresh(data):
    """What another process would read: no memory of the file."""
    memo._files.clear()
    return load_corpus(data)


def lines(data) -> list[dict]:
    return [json.loads(x) for x in corpus_path(data).read_text(encoding="utf-8").splitlines()]


def test_a_crawl_appends_only_what_it_added_or_changed(tmp_path):
    corpus, _ = merge({}, [ann(i) for i in range(10)])
    save_corpus(tmp_path, corpus)
    assert len(lines(tmp_path)) == 10
    corpus, changed = merge(load_corpus(tmp_path), [ann(3, "revised", "2022-04-08T00:00:00Z"),
                                                     ann(10), ann(4)])  # fmt: skip
    assert changed == 2
    save_corpus(tmp_path, corpus)
    logged = lines(tmp_path)
    assert len(logged) == 12 and [a["url"] for a in logged[10:]] == [ann(10)["url"], ann(3)["url"]]
    # The later line of a URL wins, in this process and in any other.
    for read in (load_corpus(tmp_path), fresh(tmp_path)):
        assert read == corpus and read[ann(3)["url"]]["text"] == "revised" and len(read) == 11
    size = corpus_path(tmp_path).stat().st_size
    save_corpus(tmp_path, fresh(tmp_path))  # nothing new: nothing written
    assert corpus_path(tmp_path).stat().st_size == size


def test_a_log_twice_the_corpus_is_rewritten_whole(tmp_path):
    corpus, _ = merge({}, [ann(1), ann(2)])
    save_corpus(tmp_path, corpus)
    for week in range(1, 4):
        corpus, _ = merge(corpus, [ann(1, f"v{week}", f"2022-04-0{week + 1}T00:00:00Z")])
        save_corpus(tmp_path, corpus)
    logged = lines(tmp_path)
    assert len(logged) <= 2 * len(corpus)
    assert fresh(tmp_path)[ann(1)["url"]]["text"] == "v3"
    assert len(logged) >= 2  # one line per URL after the rewrite, at least


def test_an_append_cut_short_loses_nothing_and_is_repaired(tmp_path):
    corpus, _ = merge({}, [ann(1), ann(2)])
    save_corpus(tmp_path, corpus)
    with corpus_path(tmp_path).open("a", encoding="utf-8") as fh:
        fh.write('{"url": "https://www.meti.go.jp/press/3.html", "ti')  # a crash mid-append
    read = fresh(tmp_path)
    assert sorted(read) == sorted(corpus)
    # Normalizing the crawl again merges its announcement again; the file comes out whole.
    again, changed = merge(read, [ann(3)])
    assert changed == 1
    save_corpus(tmp_path, again)
    assert [a["url"] for a in lines(tmp_path)] == sorted(again)
    assert fresh(tmp_path) == again
