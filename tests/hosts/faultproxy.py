#!/usr/bin/env python3
"""A TCP proxy on 127.0.0.1 that breaks some connections, for the publishing fault tests.

    faultproxy.py --target 127.0.0.1:PORT [--reset P] [--stall P] [--stall-seconds S]
                  [--reset-max-bytes N] [--seed N] [--port N] [--ignore-stdin]

Listens on a free port of 127.0.0.1 (or --port), prints one line of JSON
{"port": P, "pid": PID, "target": "127.0.0.1:PORT"} on stdout, and for each accepted
connection draws its fate:
  - with probability --reset: the connection forwards a random number of bytes (0 to
    --reset-max-bytes, counted over both directions), then both sides are reset
    (SO_LINGER 0, so the peers see ECONNRESET, not a clean end);
  - else with probability --stall: after a random number of bytes (same range) forwarding
    stops in both directions for --stall-seconds, then goes on faithfully;
  - otherwise the bytes are forwarded faithfully (half-closes included).
A connection that ends before its reset or stall point ends normally and is not counted as
reset or stalled. --seed makes the fates and points repeatable (given the same connection order).

Runs until SIGTERM/SIGINT/SIGHUP, until stdin is closed (when stdin is a pipe, a socket or a
terminal) or until its parent process exits; then closes everything and prints counts on stderr as
`faultproxy: {"connections":..,"resets":..,"stalls":..,...}`. Standard library only.
Loopback only: it refuses a target outside 127.0.0.0/8 and ::1.
"""

import argparse
import ipaddress
import json
import os
import random
import signal
import socket
import stat
import struct
import sys
import threading
import time

CHUNK = 16384


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.c = {
            "connections": 0,
            "planned_resets": 0,
            "resets": 0,
            "planned_stalls": 0,
            "stalls": 0,
            "upstream_errors": 0,
            "bytes_up": 0,
            "bytes_down": 0,
        }

    def add(self, key, n=1):
        with self.lock:
            self.c[key] += n


def hard_close(sock):
    """Close with SO_LINGER 0: the kernel sends RST instead of FIN. SHUT_RD first wakes a
    thread blocked in recv() on it (close() alone would not, and the RST would wait for it)."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    try:
        sock.shutdown(socket.SHUT_RD)
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass


class Conn:
    """One proxied connection: two pump threads sharing a byte count and a fate."""

    def __init__(self, proxy, client, fate, point):
        self.proxy = proxy
        self.client = client
        self.upstream = None
        self.fate = fate  # "ok", "reset" or "stall"
        self.point = point  # byte count (both directions) where the fault happens
        self.count = 0
        self.lock = threading.Lock()
        self.stall_until = 0.0
        self.broken = False
        self.done = 0

    def start(self):
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        stats = self.proxy.stats
        try:
            self.upstream = socket.create_connection(self.proxy.target, timeout=10)
            self.upstream.settimeout(None)
        except OSError as e:
            stats.add("upstream_errors")
            print(f"faultproxy: cannot reach {self.proxy.target}: {e}", file=sys.stderr, flush=True)
            hard_close(self.client)
            self.proxy.forget(self)
            return
        for s in (self.client, self.upstream):
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if self.fate == "reset" and self.point == 0:
            self._reset()
            return
        t = threading.Thread(target=self._pump, args=(self.upstream, self.client, "bytes_down"), daemon=True)
        t.start()
        self._pump(self.client, self.upstream, "bytes_up")
        t.join()
        self._close()

    def _pump(self, src, dst, counter):
        stats = self.proxy.stats
        while True:
            try:
                data = src.recv(CHUNK)
            except OSError:
                data = None
            if self.broken:
                return
            if not data:
                # Clean end (or error) of this direction: pass the half-close on.
                try:
                    dst.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                return
            cut = None
            with self.lock:
                before = self.count
                self.count += len(data)
                if self.fate != "ok" and before <= self.point < self.count:
                    cut = self.point - before
            if cut is not None and self.fate == "reset":
                try:
                    if cut:
                        dst.sendall(data[:cut])
                        stats.add(counter, cut)
                except OSError:
                    pass
                self._reset()
                return
            if cut is not None and self.fate == "stall":
                try:
                    if cut:
                        dst.sendall(data[:cut])
                        stats.add(counter, cut)
                except OSError:
                    pass
                data = data[cut:]
                with self.lock:
                    self.stall_until = time.monotonic() + self.proxy.stall_seconds
                stats.add("stalls")
            self._wait_stall()
            if self.broken:
                return
            try:
                dst.sendall(data)
            except OSError:
                try:
                    src.shutdown(socket.SHUT_RD)
                except OSError:
                    pass
                return
            stats.add(counter, len(data))

    def _wait_stall(self):
        while True:
            with self.lock:
                left = self.stall_until - time.monotonic()
            if left <= 0 or self.broken or self.proxy.stopping.is_set():
                return
            time.sleep(min(left, 0.1))

    def _reset(self):
        with self.lock:
            if self.broken:
                return
            self.broken = True
        self.proxy.stats.add("resets")
        hard_close(self.client)
        if self.upstream is not None:
            hard_close(self.upstream)
        self.proxy.forget(self)

    def _close(self):
        with self.lock:
            if self.broken:
                return
            self.broken = True
        for s in (self.client, self.upstream):
            try:
                s.close()
            except OSError:
                pass
        self.proxy.forget(self)

    def abort(self):
        with self.lock:
            self.broken = True
        hard_close(self.client)
        if self.upstream is not None:
            hard_close(self.upstream)


class Proxy:
    def __init__(self, args):
        self.target = args.target
        self.reset = args.reset
        self.stall = args.stall
        self.stall_seconds = args.stall_seconds
        self.max_bytes = args.reset_max_bytes
        self.rng = random.Random(args.seed)
        self.stats = Stats()
        self.stopping = threading.Event()
        self.conns = set()
        self.conns_lock = threading.Lock()
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", args.port))
        self.listener.listen(128)
        self.port = self.listener.getsockname()[1]

    def forget(self, conn):
        with self.conns_lock:
            self.conns.discard(conn)

    def serve(self):
        while not self.stopping.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                break
            if self.stopping.is_set():
                hard_close(client)
                break
            self.stats.add("connections")
            r = self.rng.random()
            point = self.rng.randint(0, self.max_bytes)
            if r < self.reset:
                fate = "reset"
                self.stats.add("planned_resets")
            elif r < self.reset + self.stall:
                fate = "stall"
                self.stats.add("planned_stalls")
            else:
                fate = "ok"
            conn = Conn(self, client, fate, point)
            with self.conns_lock:
                self.conns.add(conn)
            conn.start()

    def stop(self):
        self.stopping.set()
        try:
            self.listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.listener.close()
        with self.conns_lock:
            conns = list(self.conns)
        for c in conns:
            c.abort()


def parse_target(text):
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit():
        raise argparse.ArgumentTypeError("expected HOST:PORT")
    host = host.strip("[]")
    try:
        addr = ipaddress.ip_address(socket.gethostbyname(host) if host == "localhost" else host)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{host} is not an IP address") from None
    if not addr.is_loopback:
        raise argparse.ArgumentTypeError(f"{host} is not a loopback address")
    return (str(addr), int(port))


def probability(text):
    p = float(text)
    if not 0.0 <= p <= 1.0:
        raise argparse.ArgumentTypeError("a probability is between 0 and 1")
    return p


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--target", required=True, type=parse_target, help="HOST:PORT on loopback")
    ap.add_argument("--reset", type=probability, default=0.0, help="share of connections reset")
    ap.add_argument("--stall", type=probability, default=0.0, help="share of connections stalled")
    ap.add_argument("--stall-seconds", type=float, default=5.0)
    ap.add_argument("--reset-max-bytes", type=int, default=16384,
                    help="the reset/stall point is drawn from 0..N bytes (default 16384)")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--port", type=int, default=0, help="listen port (default: a free one)")
    ap.add_argument("--ignore-stdin", action="store_true")
    args = ap.parse_args(argv)
    if args.reset + args.stall > 1.0:
        ap.error("--reset + --stall must not exceed 1")

    try:
        proxy = Proxy(args)
    except OSError as e:
        print(f"faultproxy: cannot listen: {e}", file=sys.stderr)
        return 2
    stop = threading.Event()
    why = {}

    def on_signal(signum, _frame):
        why.setdefault("why", signal.Signals(signum).name)
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, on_signal)

    threading.Thread(target=proxy.serve, name="accept", daemon=True).start()
    try:
        line = {"port": proxy.port, "pid": os.getpid(), "target": f"{args.target[0]}:{args.target[1]}"}
        sys.stdout.write(json.dumps(line, separators=(",", ":")) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        stop.set()

    try:
        mode = os.fstat(0).st_mode
        watch = stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or os.isatty(0)
    except OSError:
        watch = False
    if watch and not args.ignore_stdin:
        def watch_stdin():
            try:
                while os.read(0, 65536):
                    pass
            except OSError:
                pass
            why.setdefault("why", "stdin closed")
            stop.set()

        threading.Thread(target=watch_stdin, daemon=True).start()

    parent = os.getppid()
    while not stop.wait(0.25):
        if parent != 1 and os.getppid() != parent:
            why.setdefault("why", "parent process exited")
            break
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)
    proxy.stop()
    with proxy.stats.lock:
        counts = dict(proxy.stats.c)
    print(f"faultproxy: stopping ({why.get('why', 'stop')}): {json.dumps(counts)}",
          file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
