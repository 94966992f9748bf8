"""Load the running web service with ApacheBench (``ab``) and print what one machine serves.

For each number of reader processes (``--workers``), starts ``cpam-reader serve`` on a free port (rate limit
off), then:
- latency of one photo: ``--latency-requests`` requests one after the other (median, p95 from ab's table);
- throughput: ``--requests`` requests, two per reader process in flight (requests per minute).

    python scripts/load_test.py                                   # 1 and 2 readers, the fixture phone photo
    python scripts/load_test.py --workers 2 --file letter.pdf

Needs ``ab`` (Debian: ``apt-get install apache2-utils``); a benchmark, never run by the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PHOTO = ROOT / "fixtures" / "corpus" / "0004-phone_photo-number_assignment.jpg"
BOUNDARY = "cpamreaderloadtest"


def multipart_body(path: Path) -> bytes:
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    return head + path.read_bytes() + f"\r\n--{BOUNDARY}--\r\n".encode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "CPAM_READER_RATE_LIMIT_PER_MINUTE": "0", "CPAM_READER_MAX_QUEUED_LETTERS": "64"}
    process = subprocess.Popen(
        [sys.executable, "-m", "cpam_reader.interfaces.cli", "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/v1/health", timeout=2) as response:
                json.load(response)
            return process, url
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("cpam-reader serve did not start")


def ab(url: str, body: Path, requests: int, concurrency: int) -> dict[str, float]:
    """Run ApacheBench; its requests per second, failures and latency percentiles (ms)."""
    out = subprocess.run(
        [
            "ab",
            "-q",
            "-n",
            str(requests),
            "-c",
            str(concurrency),
            "-p",
            str(body),
            "-T",
            f"multipart/form-data; boundary={BOUNDARY}",
            url + "/v1/letters",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    figures = {
        "rps": float(re.search(r"Requests per second:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        # ab counts a response whose length differs from the first as failed: timings make lengths vary.
        "failed": sum(int(n) for n in re.findall(r"(?:Connect|Receive|Exceptions): (\d+)", out)),
        "non_2xx": int(m.group(1)) if (m := re.search(r"Non-2xx responses:\s+(\d+)", out)) else 0,
    }
    for percent, ms in re.findall(r"^\s+(\d+)%\s+(\d+)", out, flags=re.MULTILINE):
        figures[f"p{percent}"] = float(ms)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--file", type=Path, default=PHOTO)
    parser.add_argument("--requests", type=int, default=40, help="requests per throughput run (default 40)")
    parser.add_argument("--latency-requests", type=int, default=15)
    args = parser.parse_args()
    if not shutil.which("ab"):
        print("ab is missing: apt-get install apache2-utils", file=sys.stderr)
        return 2
    print(f"{platform.machine()}, {os.cpu_count()} cores; {args.file.name} ({args.file.stat().st_size // 1024} KB)")
    print("| readers | latency median ms | latency p95 ms | requests/min | in flight | failed |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        body = Path(tmp) / "body"
        body.write_bytes(multipart_body(args.file))
        for workers in args.workers:
            process, url = start(workers)
            try:
                ab(url, body, 2 * workers, workers)  # warm: every reader has loaded its model
                alone = ab(url, body, args.latency_requests, 1)
                loaded = ab(url, body, args.requests, 2 * workers)
            finally:
                process.terminate()
                process.wait(30)
            failed = alone["failed"] + loaded["failed"] + alone["non_2xx"] + loaded["non_2xx"]
            print(
                f"| {workers} | {alone['p50']:.0f} | {alone['p95']:.0f} | {60 * loaded['rps']:.1f} | "
                f"{2 * workers} | {failed} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
