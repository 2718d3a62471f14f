"""`regwatch`: verbs mirror the pipeline — crawl, normalize, release, publish; run does all four.

Exit codes: 0 success (a run with nothing new makes no release and publishes nothing);
1 error (nothing published by this command); 2 usage error; 3 at least one source failed:
published, or nothing new to publish while it still fails (see the latest release's
`sources` and api/v1/health.json); 4 `verify` found
an altered release or published file; 5 another regwatch process holds the data folder's lock
(nothing was done; REGWATCH_LOCK_TIMEOUT=SECONDS waits for it).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from regwatch import pipeline
from regwatch.lock import LockBusy

EXIT_SOURCES_FAILED = 3
EXIT_VERIFY_FAILED = 4
EXIT_BUSY = 5


class Busy(click.ClickException):
    exit_code = EXIT_BUSY


data_option = click.option(
    "--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("data"),
    show_default=True, help="Data folder: archive, corpus and releases. Repeated runs continue its history.",
)  # fmt: skip
out_option = click.option(
    "--out", "out_dir", type=click.Path(path_type=Path), default=Path("public"), show_default=True,
    help="Published folder (site, feeds, API).",
)  # fmt: skip


def say(message: str) -> None:
    click.echo(message, err=True)


def _fail_on_error(fn):
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except LockBusy as exc:
            raise Busy(str(exc)) from exc
        except (pipeline.ReleaseError, ValueError, KeyError, FileNotFoundError) as exc:
            raise click.ClickException(str(exc)) from exc

    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """regwatch: track government economic-security measures, release by release."""


@main.command()
@data_option
@click.option("--source", "sources", multiple=True, help="Crawl only this source (repeatable).")
@click.option("--replay", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Answer every request from this WARC file instead of the network.")  # fmt: skip
@click.option("-a", "--arg", "args", multiple=True, metavar="KEY=VALUE",
              help="Spider argument for the --source spiders, e.g. -a since=2022-01-01 "
                   "(federal_register: date-partitioned back-fill).")  # fmt: skip
@_fail_on_error
def crawl(
    data_dir: Path, sources: tuple[str, ...], replay: Path | None, args: tuple[str, ...]
) -> None:
    """Fetch every source (or --source ones), archive each response to WARC, save announcements."""
    spider_args = {}
    if args:
        if not sources:
            raise click.UsageError("--arg needs --source: spider arguments differ by source")
        pairs = dict(a.split("=", 1) for a in args if "=" in a)
        if len(pairs) != len(args):
            raise click.UsageError("--arg takes KEY=VALUE")
        spider_args = {name: pairs for name in sources}
    status = pipeline.crawl(
        data_dir,
        sources=list(sources) or None,
        replay=replay,
        spider_args=spider_args,
        progress=say,
    )
    click.echo(status["crawl"])


@main.command()
@data_option
def sources(data_dir: Path) -> None:
    """List every source: publisher, entry points and the status of its latest crawl."""
    from regwatch.sources import overview, render

    click.echo(render(overview(data_dir)))


@main.command()
@data_option
@click.option("--crawl", "crawl_id", help="Crawl id (default: the latest crawl).")
@_fail_on_error
def normalize(data_dir: Path, crawl_id: str | None) -> None:
    """Add a crawl's announcements to the corpus and derive measure records from it."""
    pipeline.normalize(data_dir, crawl_id, progress=say)


@main.command()
@data_option
@_fail_on_error
def release(data_dir: Path) -> None:
    """Version the normalized records and write an immutable release with its changes
    (none when nothing is new since the latest release: then nothing is printed)."""
    rel = pipeline.release(data_dir, progress=say)
    if rel is not None:
        click.echo(rel["id"])


@main.command()
@data_option
@out_option
@click.option("--base-url", help="Absolute URL the folder will be served at (feeds need it).")
@_fail_on_error
def publish(data_dir: Path, out_dir: Path, base_url: str | None) -> None:
    """Build the site, the feeds and the API from the releases, and switch --out to it atomically."""
    pipeline.publish(data_dir, out_dir, base_url=base_url, progress=say)


@main.command()
@data_option
@out_option
@click.option("--replay", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Answer the crawl from this WARC file (a URL it lacks answers 404).")  # fmt: skip
@_fail_on_error
def run(data_dir: Path, out_dir: Path, replay: Path | None) -> None:
    """Crawl, normalize, release and publish: one release dated by the crawl time, or none
    (and nothing published) when the crawl brought nothing new."""
    rel = pipeline.run(data_dir, out_dir, replay=replay, progress=say)
    if rel is not None:
        _where(out_dir)
        if rel["result"] != "ok":
            say("published, but some sources failed: see the release's sources")
            sys.exit(EXIT_SOURCES_FAILED)
    elif failing := pipeline.failing_sources(data_dir):
        # Still failing as the latest release records: a monitor keyed on exit 3 keeps firing.
        say(f"still failing: {', '.join(failing)} (see api/v1/health.json)")
        sys.exit(EXIT_SOURCES_FAILED)


@main.command()
@data_option
@out_option
@_fail_on_error
def demo(data_dir: Path, out_dir: Path) -> None:
    """Replay the bundled 2022 archive snapshot by snapshot (a release for each with news), then publish."""
    pipeline.demo(data_dir, out_dir, progress=say)
    _where(out_dir)


@main.command()
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the snapshots ({date}.warc.gz, one per weekly crawl) and synth.json.")  # fmt: skip
@click.option("--years", default=10, show_default=True, type=click.IntRange(1, 30))
@click.option("--announcements", default=20_000, show_default=True, type=click.IntRange(100))
@click.option("--seed", default=1, show_default=True, help="Same seed, same bytes.")
@click.option("--replay-into", "data_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also replay the archive into this data folder, a release per snapshot with news.")  # fmt: skip
@_fail_on_error
def synth(out_dir: Path, years: int, announcements: int, seed: int, data_dir: Path | None) -> None:
    """Write a synthetic archive of many years of announcements (benchmarks, scale tests)."""
    from regwatch import synth as synthetic

    summary = synthetic.generate(
        out_dir, years=years, announcements=announcements, seed=seed, progress=say
    )
    if data_dir is not None:
        synthetic.replay(data_dir, out_dir, progress=say)
    click.echo(json.dumps(summary, indent=2, sort_keys=True))


@main.command()
@data_option
@click.option("--in-force", "in_force", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="The legal date: what was in force on this day.")  # fmt: skip
@click.option(
    "--known-at",
    help="A release id, or a date: the last release made by then (default: the latest).",
)
@click.option("--topic", help="Only measures of this topic (russia, ipef, economic-security, g7).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@_fail_on_error
def asof(data_dir: Path, in_force, known_at: str | None, topic: str | None, as_json: bool) -> None:
    """Answer "what was in force on DATE, as regwatch knew it at RELEASE"."""
    from normalize.asof import format_table, in_force_on

    answer = in_force_on(data_dir, in_force.date(), known_at, topic)
    click.echo(
        json.dumps(answer, ensure_ascii=False, indent=2) if as_json else format_table(answer)
    )


@main.command()
@data_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Also check this published folder (default: public/ when it exists).")  # fmt: skip
def verify(data_dir: Path, out_dir: Path | None) -> None:
    """Check the release chain and every published artifact's sha256; exit 4 naming what was altered."""
    from regwatch.verify import verify_published, verify_releases

    n_releases, problems = verify_releases(data_dir)
    n_artifacts = 0
    out_dir = out_dir or (Path("public") if Path("public").exists() else None)
    if out_dir is not None:
        n_artifacts, more = verify_published(out_dir, data_dir)
        problems += more
    for problem in problems:
        say(f"ALTERED: {problem}")
    if problems:
        say(f"verify failed: {len(problems)} problem(s)")
        sys.exit(EXIT_VERIFY_FAILED)
    say(f"verified {n_releases} releases and {n_artifacts} published artifacts: all intact")


@main.command()
@data_option
@click.option("--into", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Fresh data folder for the rebuilt history (default: DATA.rebuild).")  # fmt: skip
@_fail_on_error
def rebuild(data_dir: Path, into: Path | None) -> None:
    """Re-derive every record and release from the WARC archive alone and compare them."""
    from regwatch.rebuild import rebuild as do_rebuild

    report = do_rebuild(
        data_dir, into or data_dir.with_name(data_dir.name + ".rebuild"), progress=say
    )
    click.echo(json.dumps({"identical": report["identical"]}))


@main.command()
@out_option
@click.option("--port", default=8000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
def serve(out_dir: Path, port: int, host: str) -> None:
    """Serve the published folder over HTTP on this machine."""
    from publish.serve import serve as do_serve

    say(f"serving {out_dir} at http://{host}:{port}/ (Ctrl-C to stop)")
    do_serve(out_dir, host=host, port=port)


def _where(out_dir: Path) -> None:
    say("")
    say(f"site:  {out_dir}/index.html")
    say(f"feeds: {out_dir}/feeds/{{all,russia,ipef,economic-security,g7}}.{{json,xml,atom}}")
    say(f"API:   {out_dir}/api/v1/index.json (topics/russia.json: the current Russia measures)")
    say(
        f"serve: regwatch serve --out {out_dir}  (or `make serve`), then open http://127.0.0.1:8000/"
    )


if __name__ == "__main__":
    main()
