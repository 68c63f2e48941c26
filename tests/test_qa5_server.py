"""QA round 5: kg serve says where it serves, answers browsers of other origins (CORS) and
plain OPTIONS requests, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request

import pytest

from tests.fixtures_extraction import seed_store


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("qa5srv") / "store"
    seed_store(path).close()
    return str(path)


def _start(store_dir, *options):
    """kg serve on --port 0 (the system picks); returns (process, base URL from its first line)."""
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", store_dir, "--port", "0", *options],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    line: list[str] = []
    t = threading.Thread(target=lambda: line.append(proc.stderr.readline()), daemon=True)
    t.start()
    t.join(60)
    assert line and line[0], "kg serve printed no startup line"
    m = re.search(r"at (http://127\.0\.0\.1:(\d+))/ ", line[0])
    assert m and int(m.group(2)) > 0 and "/sparql" in line[0], line[0]
    return proc, m.group(1)


def _request(url, method="GET", headers=None):
    req = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def _stop(proc) -> tuple[int, str]:
    proc.send_signal(signal.SIGINT)
    try:
        rc = proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    return rc, proc.stderr.read()


def test_serve_prints_its_address_answers_cors_and_stops_on_ctrl_c(store_dir):
    """kg serve printed nothing at all (uvicorn ran at log level warning), so with --port 0 the
    port was unknowable; a browser page of another origin (YASGUI, a notebook) got no CORS
    headers and its preflight a 405 whose Allow header listed PUT, DELETE and PATCH."""
    proc, base = _start(store_dir, "--cors", "*")
    try:
        ask = base + "/sparql?query=ASK%7B%7D"
        status, headers, _ = _request(ask, headers={"Origin": "https://yasgui.example"})
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
        status, headers, _ = _request(base + "/sparql", "OPTIONS", {
            "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
        assert status == 200 and "POST" in headers["Access-Control-Allow-Methods"], (status, dict(headers))
        assert "content-type" in headers["Access-Control-Allow-Headers"].lower()
        status, headers, _ = _request(base + "/sparql", "OPTIONS")
        assert status == 204 and headers["Allow"] == "GET, POST, OPTIONS"
        for method in ("PUT", "DELETE", "PATCH"):
            status, headers, _ = _request(base + "/sparql", method)
            assert status == 405 and headers["Allow"] == "GET, POST, OPTIONS", (method, status, dict(headers))
        status, headers, _ = _request(base + "/api/queries", headers={"Origin": "https://yasgui.example"})
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    finally:
        rc, err = _stop(proc)
    assert rc == 0 and "kg serve: stopped" in err and "Traceback" not in err, (rc, err)


@pytest.mark.parametrize("flags", [(), ("--cors", "none")])
def test_serve_sends_no_cors_headers_unless_asked(store_dir, flags):
    # off by default: any web page the user visits could otherwise read a store served locally
    proc, base = _start(store_dir, *flags)
    try:
        status, headers, _ = _request(base + "/sparql?query=ASK%7B%7D", headers={"Origin": "https://a.example"})
        assert status == 200 and "Access-Control-Allow-Origin" not in headers
    finally:
        _stop(proc)
