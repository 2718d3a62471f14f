"""topics/index.md and topics/{topic}.md: a page per topic, each answering its own question.

Every topic page has its feeds, the chart of its measures in force release by release
(publish.charts) and its measures as of the latest release. Then each adds what its readers
look for first:

- russia: the measures in force with the counts their sources state (entities, items…);
- ipef: the milestones (negotiations, signatures, entries into force);
- economic-security: the timeline of the laws and policies, every dated step;
- g7: the statements, with their Japanese and English texts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from publish import urls
from publish.charts import topic_chart
from publish.history import History
from publish.page_parts import feed_links, measure_title_html, measures_table, write_page
from publish.render import block, esc, internal_link, link, table
from publish.vocabulary import (
    CURRENT_STATUSES,
    FEED_TOPICS,
    LANG_LABELS,
    TOPIC_LABELS,
    TOPICS,
    type_label,
)


def write_topics(history: History, docs: Path) -> int:
    """topics/index.md and one page per topic; returns how many pages."""
    current = list(history.latest.measures.values())
    rows = []
    for topic in TOPICS:
        page = urls.topic_page(topic)
        mine = [r for r in current if topic in r["topics"]]
        now = [r for r in mine if r["status"] in CURRENT_STATUSES]
        in_force = [r for r in now if r["status"] == "in_force"]
        lifted = [r for r in mine if r["status"] not in CURRENT_STATUSES]
        write_page(docs, page, TOPIC_LABELS[topic], ["all", topic], topic_body(history, topic))
        link_html = internal_link(urls.href("topics/index.md", page), TOPIC_LABELS[topic])
        rows.append(
            [
                link_html,
                str(len(in_force)),
                str(len(now) - len(in_force)),
                str(len(lifted)),
                feed_links("topics/index.md", topic),
            ]
        )
    headers = ["Topic", "In force", "Announced", "Lifted", "Feeds"]
    body = "# Topics\n\n" + block(table(headers, rows))
    write_page(docs, "topics/index.md", "Topics", list(FEED_TOPICS), body)
    return 1 + len(TOPICS)


def topic_body(history: History, topic: str) -> str:
    page = urls.topic_page(topic)
    mine = [r for r in history.latest.measures.values() if topic in r["topics"]]
    now = [r for r in mine if r["status"] in CURRENT_STATUSES]
    lifted = [r for r in mine if r["status"] not in CURRENT_STATUSES]
    api = internal_link(urls.href(page, f"{urls.API}/topics/{topic}.json"), "JSON")
    parts = [
        f"# {TOPIC_LABELS[topic]}\n\n",
        block(f"<p>Feeds: {feed_links(page, topic)} · API: {api}</p>"),
        "## Measures in force over time\n\n",
        block(topic_chart(history, topic)),
    ]
    as_of = history.latest.meta["as_of"]
    if topic == "russia":
        in_force = [r for r in now if r["status"] == "in_force"]
        announced = [r for r in now if r["status"] != "in_force"]
        parts += ["## In force, with the counts the sources state\n\n"]
        parts += [block(counts_table(page, in_force))]
        parts += ["## Announced, not yet in force\n\n", block(measures_table(page, announced))]
    elif topic == "g7":
        statements = [r for r in mine if r["type"] == "statement"]
        others = [r for r in now if r["type"] != "statement"]
        parts += ["## Statements\n\n", block(statements_table(page, statements))]
        parts += [
            "## Other measures in force or announced\n\n",
            block(measures_table(page, others)),
        ]
    else:
        heading = "Milestones" if topic == "ipef" else "Timeline"
        parts += [f"## {heading}\n\n", block(timeline_table(page, mine, as_of))]
        parts += ["## In force or announced\n\n", block(measures_table(page, now))]
    parts += ["## Lifted\n\n", block(measures_table(page, lifted))]
    return "".join(parts)


def counts_text(record: dict[str, Any]) -> str | None:
    return ", ".join(f"{k}: {v}" for k, v in sorted(record["counts"].items())) or None


def counts_table(page: str, records: list[dict[str, Any]]) -> str:
    if not records:
        return "<p>None.</p>"
    rows = []
    for r in records:
        what = f"{type_label(r['type'])} · {r['jurisdiction']} {r['authority']}"
        dates = [e["date"] for e in r["effective"]]
        rows.append(
            [
                f'{measure_title_html(page, r)}<br><span class="rw-muted">{esc(what)}</span>',
                esc(", ".join(r["targets"]) or None),
                esc(counts_text(r)),
                esc(dates[0] if dates else None),
                esc(", ".join(dates[1:]) or None),
            ]
        )
    return table(["Measure", "Targets", "Counts", "In force since", "Amended with effect"], rows)


def dated_steps(records: list[dict[str, Any]]) -> list[tuple[str, str, str | None, dict]]:
    """Every dated step of these measures: (date, what, source URL, record), by date."""
    steps = []
    for r in records:
        steps.append((r["announced"], "Announced", None, r))
        steps += [
            (m["date"], m["event"][:1].upper() + m["event"][1:], m["source"], r)
            for m in r["milestones"]
        ]
        steps += [
            (e["date"], f"Takes effect: {e['description']}", e["source"], r) for e in r["effective"]
        ]
        if r["lifted"]:
            steps.append((r["lifted"], "Lifted", None, r))
    return sorted(steps, key=lambda s: (s[0], s[3]["id"], s[1]))


def timeline_table(page: str, records: list[dict[str, Any]], as_of: str) -> str:
    steps = dated_steps(records)
    if not steps:
        return "<p>None.</p>"
    rows = [
        [
            f"<time>{esc(day)}</time>" + (" <em>(upcoming)</em>" if day > as_of else ""),
            measure_title_html(page, record),
            esc(what),
            link(source, "source") if source else "—",
        ]
        for day, what, source, record in steps
    ]
    return table(["Date", "Measure", "What", "Source"], rows)


def statements_table(page: str, records: list[dict[str, Any]]) -> str:
    if not records:
        return "<p>None.</p>"
    rows = []
    for r in sorted(records, key=lambda r: (r["announced"], r["id"]), reverse=True):
        texts = " · ".join(
            f'<span lang="{lang}">{link(s["url"], LANG_LABELS[lang])}</span>'
            for lang in LANG_LABELS
            for s in r["sources"]
            if s["lang"] == lang
        )
        rows.append([esc(r["announced"]), measure_title_html(page, r), texts or "—"])
    return table(["Date", "Statement", "Texts"], rows)
