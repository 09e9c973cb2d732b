"""Benchmark: what users of the web app get, under load and during an import.

Serves a demo warehouse with the production server (`cakupan serve`: waitress, access log,
DEBUG off) and drives it with Locust, a real load tool, closed loop (each user asks again
as soon as it has its answer), at 1, 20 and 50 users:

* the dashboard (``/``), and, as the floor, a static file of the same size served by the
  same server in the same run (WhiteNoise: no Python view, no data);
* a person-level page: a signed-in desa operator's work list (``/worklists/?desa=…``, the
  largest desa: a scoped query of the published file, masked per role, and one line of the
  audit trail per request), against a static file of its size;
* then the dashboard at 20 users again **while a full participant import runs** (a new
  extract: matching, coverage and publication all recomputed), counting errors.

Usage: .venv/bin/python benchmarks/bench_web.py [--data-dir DIR] [--people N] [--seconds S]
(DIR holding a built demo is reused, e.g. after `make demo`; otherwise one is built.)
Needs the bench extra (`make bench` installs it).
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import cakupan_web

LOCUSTFILE = """
import re

from locust import HttpUser, constant, task

class Visitor(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        if LOGIN:  # sign in once, as a user of the web app would
            form = self.client.get("/login/", name="login").text
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
            self.client.post("/login/", name="login", data={
                "username": LOGIN[0], "password": LOGIN[1], "csrfmiddlewaretoken": token})

    @task
    def page(self):
        with self.client.get(PATH, name=PATH, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
"""
CLI = "import sys; from cakupan_cli import main; main(sys.argv[1:])"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer")


def load(
    host: str,
    path: str,
    users: int,
    seconds: int,
    work: Path,
    until: subprocess.Popen[str] | None = None,
    login: tuple[str, str] | None = None,
) -> dict[str, float]:
    """One closed-loop Locust run of ``seconds`` (or until ``until`` ends); its figures
    (milliseconds, requests per second)."""
    locustfile = work / "locustfile.py"
    locustfile.write_text(f"PATH = {path!r}\nLOGIN = {login!r}\n" + LOCUSTFILE, encoding="utf-8")
    prefix = work / f"run-{users}-{time.monotonic_ns()}"
    runner = subprocess.Popen(
        [sys.executable, "-m", "locust", "-f", str(locustfile), "--headless", "--only-summary",
         "-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--host", host,
         "--csv", str(prefix), "--loglevel", "ERROR"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    if until is not None:
        until.wait()
        runner.send_signal(signal.SIGTERM)  # Locust stops and writes its figures
    if runner.wait() not in (0, 1):  # 1: some requests failed (counted below)
        raise SystemExit(f"locust failed on {path}")
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle) if r["Name"] == path)
    return {
        "requests": float(row["Request Count"]),
        "errors": float(row["Failure Count"]),
        "p50": float(row["50%"]),
        "p95": float(row["95%"]),
        "max": float(row["Max Response Time"]),
        "rps": float(row["Requests/s"]),
    }


def operator_page(host: str, data: Path, env: dict[str, str]) -> tuple[str, tuple[str, str], int]:
    """A desa operator of the largest desa (made with ``cakupan user``), the path of their
    work list and its size in bytes as they get it."""
    import http.cookiejar
    import re
    import urllib.parse

    import duckdb

    from cakupan.publish import current_publication

    con = duckdb.connect(str(current_publication(data)), read_only=True)
    (desa,) = con.execute(
        "SELECT desa_code FROM worklist WHERE segment IS NULL GROUP BY ALL "
        "ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    con.close()
    login = ("bench_desa", "bench-sate-ayam-2026")
    cli = [sys.executable, "-c", CLI, "user"]
    quiet = {"env": env, "capture_output": True, "text": True}
    add = [*cli, "add", login[0], "--role", "desa_operator", "--area", desa]
    subprocess.run([*add, "--data-dir", str(data)], check=False, **quiet)  # type: ignore[call-overload]
    password = [*cli, "set-password", login[0], "--password-stdin", "--data-dir", str(data)]
    subprocess.run(password, input=login[1] + "\n", check=True, **quiet)  # type: ignore[call-overload]
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(host + "/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
    fields = {"username": login[0], "password": login[1], "csrfmiddlewaretoken": token}
    opener.open(host + "/login/", data=urllib.parse.urlencode(fields).encode())
    path = f"/worklists/?desa={desa}"
    page = opener.open(host + path).read()
    if b'data-desa="' not in page:
        raise SystemExit("the desa operator's work list did not show people")
    return path, login, len(page)


def line(label: str, f: dict[str, float]) -> str:
    return (
        f"{label:<34} p50 {f['p50']:>7.0f} ms  p95 {f['p95']:>7.0f} ms  max {f['max']:>7.0f} ms"
        f"  {f['rps']:>7.1f} req/s  {int(f['requests']):>6} requests  {int(f['errors'])} errors"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=Path("cakupan-data"))
    parser.add_argument("--people", type=int, default=1_120_000)
    parser.add_argument("--seconds", type=int, default=20)
    args = parser.parse_args()
    data = args.data_dir
    if not (data / "published" / "CURRENT").exists():
        print(f"building a demo of {args.people:,} people in {data} …", flush=True)
        subprocess.run(
            [sys.executable, "-c", CLI, "demo", "--no-serve", "--people", str(args.people),
             "--data-dir", str(data)],
            check=True,
        )  # fmt: skip
    work = Path(tempfile.mkdtemp())
    server_err = (work / "server.err").open("w")  # a crash's stacks (faulthandler) land here
    port = free_port()
    host = f"http://127.0.0.1:{port}"
    env = dict(os.environ, CAKUPAN_DATA_DIR=str(data), PORT=str(port))
    server = subprocess.Popen(
        [sys.executable, "-c", CLI, "serve", "--data-dir", str(data), "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=server_err,
    )  # fmt: skip
    # The floor: a static file as large as the dashboard page, served by the same server.
    static = Path(cakupan_web.__file__).parent / "static" / "cakupan" / "bench-floor.html"
    static_list = static.with_name("bench-floor-list.html")
    try:
        wait_for(host + "/")
        with urllib.request.urlopen(host + "/") as response:
            size = len(response.read())
        static.write_bytes(b"x" * size)
        worklist, login, list_size = operator_page(host, data, env)
        static_list.write_bytes(b"x" * list_size)
        server.send_signal(signal.SIGTERM)  # restart: WhiteNoise lists static files at start
        server.wait(timeout=60)
        server = subprocess.Popen(server.args, env=env, stdout=subprocess.DEVNULL,
                                  stderr=server_err)  # fmt: skip
        wait_for(host + "/static/cakupan/bench-floor.html")
        print(f"dashboard page {size:,} bytes; static floor the same size; {args.seconds} s runs")
        for users in (1, 20, 50):
            floor = load(host, "/static/cakupan/bench-floor.html", users, args.seconds, work)
            page = load(host, "/", users, args.seconds, work)
            print(line(f"static file, {users} users", floor))
            print(line(f"dashboard, {users} users", page))
            print(
                f"{'':<34} dashboard p95 / static p95 = {page['p95'] / max(floor['p95'], 1):.1f}x"
            )
        print(f"desa work list page {list_size:,} bytes (signed in as a desa operator)")
        for users in (1, 20):
            floor = load(host, "/static/cakupan/bench-floor-list.html", users, args.seconds, work)
            page = load(host, worklist, users, args.seconds, work, login=login)
            print(line(f"static file, {users} users", floor))
            print(line(f"desa work list, {users} users", page))
            print(
                f"{'':<34} work list p95 / static p95 = {page['p95'] / max(floor['p95'], 1):.1f}x"
            )
        # 20 users while a full participant import runs beside the server.
        extract = work / "peserta_baru.csv"
        source = data / "demo-files" / "peserta_bpjstk.csv"
        extract.write_text(
            source.read_text(encoding="utf-8").replace("NON AKTIF", "AKTIF"), encoding="utf-8"
        )
        copy = work / "data"
        shutil.copytree(data, copy, ignore=shutil.ignore_patterns("demo-files", "*.log"))
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        env["CAKUPAN_DATA_DIR"] = str(copy)
        server = subprocess.Popen(
            [sys.executable, "-c", CLI, "serve", "--data-dir", str(copy), "--port", str(port)],
            env=env, stdout=subprocess.DEVNULL, stderr=server_err,
        )  # fmt: skip
        wait_for(host + "/")
        started = time.perf_counter()
        importing = subprocess.Popen(
            [sys.executable, "-c", CLI, "import", "participants", str(extract),
             "--as-of", "2023-06-30", "--data-dir", str(copy)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        during = load(host, "/", 20, 3600, work, until=importing)
        _, err = importing.communicate()
        took = time.perf_counter() - started
        if importing.returncode != 0:
            raise SystemExit(f"the import failed: {err}")
        print(line("dashboard, 20 users, during import", during))
        print(f"{'':<34} the whole import ({took:.0f} s) ran under this load")
    finally:
        static.unlink(missing_ok=True)
        static_list.unlink(missing_ok=True)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        server_err.close()
        crashed = [x for x in (work / "server.err").read_text().splitlines() if "Fatal" in x]
        if crashed:
            print("THE SERVER CRASHED:", *crashed[:3], f"(stacks in {work / 'server.err'})")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
