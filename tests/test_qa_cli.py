"""QA: command-line errors a user can cause are one clear line and a non-zero exit code."""

from __future__ import annotations

import socket
import subprocess
import sys


def _kg(*args, timeout=60):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout)


def test_serve_on_a_port_in_use_is_one_clear_line(tmp_path):
    from kg.rdf.store import Store

    Store(tmp_path / "store").close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        r = _kg("serve", tmp_path / "store", "--port", port)
    assert r.returncode == 2, r.stderr
    assert f"127.0.0.1:{port}" in r.stderr and "--port" in r.stderr
    assert r.stderr.startswith("kg serve: error:") and r.stderr.count("\n") == 1, r.stderr
    r = _kg("serve", tmp_path / "store", "--port", "70000")
    assert r.returncode == 2 and "--port 70000" in r.stderr and "Traceback" not in r.stderr
