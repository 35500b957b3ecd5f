#!/usr/bin/env python3
"""Start a real website host on 127.0.0.1 for the publishing tests, and stop it again.

    hostctl.py serve KIND --dir DIR [--root PATH] [--port N] [--keep-root] [--ignore-stdin]
    hostctl.py check [KIND...]

KIND: webdav-nginx, webdav-wsgidav, s3, sftp-key, sftp-password, ftp, ftps, http-static.

`serve` makes everything the server needs under DIR (configs, DIR/root, logs, keys), starts the
server on a free port, waits until it really answers, then prints exactly one line of JSON on
stdout and stays in the foreground until SIGTERM/SIGINT/SIGHUP, until its stdin is closed (when
stdin is a pipe, a socket or a terminal) or until its parent process exits. It then stops every
process it started.
`check` says what is missing for the given kinds (all when none) and exits 1 if anything is.

Standard library only; any python3 runs it. The servers that come from PyPI (wsgidav, moto,
pyftpdlib) are taken from the venv that scripts/install-deps.sh makes:
${MASTHEAD_VENV:-$HOME/.cache/masthead/venv}. See README.md beside this file.
"""

import argparse
import ctypes
import datetime
import hashlib
import hmac
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

KINDS = (
    "webdav-nginx",
    "webdav-wsgidav",
    "s3",
    "sftp-key",
    "sftp-password",
    "ftp",
    "ftps",
    "http-static",
)
INSTALL_HINT = "run scripts/install-deps.sh"
NGINX = "/usr/sbin/nginx"
DAV_EXT = "/usr/lib/nginx/modules/ngx_http_dav_ext_module.so"
SSHD = "/usr/sbin/sshd"
SFTP_USER = "mhtest"
S3_BUCKET = "site"
S3_REGION = "us-east-1"
S3_KEY = "test"
S3_SECRET = "test"
READY_TIMEOUT = 60.0
FIXED_PORT = 0  # --port


class Fail(Exception):
    """A clear message for stderr; hostctl exits non-zero with it."""


def venv_dir():
    # Same rule as scripts/install-deps.sh: ${MASTHEAD_VENV:-$HOME/.cache/masthead/venv}.
    return Path(os.environ.get("MASTHEAD_VENV") or Path.home() / ".cache/masthead/venv")


def log(msg):
    print(f"hostctl: {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# prerequisites


def missing_for(kind):
    venv = venv_dir()
    missing = []

    def need_file(path, what):
        if not os.path.exists(path):
            missing.append(f"{what} is not installed ({path} not found): {INSTALL_HINT}")

    if kind in ("webdav-nginx", "http-static"):
        need_file(NGINX, "nginx")
    if kind == "webdav-nginx":
        need_file(DAV_EXT, "libnginx-mod-http-dav-ext")
    if kind == "webdav-wsgidav":
        need_file(venv / "bin/wsgidav", "wsgidav")
    if kind == "s3":
        need_file(venv / "bin/moto_server", "moto[server]")
    if kind.startswith("sftp"):
        need_file(SSHD, "openssh-server")
        if not shutil.which("ssh-keygen"):
            missing.append(f"ssh-keygen (openssh-client) is not installed: {INSTALL_HINT}")
        if os.geteuid() != 0:
            missing.append("the sftp hosts need root (they create the test user mhtest)")
    if kind in ("ftp", "ftps"):
        py = venv / "bin/python"
        mods = "pyftpdlib, OpenSSL" if kind == "ftps" else "pyftpdlib"
        ok = os.path.exists(py) and subprocess.run(
            [str(py), "-c", f"import {mods}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ).returncode == 0
        if not ok:
            missing.append(f"pyftpdlib/pyOpenSSL are not installed in {venv}: {INSTALL_HINT}")
    if kind == "ftps" and not shutil.which("openssl"):
        missing.append(f"openssl is not installed: {INSTALL_HINT}")
    return missing


# --------------------------------------------------------------------------------------------
# processes


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_libc = None


def _die_with_parent():
    # In the server, before exec: SIGTERM it if hostctl dies (even by SIGKILL).
    try:
        _libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def _proc_children():
    """pid -> [child pids] for every process on the machine."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                data = f.read()
            ppid = int(data[data.rindex(b")") + 2 :].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    return children


def _alive(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
        return data[data.rindex(b")") + 2 :][:1] != b"Z"
    except (OSError, ValueError):
        return False


class Server:
    """A server process in its own session; stop() ends it and every descendant."""

    def __init__(self, name, argv, logfile, env=None, cwd=None):
        self.name = name
        self.argv = [str(a) for a in argv]
        self.logfile = Path(logfile)
        self.env = env
        self.cwd = cwd
        self.proc = None

    def start(self):
        global _libc
        if _libc is None:
            try:
                _libc = ctypes.CDLL(None, use_errno=True)
            except OSError:
                _libc = False
        out = open(self.logfile, "ab")
        try:
            self.proc = subprocess.Popen(
                self.argv,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=self.env,
                cwd=self.cwd,
                start_new_session=True,
                preexec_fn=_die_with_parent if _libc else None,
            )
        except OSError as e:
            raise Fail(f"cannot start {self.name} ({self.argv[0]}): {e}") from e
        finally:
            out.close()
        return self

    @property
    def pid(self):
        return self.proc.pid

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def log_tail(self, lines=25):
        try:
            text = self.logfile.read_text(errors="replace").splitlines()
        except OSError:
            return ""
        return "\n".join(text[-lines:])

    def stop(self, grace=5.0):
        if self.proc is None:
            return
        # Snapshot the whole tree first: sshd's per-connection children leave the session
        # (setsid), and orphans are re-parented once their parent is gone.
        tree = []
        children = _proc_children()
        todo = [self.proc.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo.extend(children.get(pid, []))
        self._signal_all(tree, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            self.proc.poll()
            if not any(_alive(p) for p in tree):
                break
            time.sleep(0.05)
        else:
            log(f"{self.name} did not stop within {grace:.0f} s; killing it")
            self._signal_all(tree, signal.SIGKILL)
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        self.proc = None

    def _signal_all(self, pids, sig):
        try:
            os.killpg(pids[0], sig)
        except OSError:
            pass
        for pid in pids:
            try:
                os.kill(pid, sig)
            except OSError:
                pass


def wait_ready(server, probe, timeout=READY_TIMEOUT):
    """Poll probe() until it returns without raising; fail if the server exits first."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        if not server.running():
            raise Fail(
                f"{server.name} exited with status {server.proc.returncode} before it was ready;"
                f" its log ({server.logfile}):\n{server.log_tail()}"
            )
        try:
            probe()
            return
        except Exception as e:  # noqa: BLE001 - anything means "not yet"
            last = e
        if time.monotonic() > deadline:
            raise Fail(
                f"{server.name} did not answer within {timeout:.0f} s (last error: {last});"
                f" its log ({server.logfile}):\n{server.log_tail()}"
            )
        time.sleep(0.1)


def start_on_free_port(make_server, probe_for, attempts=4):
    """make_server(port) -> Server; retried on a new port if the server dies early (a port
    taken between free_port() and the server's bind). With --port N, only port N is tried."""
    if FIXED_PORT:
        attempts = 1
    for attempt in range(attempts):
        port = FIXED_PORT or free_port()
        server = make_server(port).start()
        try:
            wait_ready(server, probe_for(port))
            return server, port
        except Fail:
            died = not server.running()
            server.stop()
            if died and attempt + 1 < attempts:
                log(f"{server.name} did not start on port {port}; trying another port")
                continue
            raise
    raise AssertionError("unreachable")


def banner_probe(port, prefix):
    def probe():
        with socket.create_connection(("127.0.0.1", port), timeout=3) as s:
            s.settimeout(3)
            data = s.recv(256)
            if not data.startswith(prefix):
                raise RuntimeError(f"unexpected greeting {data[:60]!r}")

    return probe


def http_probe(port, method="OPTIONS", path="/"):
    def probe():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=3)
        try:
            conn.request(method, path)
            resp = conn.getresponse()
            resp.read()
            if resp.status >= 500:
                raise RuntimeError(f"{method} {path} -> {resp.status}")
        finally:
            conn.close()

    return probe


# --------------------------------------------------------------------------------------------
# S3 requests signed with SigV4, standard library only (also used by selftest.sh)


def s3_request(
    method,
    endpoint,
    path,
    body=b"",
    headers=None,
    query=None,
    access=S3_KEY,
    secret=S3_SECRET,
    region=S3_REGION,
):
    """One path-style S3 request; returns (status, headers dict, body bytes)."""
    u = urllib.parse.urlsplit(endpoint)
    host = u.netloc
    now = datetime.datetime.now(datetime.timezone.utc)
    amzdate = now.strftime("%Y%m%dT%H%M%SZ")
    date = now.strftime("%Y%m%d")
    payload_hash = hashlib.sha256(body).hexdigest()
    hdrs = {k.lower(): str(v) for k, v in (headers or {}).items()}
    hdrs.update({"host": host, "x-amz-content-sha256": payload_hash, "x-amz-date": amzdate})
    signed = sorted(hdrs)
    canonical_headers = "".join(f"{k}:{' '.join(hdrs[k].split())}\n" for k in signed)
    q = sorted((query or {}).items())
    canonical_query = "&".join(
        f"{urllib.parse.quote(str(k), safe='-_.~')}={urllib.parse.quote(str(v), safe='-_.~')}"
        for k, v in q
    )
    canonical_path = urllib.parse.quote(path, safe="/-_.~")
    canonical_request = "\n".join(
        [method, canonical_path, canonical_query, canonical_headers, ";".join(signed), payload_hash]
    )
    scope = f"{date}/{region}/s3/aws4_request"
    to_sign = "\n".join(
        ["AWS4-HMAC-SHA256", amzdate, scope, hashlib.sha256(canonical_request.encode()).hexdigest()]
    )
    key = ("AWS4" + secret).encode()
    for part in (date, region, "s3", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    hdrs["authorization"] = (
        f"AWS4-HMAC-SHA256 Credential={access}/{scope}, "
        f"SignedHeaders={';'.join(signed)}, Signature={signature}"
    )
    conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=30)
    try:
        target = canonical_path + (f"?{canonical_query}" if canonical_query else "")
        conn.request(method, target, body=body or None, headers=hdrs)
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


# --------------------------------------------------------------------------------------------
# kinds


def write(path, text, mode=0o644):
    path = Path(path)
    path.write_text(text)
    os.chmod(path, mode)
    return path


def nginx_conf(d, port, root, dav):
    tmp = d / "tmp"
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / sub).mkdir(parents=True, exist_ok=True)
    lines = []
    if dav:
        lines.append(f"load_module {DAV_EXT};")
    if os.geteuid() == 0:
        # Started as root the worker would run as nobody, which cannot reach a DIR under a
        # private temporary folder nor delete what the test wrote there; run it as root.
        lines.append("user root root;")
    lines += [
        "worker_processes 1;",
        "daemon off;",
        "master_process on;",
        f"pid {d}/nginx.pid;",
        f"error_log {d}/error.log info;",
        "events { worker_connections 512; }",
        "http {",
        "  include /etc/nginx/mime.types;",
        "  default_type application/octet-stream;",
        "  log_format mh '$remote_addr [$time_local] \"$request\" $status $body_bytes_sent"
        " rt=$request_time';",
        f"  access_log {d}/access.log mh;",
        f"  client_body_temp_path {tmp}/body;",
        f"  proxy_temp_path {tmp}/proxy;",
        f"  fastcgi_temp_path {tmp}/fastcgi;",
        f"  uwsgi_temp_path {tmp}/uwsgi;",
        f"  scgi_temp_path {tmp}/scgi;",
        "  server {",
        f"    listen 127.0.0.1:{port};",
        f"    root {root};",
        "    location / {",
    ]
    if dav:
        lines += [
            "      dav_methods PUT DELETE MKCOL COPY MOVE;",
            "      dav_ext_methods PROPFIND OPTIONS;",
            "      create_full_put_path on;",
            "      dav_access user:rw group:r all:r;",
            "      client_max_body_size 0;",
        ]
    else:
        lines += ["      index index.html;"]
    lines += ["    }", "  }", "}", ""]
    return write(d / "nginx.conf", "\n".join(lines))


def serve_nginx(kind, d, args):
    if kind == "http-static":
        if not args.root:
            raise Fail("http-static needs --root PATH (the folder to serve)")
        root = Path(args.root).resolve()
        if not root.is_dir():
            raise Fail(f"--root {root} is not a folder")
    else:
        root = d / "root"
        root.mkdir(exist_ok=True)

    def make(port):
        conf = nginx_conf(d, port, root, dav=(kind == "webdav-nginx"))
        return Server(kind, [NGINX, "-e", d / "error.log", "-p", d, "-c", conf], d / "server.log")

    server, port = start_on_free_port(make, lambda p: http_probe(p, "GET", "/"), args.port_attempts)
    scheme = "webdav" if kind == "webdav-nginx" else "http"
    info = {"url": f"{scheme}://127.0.0.1:{port}/", "root": str(root), "port": port}
    info["http_url"] = f"http://127.0.0.1:{port}/"
    info["log"] = str(d / "access.log")
    return [server], info, []


def serve_wsgidav(kind, d, args):
    root = d / "root"
    root.mkdir(exist_ok=True)
    exe = venv_dir() / "bin/wsgidav"

    def make(port):
        argv = [exe, "--host", "127.0.0.1", "--port", port, "--root", root]
        argv += ["--auth", "anonymous", "--no-config"]
        return Server(kind, argv, d / "server.log", cwd=d)

    server, port = start_on_free_port(make, lambda p: http_probe(p, "OPTIONS", "/"), args.port_attempts)
    info = {"url": f"webdav://127.0.0.1:{port}/", "root": str(root), "port": port}
    info["http_url"] = f"http://127.0.0.1:{port}/"
    info["log"] = str(d / "server.log")
    return [server], info, []


def serve_s3(kind, d, args):
    exe = venv_dir() / "bin/moto_server"
    env = dict(os.environ)
    env.setdefault("AWS_ACCESS_KEY_ID", S3_KEY)
    env.setdefault("AWS_SECRET_ACCESS_KEY", S3_SECRET)
    env.setdefault("AWS_DEFAULT_REGION", S3_REGION)

    def make(port):
        return Server(kind, [exe, "-H", "127.0.0.1", "-p", port], d / "server.log", env=env, cwd=d)

    def probe_for(port):
        endpoint = f"http://127.0.0.1:{port}"

        def probe():
            status, _, body = s3_request("PUT", endpoint, f"/{S3_BUCKET}")
            if status != 200:
                raise RuntimeError(f"create bucket -> {status} {body[:200]!r}")

        return probe

    server, port = start_on_free_port(make, probe_for, args.port_attempts)
    endpoint = f"http://127.0.0.1:{port}"
    info = {
        "url": f"s3://{S3_BUCKET}/?endpoint={endpoint}&region={S3_REGION}&path_style=true",
        "endpoint": endpoint,
        "bucket": S3_BUCKET,
        "region": S3_REGION,
        "user": S3_KEY,
        "secret": S3_SECRET,
        "port": port,
        "log": str(d / "server.log"),
    }
    return [server], info, []


def run(argv, **kw):
    r = subprocess.run([str(a) for a in argv], capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise Fail(f"{' '.join(map(str, argv))} failed ({r.returncode}): {r.stderr.strip()}")
    return r.stdout


def retry(fn, tries=20):
    # useradd/chpasswd fail while another hostctl holds the lock on /etc/passwd or /etc/shadow.
    for i in range(tries):
        try:
            return fn()
        except Fail:
            if i + 1 == tries:
                raise
            time.sleep(0.25)


def shadow_hash(user):
    with open("/etc/shadow") as f:
        for line in f:
            parts = line.split(":")
            if parts[0] == user:
                return parts[1]
    return None


def ensure_sftp_user():
    import pwd

    try:
        pwd.getpwnam(SFTP_USER)
    except KeyError:
        nologin = "/usr/sbin/nologin" if os.path.exists("/usr/sbin/nologin") else "/bin/false"

        def add():
            try:
                pwd.getpwnam(SFTP_USER)
                return
            except KeyError:
                pass
            run(["useradd", "-m", "-s", nologin, SFTP_USER])

        retry(add)
    h = shadow_hash(SFTP_USER)
    if h is not None and h.startswith("!"):
        # A locked account is refused by sshd with UsePAM no; '*' = no password, not locked.
        retry(lambda: run(["usermod", "-p", "*", SFTP_USER]))
    return pwd.getpwnam(SFTP_USER)


def sftp_password():
    """One random password per machine, kept in a root-only file, so that several
    sftp-password hosts can run side by side with the same account."""
    store = venv_dir().parent / "hosts" / "sftp-password"
    store.parent.mkdir(parents=True, exist_ok=True)
    if not store.exists():
        tmp = store.with_name(f".sftp-password.{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write("mh-" + secrets.token_hex(12) + "\n")
        try:
            os.link(tmp, store)
        except FileExistsError:
            pass
        os.unlink(tmp)
    return store.read_text().strip()


def _start_time(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
        return data[data.rindex(b")") + 2 :].split()[19].decode()
    except (OSError, ValueError, IndexError):
        return None


def sftp_leftovers(home, own_tag):
    """The marker folder of the sftp hosts, after removing what earlier hosts left behind:
    their upload roots and authorized keys files, when their hostctl was killed (SIGKILL) or,
    for --keep-root, once their DIR is gone."""
    markers = home / ".masthead-hosts"
    markers.mkdir(mode=0o700, exist_ok=True)
    for marker in markers.glob("*.owner"):
        tag = marker.stem
        if tag == own_tag:
            continue
        try:
            m = json.loads(marker.read_text())
            if _start_time(m["pid"]) == m["start"]:
                continue  # its hostctl is still running
            if m.get("keep") and Path(m["dir"]).is_dir():
                continue
        except (OSError, ValueError, KeyError, TypeError):
            pass  # unreadable: treat as left behind
        shutil.rmtree(home / f"www-{tag}", ignore_errors=True)
        (home / f".ssh/authorized_keys_masthead_{tag}").unlink(missing_ok=True)
        marker.unlink(missing_ok=True)
    return markers


def serve_sftp(kind, d, args):
    pw = ensure_sftp_user()
    home = Path(pw.pw_dir)
    uid, gid = pw.pw_uid, pw.pw_gid
    # One upload root per DIR (so a host restarted on the same DIR has the same root).
    tag = hashlib.sha256(str(d).encode()).hexdigest()[:10]
    marker = sftp_leftovers(home, tag) / f"{tag}.owner"
    mark = {"pid": os.getpid(), "start": _start_time(os.getpid()), "dir": str(d)}
    marker.write_text(json.dumps({**mark, "keep": args.keep_root}))
    cleanup = []
    if not args.keep_root:
        cleanup.append(lambda: marker.unlink(missing_ok=True))

    ssh_dir = home / ".ssh"
    ssh_dir.mkdir(mode=0o700, exist_ok=True)
    os.chown(ssh_dir, uid, gid)
    os.chmod(ssh_dir, 0o700)

    upload_root = home / f"www-{tag}"
    upload_root.mkdir(mode=0o755, exist_ok=True)
    os.chown(upload_root, uid, gid)
    if not args.keep_root:
        cleanup.append(lambda: shutil.rmtree(upload_root, ignore_errors=True))

    # Keys already in DIR are kept, so that a host restarted on the same DIR (and --port)
    # looks like the same host to a client.
    host_key = d / "host_ed25519"
    client_key = d / "client_ed25519"
    for key in (host_key, client_key) if kind == "sftp-key" else (host_key,):
        if not (key.exists() and key.with_suffix(".pub").exists()):
            key.unlink(missing_ok=True)
            key.with_suffix(".pub").unlink(missing_ok=True)
            run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", f"masthead-{kind}", "-f", key])

    lines = [
        "ListenAddress 127.0.0.1",
        "PORT_PLACEHOLDER",
        f"HostKey {host_key}",
        f"PidFile {d}/sshd.pid",
        "UsePAM no",
        "KbdInteractiveAuthentication no",
        "PermitRootLogin no",
        "PermitEmptyPasswords no",
        f"AllowUsers {SFTP_USER}",
        "X11Forwarding no",
        "AllowTcpForwarding no",
        "AllowAgentForwarding no",
        "PermitTTY no",
        "PrintMotd no",
        "LogLevel VERBOSE",
        "MaxStartups 64:30:128",
        "MaxSessions 64",
        "Subsystem sftp internal-sftp",
        "ForceCommand internal-sftp",
    ]
    info = {"user": SFTP_USER, "root": str(upload_root)}
    if kind == "sftp-key":
        keys_name = f".ssh/authorized_keys_masthead_{tag}"
        keys = home / keys_name
        keys.write_text(client_key.with_suffix(".pub").read_text())
        os.chown(keys, uid, gid)
        os.chmod(keys, 0o600)
        if not args.keep_root:
            cleanup.append(lambda: keys.unlink(missing_ok=True))
        lines += [
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            f"AuthorizedKeysFile {keys_name}",
        ]
        info["key_file"] = str(client_key)
        info["public_key_file"] = str(client_key.with_suffix(".pub"))
    else:
        password = sftp_password()
        retry(lambda: run(["chpasswd"], input=f"{SFTP_USER}:{password}\n"))
        lines += ["PubkeyAuthentication no", "PasswordAuthentication yes", "AuthorizedKeysFile none"]
        info["password"] = password

    Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)

    def make(port):
        text = "\n".join(lines).replace("PORT_PLACEHOLDER", f"Port {port}") + "\n"
        conf = write(d / "sshd_config", text, 0o600)
        return Server(kind, [SSHD, "-D", "-e", "-f", conf], d / "server.log")

    try:
        server, port = start_on_free_port(make, lambda p: banner_probe(p, b"SSH-"), args.port_attempts)
    except BaseException:
        for fn in cleanup:
            fn()
        raise
    host_pub = host_key.with_suffix(".pub").read_text().split()
    known_hosts = write(d / "known_hosts", f"[127.0.0.1]:{port} {host_pub[0]} {host_pub[1]}\n")
    fingerprint = run(["ssh-keygen", "-l", "-E", "sha256", "-f", host_key.with_suffix(".pub")])
    info.update(
        {
            "url": f"sftp://{SFTP_USER}@127.0.0.1:{port}{upload_root}",
            "port": port,
            "known_hosts": str(known_hosts),
            "host_key": f"{host_pub[0]} {host_pub[1]}",
            "host_key_sha256": fingerprint.split()[1],
            "log": str(d / "server.log"),
        }
    )
    return [server], info, cleanup


FTP_SERVER = r'''
import argparse, logging, sys
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.servers import FTPServer

p = argparse.ArgumentParser()
p.add_argument("--port", type=int, required=True)
p.add_argument("--root", required=True)
p.add_argument("--user", required=True)
p.add_argument("--password", required=True)
p.add_argument("--cert")
p.add_argument("--key")
a = p.parse_args()
logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                    format="%(asctime)s %(levelname)s %(message)s")
auth = DummyAuthorizer()
# e=cwd l=list r=retr a=append d=delete f=rename m=mkdir w=store M=chmod T=set mtime (MFMT)
auth.add_user(a.user, a.password, a.root, perm="elradfmwMT")
if a.cert:
    from pyftpdlib.handlers import TLS_FTPHandler as Handler
    Handler.certfile = a.cert
    Handler.keyfile = a.key
    Handler.tls_control_required = True
    Handler.tls_data_required = True
else:
    from pyftpdlib.handlers import FTPHandler as Handler
Handler.authorizer = auth
Handler.banner = "masthead test ftp server ready"
server = FTPServer(("127.0.0.1", a.port), Handler)
server.max_cons = 256
server.serve_forever()
'''


def make_certs(d):
    """A small CA and a server certificate for 127.0.0.1/localhost signed by it (a self-signed
    CA certificate used as the server's own is refused by webpki/rustls)."""
    ca_key, ca_cert = d / "ca.key", d / "ca.pem"
    key, csr, cert = d / "server.key", d / "server.csr", d / "server.pem"
    if ca_cert.exists() and cert.exists() and key.exists():
        return ca_cert, cert, key
    ext = write(
        d / "server.ext",
        "basicConstraints=critical,CA:FALSE\n"
        "keyUsage=critical,digitalSignature,keyEncipherment\n"
        "extendedKeyUsage=serverAuth\n"
        "subjectAltName=IP:127.0.0.1,DNS:localhost\n",
    )
    run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
         "-nodes", "-keyout", ca_key, "-out", ca_cert, "-days", "3650",
         "-subj", "/CN=Masthead test CA",
         "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    run(["openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
         "-keyout", key, "-out", csr, "-subj", "/CN=127.0.0.1"])
    run(["openssl", "x509", "-req", "-in", csr, "-CA", ca_cert, "-CAkey", ca_key,
         "-CAcreateserial", "-out", cert, "-days", "3650", "-extfile", ext])
    os.chmod(key, 0o600)
    return ca_cert, cert, key


def serve_ftp(kind, d, args):
    root = d / "root"
    root.mkdir(exist_ok=True)
    script = write(d / "ftpserver.py", FTP_SERVER)
    user = "mhftp"
    pw_file = d / "ftp-password"  # kept, like the certificates, for a restart on the same DIR
    if not pw_file.exists():
        write(pw_file, "pw-" + secrets.token_hex(8) + "\n", 0o600)
    password = pw_file.read_text().strip()
    info = {"user": user, "password": password, "root": str(root), "tls": "none"}
    extra = []
    if kind == "ftps":
        ca_cert, cert, key = make_certs(d)
        extra = ["--cert", cert, "--key", key]
        info.update(
            {"tls": "explicit", "ca_file": str(ca_cert), "cert_file": str(cert), "key_file": str(key)}
        )

    def make(port):
        argv = [venv_dir() / "bin/python", script, "--port", port, "--root", root]
        argv += ["--user", user, "--password", password, *extra]
        return Server(kind, argv, d / "server.log", cwd=d)

    server, port = start_on_free_port(make, lambda p: banner_probe(p, b"220"), args.port_attempts)
    info.update({"url": f"ftp://127.0.0.1:{port}/", "port": port, "log": str(d / "server.log")})
    return [server], info, []


SERVE = {
    "webdav-nginx": serve_nginx,
    "http-static": serve_nginx,
    "webdav-wsgidav": serve_wsgidav,
    "s3": serve_s3,
    "sftp-key": serve_sftp,
    "sftp-password": serve_sftp,
    "ftp": serve_ftp,
    "ftps": serve_ftp,
}


# --------------------------------------------------------------------------------------------
# lifetime


def stdin_is_watchable():
    try:
        mode = os.fstat(0).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or os.isatty(0)


def watch_stdin(stop, reason):
    def loop():
        try:
            while os.read(0, 65536):
                pass
        except OSError:
            pass
        reason.setdefault("why", "stdin closed")
        stop.set()

    threading.Thread(target=loop, name="stdin-watch", daemon=True).start()


def cmd_serve(args):
    kind = args.kind
    missing = missing_for(kind)
    if missing:
        raise Fail("; ".join(missing))
    d = Path(args.dir).resolve()
    d.mkdir(parents=True, exist_ok=True)

    stop = threading.Event()
    reason = {}

    def on_signal(signum, _frame):
        reason.setdefault("why", signal.Signals(signum).name)
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, on_signal)

    servers, cleanup = [], []
    status = 0
    try:
        t0 = time.monotonic()
        servers, info, cleanup = SERVE[kind](kind, d, args)
        out = {"kind": kind, **info, "pid": os.getpid(), "server_pid": servers[0].pid}
        out["dir"] = str(d)
        log(f"{kind} ready on port {info['port']} in {time.monotonic() - t0:.1f} s")
        try:
            sys.stdout.write(json.dumps(out, separators=(",", ":")) + "\n")
            sys.stdout.flush()
        except BrokenPipeError:
            reason["why"] = "stdout closed"
            stop.set()
        if not args.ignore_stdin and stdin_is_watchable():
            watch_stdin(stop, reason)
        parent = os.getppid()
        while not stop.wait(0.25):
            if parent != 1 and os.getppid() != parent:
                reason.setdefault("why", "parent process exited")
                break
            for s in servers:
                if not s.running():
                    log(
                        f"{s.name} exited unexpectedly with status {s.proc.returncode};"
                        f" its log ({s.logfile}):\n{s.log_tail()}"
                    )
                    status = 1
                    stop.set()
        if reason:
            log(f"stopping {kind} ({reason['why']})")
    finally:
        # Ignore further signals while cleaning up, so a second Ctrl-C cannot leave servers.
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)
        for s in reversed(servers):
            s.stop()
        for fn in reversed(cleanup):
            try:
                fn()
            except Exception as e:  # noqa: BLE001
                log(f"cleanup: {e}")
    return status


def cmd_check(args):
    kinds = args.kinds or list(KINDS)
    bad = 0
    for kind in kinds:
        if kind not in KINDS:
            print(f"{kind}: unknown kind (one of {', '.join(KINDS)})")
            bad = 1
            continue
        missing = missing_for(kind)
        print(f"{kind}: " + ("ok" if not missing else "; ".join(missing)))
        bad |= bool(missing)
    return 1 if bad else 0


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve", help="start one host and keep it until told to stop")
    s.add_argument("kind", choices=KINDS)
    s.add_argument("--dir", required=True, help="folder for configs, keys, logs and root/")
    s.add_argument("--root", help="http-static: the folder to serve")
    s.add_argument(
        "--ignore-stdin",
        action="store_true",
        help="do not stop when stdin is closed (only signals stop it)",
    )
    s.add_argument(
        "--keep-root",
        action="store_true",
        help="sftp: keep the upload root (in ~mhtest) after exit, for a restart on the same DIR;"
        " it is removed by a later sftp host once DIR is gone",
    )
    s.add_argument(
        "--port",
        type=int,
        default=0,
        help="listen on this port instead of a free one (e.g. to restart a host where it was)",
    )
    s.add_argument("--port-attempts", type=int, default=4, help=argparse.SUPPRESS)
    c = sub.add_parser("check", help="say what is missing for the given kinds")
    c.add_argument("kinds", nargs="*")
    args = p.parse_args(argv)
    global FIXED_PORT
    FIXED_PORT = getattr(args, "port", 0) or 0
    try:
        return cmd_serve(args) if args.cmd == "serve" else cmd_check(args)
    except Fail as e:
        log(str(e))
        return 2


if __name__ == "__main__":
    sys.exit(main())
