#!/usr/bin/env python3
"""Hostile load on a sitrep server on loopback (issue 14), bounded in time.

Driven by scripts/hostile-load.sh, which starts the server (the demo
example over a synthetic store) and passes its address. Python standard
library only; every loop stops by itself after --seconds.

While a well-behaved client issues one cheap indexed read every 250 ms
(`/api/events?limit=20`, `/api/events/{id}`, `/api/documents/{id}`), the
attack runs at once:
  * unread exports: many `GET /api/export?format=csv` whose answers are
    never read;
  * idle connections (nothing sent) and trickling ones (one header byte a
    second);
  * scanning clients (`q=`, `actor=`, stats, stories) in tight loops;
  * unauthenticated POSTs: one declaring `Content-Length: 100 GB` (timed:
    the answer must come within 1 s) and several 10 MiB bodies left
    incomplete.
Then every attacker stops and the server must answer normally at once.

Exits 1 when a cheap read failed or missed the p95 target, the oversized
POST was not refused within 1 s, or the server did not recover.
"""

import argparse
import json
import random
import socket
import statistics
import sys
import threading
import time
import urllib.request


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--addr", required=True, help="host:port of the server")
    p.add_argument("--seconds", type=float, default=25.0, help="length of the attack")
    p.add_argument("--p95-ms", type=float, default=500.0, help="p95 target of cheap reads")
    p.add_argument("--exports", type=int, default=300)
    p.add_argument("--idle", type=int, default=200)
    p.add_argument("--trickle", type=int, default=50)
    p.add_argument("--scanners", type=int, default=16)
    p.add_argument("--posts", type=int, default=20)
    return p.parse_args()


ARGS = parse_args()
HOST, PORT = ARGS.addr.rsplit(":", 1)
PORT = int(PORT)
STOP = threading.Event()
SOCKETS = []
SOCKETS_LOCK = threading.Lock()


def keep(sock):
    with SOCKETS_LOCK:
        SOCKETS.append(sock)


def connect(timeout=5.0):
    s = socket.create_connection((HOST, PORT), timeout=timeout)
    keep(s)
    return s


def get(path, timeout=10.0):
    """(status, seconds, body) of one GET on a fresh connection."""
    start = time.monotonic()
    req = urllib.request.Request(f"http://{HOST}:{PORT}{path}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            body = r.read()
            return r.status, time.monotonic() - start, body
    except urllib.error.HTTPError as e:
        return e.code, time.monotonic() - start, e.read()
    except Exception as e:  # connection refused, reset, timeout
        return 0, time.monotonic() - start, str(e).encode()


def raw_request(lines, body=b""):
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


# ---------------------------------------------------------------- attackers

def unread_exports():
    for _ in range(ARGS.exports):
        if STOP.is_set():
            return
        try:
            s = connect()
            s.sendall(raw_request(["GET /api/export?format=csv HTTP/1.1", f"Host: {HOST}"]))
        except OSError:
            pass
        time.sleep(0.005)


def idle_connections():
    for _ in range(ARGS.idle):
        if STOP.is_set():
            return
        try:
            connect()
        except OSError:
            pass
        time.sleep(0.005)


def trickle():
    socks = []
    for _ in range(ARGS.trickle):
        try:
            socks.append(connect())
        except OSError:
            pass
    header = raw_request(["GET /api/events HTTP/1.1", f"Host: {HOST}", "X-Slow: " + "a" * 200])
    pos = 0
    while not STOP.is_set() and pos < len(header):
        for s in socks:
            try:
                s.send(header[pos:pos + 1])
            except OSError:
                pass
        pos += 1
        STOP.wait(1.0)


SCAN_PATHS = [
    "/api/events?q=protest&limit=500",
    "/api/events?actor=gov&limit=500",
    "/api/stats",
    "/api/stories?country=KAZ",
    "/api/events?q=talks&sort=intensity&limit=500",
    "/api/alerts",
]


def scanner(seed):
    rng = random.Random(seed)
    while not STOP.is_set():
        get(rng.choice(SCAN_PATHS), timeout=15.0)


def incomplete_posts():
    for _ in range(ARGS.posts):
        if STOP.is_set():
            return
        try:
            s = connect()
            s.sendall(raw_request([
                "POST /api/documents HTTP/1.1", f"Host: {HOST}",
                "Content-Type: application/json", f"Content-Length: {10 * 1024 * 1024}",
            ]) + b"[" + b" " * (1024 * 1024))
        except OSError:
            pass


POST_100GB = {}


def oversized_post():
    """Unauthenticated POST declaring 100 GB: time to the status line."""
    start = time.monotonic()
    try:
        s = connect(timeout=5.0)
        s.sendall(raw_request([
            "POST /api/documents HTTP/1.1", f"Host: {HOST}",
            "Content-Type: application/json", "Content-Length: 100000000000",
        ]) + b"[{")
        data = s.recv(200)
        POST_100GB["seconds"] = time.monotonic() - start
        POST_100GB["status"] = data.split(b"\r\n", 1)[0].decode(errors="replace")
    except OSError as e:
        POST_100GB["seconds"] = time.monotonic() - start
        POST_100GB["status"] = f"no answer: {e}"


# ---------------------------------------------------------- the good client

def cheap_reads(ids, doc_ids, out):
    i = 0
    while not STOP.is_set():
        kind = i % 3
        if kind == 0:
            path = "/api/events?limit=20"
        elif kind == 1:
            path = f"/api/events/{ids[i % len(ids)]}"
        else:
            path = f"/api/documents/{doc_ids[i % len(doc_ids)]}"
        status, secs, _ = get(path, timeout=15.0)
        out.append((path, status, secs))
        i += 1
        STOP.wait(0.25)


def percentile(xs, q):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = min(len(xs) - 1, max(0, int(round(q * (len(xs) - 1)))))
    return xs[k]


def main():
    status, _, body = get("/api/events?limit=200")
    if status != 200:
        print(f"hostile-load: server not answering before the attack: {status} {body[:200]!r}")
        return 1
    events = json.loads(body)["events"]
    ids = [e["event_id"] for e in events]
    doc_ids = sorted({e["doc_id"] for e in events})
    total = json.loads(body).get("total")
    print(f"hostile-load: store has {total} events; attack for {ARGS.seconds:.0f} s")

    # A baseline of the good client alone.
    base = []
    for i in range(12):
        path = ["/api/events?limit=20", f"/api/events/{ids[i % len(ids)]}",
                f"/api/documents/{doc_ids[i % len(doc_ids)]}"][i % 3]
        base.append(get(path)[1])

    good = []
    threads = [threading.Thread(target=cheap_reads, args=(ids, doc_ids, good), daemon=True)]
    threads += [threading.Thread(target=f, daemon=True)
                for f in (unread_exports, idle_connections, trickle, incomplete_posts)]
    threads += [threading.Thread(target=scanner, args=(n,), daemon=True) for n in range(ARGS.scanners)]
    for t in threads:
        t.start()
    time.sleep(min(3.0, ARGS.seconds / 3))
    oversized_post()
    STOP.wait(max(0.0, ARGS.seconds - min(3.0, ARGS.seconds / 3)))
    STOP.set()
    with SOCKETS_LOCK:
        for s in SOCKETS:
            try:
                s.close()
            except OSError:
                pass
    for t in threads:
        t.join(timeout=20)

    # Recovery: the server answers normally right after.
    time.sleep(0.5)
    after = [get(p) for p in ["/healthz", "/readyz", "/api/events?limit=20",
                              f"/api/events/{ids[0]}", "/api/stats", "/api/alerts"]]
    _, _, metrics = get("/metrics")

    lat = [s for (_, st, s) in good]
    failed = [(p, st, round(s, 3)) for (p, st, s) in good if st != 200]
    p50, p95, mx = percentile(lat, 0.5), percentile(lat, 0.95), max(lat) if lat else float("nan")
    print(f"hostile-load: baseline cheap reads alone: p50 {statistics.median(base) * 1e3:.0f} ms, "
          f"max {max(base) * 1e3:.0f} ms")
    print(f"hostile-load: cheap reads under attack: {len(good)} requests, {len(failed)} not 200, "
          f"p50 {p50 * 1e3:.0f} ms, p95 {p95 * 1e3:.0f} ms, max {mx * 1e3:.0f} ms")
    print(f"hostile-load: unauthenticated POST declaring 100 GB: {POST_100GB.get('status')} "
          f"in {POST_100GB.get('seconds', float('nan')) * 1e3:.0f} ms")
    print("hostile-load: after the attack: " + ", ".join(
        f"{st} in {s * 1e3:.0f} ms" for (st, s, _) in after))
    refusals = [l for l in metrics.decode(errors="replace").splitlines()
                if l.startswith("sitrep_refusals_total")]
    print("hostile-load: refusals: " + ("; ".join(refusals) or "none"))

    ok = True
    if failed:
        print(f"hostile-load: FAIL: cheap reads not answered 200: {failed[:10]}")
        ok = False
    if not good or p95 > ARGS.p95_ms / 1e3:
        print(f"hostile-load: FAIL: cheap-read p95 {p95 * 1e3:.0f} ms over the {ARGS.p95_ms:.0f} ms target")
        ok = False
    if POST_100GB.get("seconds", 99) > 1.0 or not POST_100GB.get("status", "").startswith("HTTP/1.1 4"):
        print("hostile-load: FAIL: the 100 GB POST was not refused within 1 s")
        ok = False
    if any(st != 200 or s > 2.0 for (st, s, _) in after):
        print("hostile-load: FAIL: the server did not answer normally after the attack")
        ok = False
    print("hostile-load: " + ("ok" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
