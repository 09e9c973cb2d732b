"""Benchmark: the full population register loaded through the browser's upload page.

What a Disnaker officer gets when they upload the 1.12-million-row register (166 MB CSV)
on ``/imports/`` of a running ``cakupan serve`` (waitress, its two workers): the upload
itself, the check (every row read and validated, nothing stored: the preview and findings
page), then the import after "confirm" (read, validate, store, match, coverage, publish),
each timed from the outside as the page reports its state. Baseline, in the same run on a
copy of the same warehouse: ``cakupan import register FILE`` from the command line.

The file is the demo's register with one name changed (otherwise the importer recognises
the very same file and loads nothing: that is checked too).

Usage: .venv/bin/python benchmarks/bench_web_import.py [--data-dir DIR] [--people N]
(DIR holding a built demo is reused, e.g. after `make demo`; otherwise one is built.)
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_web import CLI, free_port, wait_for

LOGIN = ("bench_admin", "bench-rawon-setan-2026")


def changed_register(data: Path, out: Path) -> Path:
    """The demo's register with the first person's name changed."""
    source = data / "demo-files" / "register_penduduk.csv"
    with source.open("rb") as src, out.open("wb") as dst:
        dst.write(src.readline())
        first = src.readline().split(b",")
        first[2] = first[2] + b" WIDYA"
        dst.write(b",".join(first))
        shutil.copyfileobj(src, dst, 1 << 20)
    return out


def opener_for(host: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(host + "/login/").read().decode()
    fields = {"username": LOGIN[0], "password": LOGIN[1], "csrfmiddlewaretoken": _token(form)}
    opener.open(host + "/login/", data=urllib.parse.urlencode(fields).encode())
    return opener


def _token(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if found is None:
        raise SystemExit("no form on the page (signed in?)")
    return found.group(1)


def upload(opener: urllib.request.OpenerDirector, host: str, path: Path) -> str:
    """POST the file as multipart (streamed from disk); the upload page's address."""
    token = _token(opener.open(host + "/imports/").read().decode())
    boundary = uuid.uuid4().hex
    head = "".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
        for k, v in (("csrfmiddlewaretoken", token), ("source_type", "register"))
    ) + (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"'
        "\r\nContent-Type: text/csv\r\n\r\n"
    )
    tail = f"\r\n--{boundary}--\r\n".encode()
    body = head.encode() + path.read_bytes() + tail
    request = urllib.request.Request(
        host + "/imports/", data=body, method="POST",
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}",
                 "Referer": host + "/imports/"},
    )  # fmt: skip
    with opener.open(request) as response:
        return str(response.url)


def state(opener: urllib.request.OpenerDirector, url: str) -> tuple[str, str]:
    page = opener.open(url).read().decode()
    found = re.search(r'id="upload" data-state="([a-z]+)"', page)
    return (found.group(1) if found else "?"), page


def wait_until_not(opener: urllib.request.OpenerDirector, url: str, busy: str) -> tuple[str, str]:
    while True:
        now, page = state(opener, url)
        if now != busy:
            return now, page
        time.sleep(0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--people", type=int, default=1_120_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-web-import-"))
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    data = args.data_dir
    if data is None or not (data / "warehouse.duckdb").exists():
        data = work / "demo"
        subprocess.run(
            [sys.executable, "-c", CLI, "demo", "--no-serve", "--people", str(args.people),
             "--data-dir", str(data)], check=True, env=env, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    register = changed_register(data, work / "register_penduduk_baru.csv")
    size = register.stat().st_size / 2**20
    copies = {}
    for name in ("cli", "web"):
        copies[name] = work / name
        shutil.copytree(data, copies[name], ignore=shutil.ignore_patterns("demo-files"))
    # Baseline: the command line.
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-c", CLI, "import", "register", str(register), "--data-dir",
         str(copies["cli"])], check=True, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    cli_seconds = time.monotonic() - started
    # The web: a real server with its two workers.
    web = copies["web"]
    quiet = {"env": env, "capture_output": True, "text": True}
    user = [sys.executable, "-c", CLI, "user"]
    add = [*user, "add", LOGIN[0], "--role", "disnaker_admin", "--data-dir", str(web)]
    subprocess.run(add, check=True, **quiet)  # type: ignore[call-overload]
    subprocess.run(
        [*user, "set-password", LOGIN[0], "--password-stdin", "--data-dir", str(web)],
        input=LOGIN[1] + "\n",
        check=True,
        **quiet,
    )  # type: ignore[call-overload]
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", CLI, "serve", "--data-dir", str(web), "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    host = f"http://127.0.0.1:{port}"
    try:
        wait_for(host + "/login/")
        opener = opener_for(host)
        t0 = time.monotonic()
        url = upload(opener, host, register)
        t1 = time.monotonic()
        checked, page = wait_until_not(opener, url, "checking")
        t2 = time.monotonic()
        rows = re.search(r'data-rows="(\d+)"', page)
        if checked != "checked" or 'id="confirm"' not in page:
            raise SystemExit(f"the check ended {checked}, without a confirm button")
        opener.open(
            urllib.request.Request(
                url + "confirm/",
                method="POST",
                headers={"Referer": url},
                data=urllib.parse.urlencode({"csrfmiddlewaretoken": _token(page)}).encode(),
            )
        )
        t3 = time.monotonic()
        imported, page = wait_until_not(opener, url, "importing")
        t4 = time.monotonic()
        if imported != "imported":
            raise SystemExit(f"the import ended {imported}")
        # The very same file again: recognised at the check, nothing to confirm.
        again = upload(opener, host, register)
        _, page = wait_until_not(opener, again, "checking")
        same = 'id="same-file"' in page and 'id="confirm"' not in page
    finally:
        server.terminate()
        server.wait(timeout=60)
    web_import = t4 - t3
    print(f"register file: {size:,.0f} MiB, {rows.group(1) if rows else '?'} rows")
    print(f"baseline  cakupan import register (CLI)      {cli_seconds:6.1f} s")
    print(f"web       upload (HTTP POST, stored)         {t1 - t0:6.1f} s")
    print(f"web       check (every row, nothing stored)  {t2 - t1:6.1f} s")
    print(f"web       import after confirm (job)         {web_import:6.1f} s"
          f"  ({web_import / cli_seconds:.2f}× the CLI)")  # fmt: skip
    print(f"web       upload to figures published        {t4 - t0:6.1f} s (incl. the user's click)")
    print(
        f"same file uploaded again: {'recognised, nothing to import' if same else 'NOT recognised'}"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
