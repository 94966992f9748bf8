"""The ``cpam-reader`` command: a thin layer over the library.

Exit codes: 0 every document was read, 1 at least one could not be read, 2 usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from cpam_reader.base.logconfig import configure_logging
from cpam_reader.base.settings import Settings, current, default_readers
from cpam_reader.interfaces.output import FORMATS, CsvWriter, json_line, render_table

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
DOCUMENT_SUFFIXES = frozenset({".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".heic", ".heif"})


def collect(paths: Sequence[str]) -> list[str]:
    """Files named, plus documents found recursively in folders (by extension; hidden files skipped)."""
    found: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(
                str(p)
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in DOCUMENT_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            found.append(str(path))
    return found


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cpam-reader",
        description="Read CPAM letters: the social security number they give, its status, and the kind of letter.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    scan = commands.add_parser("scan", help="read letters (PDF or images; folders are searched recursively)")
    scan.add_argument("paths", nargs="+", metavar="PATH")
    scan.add_argument("--format", choices=FORMATS, help="output format (default: table on a terminal, else jsonl)")
    scan.add_argument("--output", "-o", metavar="FILE", help="write results to FILE instead of standard output")
    scan.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=default_readers(),
        metavar="N",
        help="documents read in parallel (processes; default: the number of cores)",
    )
    scan.add_argument(
        "--debug-dir",
        type=Path,
        metavar="DIR",
        help="write each document's pre-processing stages there as images (they show the letter: delete them after)",
    )
    broker_help = "send documents to Celery workers through this broker (redis://...; default: CPAM_READER_BROKER)"
    scan.add_argument("--broker", metavar="URL", help=broker_help)
    scan.add_argument(
        "--review-only", action="store_true", help="output only the results a person should check (needs_review)"
    )
    watch = commands.add_parser("watch", help="read every letter dropped into a folder, durably, without losing one")
    watch.add_argument("inbox", metavar="INBOX", type=Path)
    watch.add_argument("--out", required=True, type=Path, metavar="DIR", help="results and moved originals go here")
    watch.add_argument("--jobs", "-j", type=int, default=default_readers(), metavar="N", help="local reader processes")
    watch.add_argument("--broker", metavar="URL", help=broker_help)
    watch.add_argument(
        "--interval", type=float, default=2.0, metavar="S", help="seconds between two looks at the inbox (default 2)"
    )
    watch.add_argument(
        "--settle",
        type=float,
        default=2.0,
        metavar="S",
        help="a file is taken once its size and time stayed the same this long (default 2)",
    )
    watch.add_argument("--once", action="store_true", help="read what is there (once settled), then stop")
    metrics_port = "serve Prometheus metrics at http://HOST:N/ (default: none; see the README's Metrics)"
    metrics_host = "the address of --metrics-port (default 127.0.0.1; 0.0.0.0: all)"
    watch.add_argument("--metrics-port", type=int, metavar="N", help=metrics_port)
    watch.add_argument("--metrics-host", default="127.0.0.1", metavar="HOST", help=metrics_host)
    worker = commands.add_parser("worker", help="run a Celery worker reading documents sent through a broker")
    worker.add_argument("--broker", metavar="URL", help="the broker (default: CPAM_READER_BROKER)")
    worker.add_argument(
        "--concurrency", type=int, default=default_readers(), metavar="N", help="reader processes (default: cores)"
    )
    worker.add_argument("--metrics-port", type=int, metavar="N", help=metrics_port)
    worker.add_argument("--metrics-host", default="127.0.0.1", metavar="HOST", help=metrics_host)
    serve = commands.add_parser("serve", help="run the web service: the applicant page and the HTTP API")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1; 0.0.0.0: all)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="reader processes: letters read at once (default: CPAM_READER_READERS, else the number of cores)",
    )
    serve.add_argument("--broker", metavar="URL", help=broker_help)
    serve.add_argument(
        "--forwarded-allow-ips",
        metavar="IPS",
        help="the reverse proxies (addresses, comma-separated) whose X-Forwarded-For names the client, used to "
        "rate-limit per client (default: CPAM_READER_FORWARDED_ALLOW_IPS, else none: every header is ignored)",
    )
    key = commands.add_parser(
        "api-key",
        help="manage the batch API's clients and keys: add a key (a new client or one more key), list, revoke",
    )
    key.add_argument("name", nargs="?", help="the client (an HR department, a payroll provider) to give a new key")
    key.add_argument("--file", type=Path, metavar="FILE", help="the keys file (default: CPAM_READER_API_KEYS_FILE)")
    key.add_argument("--list", action="store_true", help="list the clients and their key ids")
    key.add_argument("--revoke", metavar="KEY_ID", help="remove the key with this id (from --list): it stops working")
    key.add_argument(
        "--new-secret", action="store_true", help="with NAME: also replace the client's callback signing secret"
    )
    validate = commands.add_parser("validate", help="explain a social security number")
    validate.add_argument("number", nargs="+", help="the number (spaces allowed)")
    validate.add_argument("--json", action="store_true", help="print the explanation as JSON")
    return parser


@contextlib.contextmanager
def _open_output(name: str | None) -> Iterator[TextIO]:
    if name is None:
        yield sys.stdout
    else:
        with open(name, "w", encoding="utf-8", newline="") as stream:
            yield stream


@contextlib.contextmanager
def _progress(total: int) -> Iterator[tuple[Callable[[], None], Callable[[], None]]]:
    """A progress bar on standard error for several documents (rich loads only then), as (advance, stop)."""
    if total < 2:
        yield (lambda: None), (lambda: None)
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(transient=True, console=Console(stderr=True)) as progress:
        task = progress.add_task("reading", total=total)
        yield (lambda: progress.advance(task)), progress.stop


def scan(args: argparse.Namespace, settings: Settings) -> int:
    from cpam_reader.jobs.base import run_documents

    paths = collect(args.paths)
    if not paths:
        print("cpam-reader: no documents found", file=sys.stderr)
        return EXIT_USAGE
    if args.jobs < 1:
        print("cpam-reader: --jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    out_format = args.format or ("table" if args.output is None and sys.stdout.isatty() else "jsonl")
    failed = False
    with _open_output(args.output) as stream, _progress(len(paths)) as (advance, stop_progress):
        results = run_documents(
            paths,
            args.jobs,
            on_done=lambda _: advance(),
            debug_dir=args.debug_dir,
            broker=args.broker,
            settings=settings,
            in_process=True,  # one document, or --jobs 1: read here, no reader process to start
        )
        csv_writer = CsvWriter(stream) if out_format == "csv" else None
        kept = []
        for result in results:
            failed |= not result.ok
            if args.review_only and not result.needs_review:
                continue
            if out_format == "jsonl":
                print(json_line(result), file=stream, flush=True)
            elif csv_writer:
                csv_writer.write(result)
            else:
                kept.append(result)
        if out_format == "table":
            stop_progress()
            render_table(kept, stream)
    return EXIT_FAILED if failed else EXIT_OK


def explain(args: argparse.Namespace, settings: Settings) -> int:
    from cpam_reader.number import nir

    number = " ".join(args.number)
    try:
        parts = nir.parse(number)
    except nir.ValidationError as exc:
        report = {"number": nir.compact(number), "valid": False, "reason": str(exc)}
        print(json.dumps(report, ensure_ascii=False) if args.json else f"invalid: {exc}")
        return EXIT_FAILED
    if args.json:
        print(json.dumps({"valid": True, **parts.to_dict()}, ensure_ascii=False))
        return EXIT_OK
    place = {
        "department": f"department {parts.department}, commune {parts.commune}",
        "overseas": f"overseas {parts.department}, commune {parts.commune}",
        "abroad": f"abroad, country code 99{parts.country_code}",
    }[parts.place_kind]
    lines = [
        f"valid: {nir.format(parts.number)}" + (" (key computed: it was not printed)" if parts.key_missing else ""),
        f"kind: {'provisional number' if parts.provisional else 'social security number (NIR)'}",
        f"sex: {'man' if parts.sex == 'M' else 'woman'}",
        f"born: {parts.month if parts.month != 'unknown' else 'month unknown'} / {parts.year}",
        f"place of birth: {place}",
        f"order: {parts.order}, key: {parts.key}",
    ]
    if parts.specimen:
        lines.append("note: this is the public specimen number printed on sample cards, not a real person's")
    print("\n".join(lines))
    return EXIT_OK


def serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn  # the web stack loads only for this command

    from cpam_reader.base.errors import SetupError
    from cpam_reader.interfaces.web.app import create_app
    from cpam_reader.interfaces.web.connection import head_time_protocol

    if args.workers is not None:
        if args.workers < 1:
            print("cpam-reader: --workers must be at least 1", file=sys.stderr)
            return EXIT_USAGE
        settings = dataclasses.replace(settings, readers=args.workers)
    if args.broker:
        settings = dataclasses.replace(settings, broker=args.broker)
    proxies = (settings.forwarded_allow_ips if args.forwarded_allow_ips is None else args.forwarded_allow_ips).strip()
    try:
        app = create_app(settings)
    except SetupError as exc:  # an API keys file that cannot be used: said before anything listens
        print(f"cpam-reader: {exc}", file=sys.stderr)
        return EXIT_USAGE
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        http=head_time_protocol(settings.header_timeout_s),
        proxy_headers=bool(proxies),  # no proxy named: X-Forwarded-* are nobody's word (uvicorn trusts 127.0.0.1)
        forwarded_allow_ips=proxies or None,
        server_header=False,
        log_level="info",
    )
    return EXIT_OK


def api_key(args: argparse.Namespace, settings: Settings) -> int:
    """Add a key (saying whether it made a client or joined one), list the clients, or revoke a key."""
    from cpam_reader.base.clients import Clients, valid_name
    from cpam_reader.base.errors import SetupError
    from cpam_reader.interfaces import keys

    path = args.file or settings.api_keys_file
    if path is None:
        print("cpam-reader: name the keys file: --file FILE, or CPAM_READER_API_KEYS_FILE", file=sys.stderr)
        return EXIT_USAGE
    if sum((args.name is not None, args.list, args.revoke is not None)) != 1 or (args.new_secret and not args.name):
        print("cpam-reader: api-key takes one of NAME, --list or --revoke KEY_ID", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.list:
            clients = keys.read_clients(path) if path.exists() else Clients()
            for name in clients.names():
                ids = clients.key_ids(name)
                signing = "signing secret set" if name in clients.secrets else "no signing secret"
                print(f"{name}: {len(ids)} key{'s' * (len(ids) != 1)} ({', '.join(ids) or 'none'}); {signing}")
            return EXIT_OK
        if args.revoke is not None:
            client, left = keys.revoke_key(path, args.revoke)
            print(f"revoked key {args.revoke} of client {client!r}: it stops working at the service's next request")
            if left == 0:
                print(f"{client!r} has no key left: its batches cannot be reached until it gets a new one")
            else:
                print(f"{client!r} keeps {left} key{'s' * (left != 1)}")
            return EXIT_OK
        if not valid_name(args.name):
            print("cpam-reader: the name must be non-empty, without ':' or spaces around it", file=sys.stderr)
            return EXIT_USAGE
        added = keys.add_key(path, args.name, new_secret=args.new_secret)
    except SetupError as exc:
        print(f"cpam-reader: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if added.new_client:
        print(f"created client {added.client!r} with its first key (id {added.key_id}), in {path}")
    else:
        print(
            f"added a key (id {added.key_id}) to the existing client {added.client!r}, in {path}: it now has "
            f"{added.keys_now} keys, each of which sees all of {added.client!r}'s batches"
        )
    print(f"key (give it to {added.client}; it is not shown again): {added.key}")
    if added.secret is not None:
        print(f"callback signing secret of {added.client} (not shown again): {added.secret}")
    return EXIT_OK


def watch(args: argparse.Namespace, settings: Settings) -> int:
    from cpam_reader.base.errors import SetupError
    from cpam_reader.interfaces.watch import watch_folder
    from cpam_reader.jobs.base import make_runner
    from cpam_reader.jobs.metrics import Metrics, serving_metrics

    if args.jobs < 1 or args.interval <= 0 or args.settle < 0:
        print("cpam-reader: --jobs must be at least 1, --interval positive, --settle not negative", file=sys.stderr)
        return EXIT_USAGE
    metrics = Metrics()
    try:
        with make_runner(args.jobs, broker=args.broker, settings=settings) as runner, contextlib.ExitStack() as stack:
            if args.metrics_port is not None:
                registry = metrics.registry(pending_at=runner.pending_at, readers_alive=lambda: runner.alive)
                stack.enter_context(serving_metrics(registry, args.metrics_port, args.metrics_host))
            watch_folder(
                args.inbox,
                args.out,
                runner,
                interval_s=args.interval,
                settle_s=args.settle,
                once=args.once,
                metrics=metrics,
            )
    except SetupError as exc:
        print(f"cpam-reader: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def worker(args: argparse.Namespace, settings: Settings) -> int:
    from cpam_reader.base.errors import SetupError
    from cpam_reader.jobs.base import broker_url
    from cpam_reader.jobs.celery import run_worker

    url = broker_url(args.broker, settings)
    if not url:
        print(
            "cpam-reader: a worker needs a broker: --broker redis://HOST:6379/0 or CPAM_READER_BROKER", file=sys.stderr
        )
        return EXIT_USAGE
    metrics_at = (args.metrics_host, args.metrics_port) if args.metrics_port is not None else None
    try:
        return run_worker(url, concurrency=args.concurrency, settings=settings, metrics_at=metrics_at)
    except SetupError as exc:
        print(f"cpam-reader: {exc}", file=sys.stderr)
        return EXIT_USAGE


COMMANDS = {
    "scan": scan,
    "watch": watch,
    "worker": worker,
    "serve": serve,
    "api-key": api_key,
    "validate": explain,
}


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    settings = current()  # the environment, read once: every command takes its settings from here
    configure_logging(settings.log_level, "INFO" if args.command in ("watch", "worker", "serve") else "WARNING")
    try:
        return COMMANDS[args.command](args, settings)
    except KeyboardInterrupt:  # Ctrl-C during a scan read in this process: a word, not a traceback
        print("cpam-reader: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
