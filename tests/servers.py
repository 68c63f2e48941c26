"""Start real SPARQL servers for tests: Virtuoso Open Source and Oxigraph's server.

Each starter returns a handle with the endpoint URLs and a ``stop()``; it raises
``pytest.skip`` with a clear reason when the server software is not installed
(Virtuoso: Debian package ``virtuoso-opensource``, installed by .ci/run; Oxigraph: the
``oxigraph`` PyPI package of the test extra).  Servers bind to 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, proc: subprocess.Popen, seconds: float, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            detail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            raise RuntimeError(f"server exited with {proc.returncode}: {detail}")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except (urllib.error.URLError, ConnectionError, socket.timeout):
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"server at {url} did not come up within {seconds:.0f} s")


@dataclass
class Server:
    proc: subprocess.Popen
    base: str
    query: str
    update: str
    gsp: str
    user: str | None = None
    password: str | None = None

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)


def start_virtuoso(workdir: Path) -> Server:
    exe = shutil.which("virtuoso-t")
    if not exe or not VIRTUOSO_INI.exists():
        pytest.skip("Virtuoso is not installed (Debian package virtuoso-opensource; .ci/run installs it)")
    http_port, sql_port = free_port(), free_port()
    ini = VIRTUOSO_INI.read_text()
    ini = ini.replace("/var/lib/virtuoso-opensource-7/db", str(workdir))
    ini = re.sub(r"(?m)^ServerPort\s*=\s*1111\b", f"ServerPort = {sql_port}", ini)
    ini = re.sub(r"(?m)^ServerPort\s*=\s*8890\b", f"ServerPort = 127.0.0.1:{http_port}", ini)
    (workdir / "virtuoso.ini").write_text(ini)
    log = workdir / "server.log"
    proc = subprocess.Popen([exe, "-f", "-c", str(workdir / "virtuoso.ini")], cwd=workdir,
                            stdout=log.open("w"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    _wait_http(base + "/sparql?query=ASK%7B%7D", proc, 90, log)
    return Server(proc, base, base + "/sparql", base + "/sparql-auth", base + "/sparql-graph-crud-auth", "dba", "dba")


def start_oxigraph(workdir: Path) -> Server:
    exe = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(exe).exists():
        pytest.skip("Oxigraph's server is not installed (PyPI package oxigraph, in the test extra)")
    port = free_port()
    log = workdir / "oxigraph.log"
    proc = subprocess.Popen([exe, "serve", "--location", str(workdir / "db"), "--bind", f"127.0.0.1:{port}"],
                            stdout=log.open("w"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    _wait_http(base + "/query?query=ASK%7B%7D", proc, 30, log)
    return Server(proc, base, base + "/query", base + "/update", base + "/store")


@contextlib.contextmanager
def kg_serve(store_dir, *options: str):
    """Run ``kg serve STORE`` on a free loopback port; yields its base URL, stops it after."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(store_dir), "--port", str(port), *options],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D", timeout=1)
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(f"kg serve exited: {proc.stderr.read().decode(errors='replace')}")
                if time.monotonic() > deadline:
                    raise RuntimeError("kg serve did not come up within 60 s")
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
