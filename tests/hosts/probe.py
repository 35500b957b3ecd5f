#!/usr/bin/env python3
"""Print how the HTTP test hosts (webdav-nginx, webdav-wsgidav, s3) answer the requests a
publishing client cares about, as a Markdown table: the source of the table in README.md.
Starts each host with hostctl.py and stops it. Standard library only.

    tests/hosts/probe.py [KIND...]
"""

import http.client
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True
from hostctl import s3_request  # noqa: E402

PROPFIND_ALL = b'<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:allprop/></d:propfind>'
PROPPATCH_MTIME = (
    b'<?xml version="1.0"?><d:propertyupdate xmlns:d="DAV:"><d:set><d:prop>'
    b"<d:getlastmodified>Mon, 01 Jan 2001 00:00:00 GMT</d:getlastmodified>"
    b"</d:prop></d:set></d:propertyupdate>"
)


class Host:
    def __init__(self, kind):
        self.dir = tempfile.mkdtemp(prefix=f"mh-probe-{kind}-")
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "hostctl.py"), "serve", kind, "--dir", self.dir],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(f"{kind} did not start")
        self.info = json.loads(line)

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def dav(port, method, path, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        c.close()


def probe_webdav(info):
    port, root = info["port"], Path(info["root"])
    base = f"http://127.0.0.1:{port}"
    rows = []

    def row(what, value):
        rows.append((what, str(value)))

    def s(method, path, body=None, headers=None):
        return dav(port, method, path, body, headers)

    st, h, _ = s("PUT", "/m1/m2/f.txt", b"x")
    row("PUT into a missing folder", st)
    st, _, _ = s("MKCOL", "/d1")
    row("MKCOL /d1 (no trailing slash)", st)
    st, _, _ = s("MKCOL", "/d2/")
    row("MKCOL /d2/", st)
    st, _, _ = s("MKCOL", "/d2/")
    row("MKCOL on an existing folder", st)
    st, _, _ = s("MKCOL", "/x1/x2/")
    row("MKCOL with a missing parent", st)
    s("MKCOL", "/d/")
    st, h, _ = s("PUT", "/d/a.txt", b"aaaa", {"Content-Type": "text/plain"})
    row("PUT new file", st)
    row("ETag in the PUT answer", h.get("etag", "none"))
    st, h, _ = s("PUT", "/d/a.txt", b"bbbb")
    row("PUT over an existing file", st)
    _, h1, _ = s("HEAD", "/d/a.txt")
    row("HEAD: ETag / Last-Modified", f"{h1.get('etag', 'none')} / {h1.get('last-modified', 'none')}")
    row("HEAD: Content-Type of a .txt", h1.get("content-type", "none"))
    s("PUT", "/d/a.txt", b"cccc")
    _, h2, _ = s("HEAD", "/d/a.txt")
    row("ETag changes on a same-size rewrite within the same second",
        "yes" if h1.get("etag") != h2.get("etag") else "**no**")
    st, _, body = s("PROPFIND", "/d/", PROPFIND_ALL, {"Depth": "1"})
    row("PROPFIND Depth 1", st)
    text = body.decode(errors="replace")
    for prop in ("getetag", "getlastmodified", "getcontentlength", "getcontenttype", "creationdate"):
        row(f"PROPFIND has {prop}", "yes" if f":{prop}>" in text or f"<{prop}>" in text else "no")
    st, _, _ = s("PROPFIND", "/", PROPFIND_ALL, {"Depth": "infinity"})
    row("PROPFIND Depth infinity", st)
    st, _, _ = s("PROPFIND", "/nope/", PROPFIND_ALL, {"Depth": "1"})
    row("PROPFIND on a missing path", st)
    st, _, _ = s("PUT", "/d/a.txt", b"dddd", {"If-Match": '"wrong"'})
    row("PUT with a wrong If-Match", st)
    _, h, _ = s("HEAD", "/d/a.txt")
    st, _, _ = s("PUT", "/d/a.txt", b"eeee", {"If-Match": h.get("etag", '"none"')})
    row("PUT with the right If-Match (ETag from HEAD)", st)
    st, _, _ = s("PUT", "/d/a.txt", b"ffff", {"If-None-Match": "*"})
    row("PUT with If-None-Match: * over an existing file", st)
    st, _, _ = s("PUT", "/d/new.txt", b"n", {"If-None-Match": "*"})
    row("PUT with If-None-Match: * on a new name", st)
    s("PUT", "/d/u.txt", b"u")
    st, _, _ = s("PUT", "/d/u.txt", b"v", {"If-Unmodified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})
    row("PUT over a file with an old If-Unmodified-Since", st)
    s("PUT", "/d/b.txt", b"b")
    st, _, _ = s("MOVE", "/d/b.txt", headers={"Destination": f"{base}/d/c.txt"})
    row("MOVE file to a new name", st)
    st, _, _ = s("MOVE", "/d/c.txt", headers={"Destination": f"{base}/d/a.txt", "Overwrite": "F"})
    row("MOVE onto an existing file, Overwrite: F", st)
    st, _, _ = s("MOVE", "/d/c.txt", headers={"Destination": f"{base}/d/a.txt"})
    row("MOVE onto an existing file (default Overwrite: T)", st)
    s("PUT", "/d/h.txt", b"h")
    st, _, _ = s("MOVE", "/d/h.txt", headers={"Destination": f"{base}/zz/h.txt"})
    row("MOVE into a missing folder", st)
    s("PUT", "/d/i.txt", b"i")
    st, _, _ = s("MOVE", "/d/i.txt", headers={"Destination": "/d/rel.txt"})
    row("MOVE with a path-only Destination", st)
    s("PUT", "/d/g.txt", b"g")
    st, _, _ = s("COPY", "/d/g.txt", headers={"Destination": f"{base}/d/g2.txt"})
    row("COPY file", st)
    s("MKCOL", "/e/")
    s("PUT", "/e/x.txt", b"x")
    st, _, _ = s("MOVE", "/e/", headers={"Destination": f"{base}/e2/"})
    row("MOVE a folder", st)
    st, _, body = s("PROPPATCH", "/d/g.txt", PROPPATCH_MTIME, {"Content-Type": "application/xml"})
    inner = body.decode(errors="replace").split("HTTP/1.1 ")[1][:3] if st == 207 else ""
    mtime = os.stat(root / "d/g.txt").st_mtime
    row("PROPPATCH getlastmodified (set mtime)",
        f"{st}{' (prop ' + inner + ')' if inner else ''}, mtime {'set' if mtime < 1e9 + 1e8 else 'unchanged'}")
    s("PUT", "/d/oc.txt", b"o", {"X-OC-Mtime": "978307200"})
    row("PUT with X-OC-Mtime sets mtime", "yes" if os.stat(root / "d/oc.txt").st_mtime < 1e9 + 1e8 else "no")
    st, _, _ = s("DELETE", "/d/missing.txt")
    row("DELETE a missing file", st)
    for name in ("f1", "f2"):
        s("MKCOL", f"/{name}/")
        s("PUT", f"/{name}/x.txt", b"x")
    st, _, _ = s("DELETE", "/f1")
    row("DELETE a non-empty folder without trailing slash", st)
    st, _, _ = s("DELETE", "/f2/")
    row("DELETE a non-empty folder with trailing slash", st)
    st, _, _ = s("PUT", "/d/caf%C3%A9%20%2B%20x.txt", b"u")
    names = sorted(p.name for p in (root / "d").iterdir())
    row("PUT /d/caf%C3%A9%20%2B%20x.txt → name on disk", f"{st}, {'café + x.txt' if 'café + x.txt' in names else names}")
    st, _, _ = s("LOCK", "/d/g.txt", b'<?xml version="1.0"?><d:lockinfo xmlns:d="DAV:"><d:lockscope>'
                 b"<d:exclusive/></d:lockscope><d:locktype><d:write/></d:locktype></d:lockinfo>",
                 {"Timeout": "Second-60"})
    row("LOCK", st)
    _, h, _ = s("OPTIONS", "/")
    row("OPTIONS / DAV header", h.get("dav", "none"))
    return rows


def probe_s3(info):
    e = info["endpoint"]
    rows = []

    def row(what, value):
        rows.append((what, str(value)))

    st, h, _ = s3_request("PUT", e, "/site/a.txt", b"aaaa", headers={"content-type": "text/plain",
                                                                       "x-amz-meta-mtime": "978307200"})
    row("PUT", st)
    row("ETag in the PUT answer", h.get("etag", "none"))
    st, h, _ = s3_request("HEAD", e, "/site/a.txt")
    row("HEAD: Content-Type / x-amz-meta-mtime kept",
        f"{h.get('content-type')} / {h.get('x-amz-meta-mtime', 'lost')}")
    row("HEAD: Last-Modified", h.get("last-modified"))
    st, _, _ = s3_request("PUT", e, "/site/a.txt", b"x", headers={"if-match": '"wrong"'})
    row("PUT with a wrong If-Match", st)
    st, _, _ = s3_request("PUT", e, "/site/a.txt", b"y", headers={"if-match": h.get("etag")})
    row("PUT with the right If-Match", st)
    st, _, _ = s3_request("PUT", e, "/site/a.txt", b"z", headers={"if-none-match": "*"})
    row("PUT with If-None-Match: * over an existing key", st)
    st, _, _ = s3_request("PUT", e, "/site/n.txt", b"z", headers={"if-none-match": "*"})
    row("PUT with If-None-Match: * on a new key", st)
    st, _, _ = s3_request("GET", e, "/site", query={"list-type": "2"}, secret="wrong")
    row("wrong secret key", f"{st} (accepted: moto does not check signatures)" if st == 200 else st)
    c = http.client.HTTPConnection("127.0.0.1", info["port"], timeout=10)
    c.request("GET", "/site?list-type=2")
    r = c.getresponse()
    r.read()
    row("unsigned request", r.status)
    st, h, body = s3_request("PUT", e, "/site/b.txt", headers={"x-amz-copy-source": "/site/a.txt"})
    row("CopyObject (server-side copy, for renames)", st)
    st, _, _ = s3_request("DELETE", e, "/site/missing.txt")
    row("DELETE a missing key", st)
    body = (b'<Delete><Object><Key>a.txt</Key></Object><Object><Key>b.txt</Key></Object>'
            b"<Quiet>true</Quiet></Delete>")
    import base64
    import hashlib
    md5 = base64.b64encode(hashlib.md5(body).digest()).decode()
    st, _, resp = s3_request("POST", e, "/site", body, headers={"content-md5": md5}, query={"delete": ""})
    row("DeleteObjects (POST ?delete)", st)
    st, _, body = s3_request("POST", e, "/site/mp.bin", query={"uploads": ""})
    upload_id = body.split(b"<UploadId>")[1].split(b"</UploadId>")[0].decode()
    part = b"p" * (5 * 1024 * 1024)
    st1, h1, _ = s3_request("PUT", e, "/site/mp.bin", part, query={"partNumber": "1", "uploadId": upload_id})
    st2, h2, _ = s3_request("PUT", e, "/site/mp.bin", b"end", query={"partNumber": "2", "uploadId": upload_id})
    done = ("<CompleteMultipartUpload>"
            f"<Part><PartNumber>1</PartNumber><ETag>{h1['etag']}</ETag></Part>"
            f"<Part><PartNumber>2</PartNumber><ETag>{h2['etag']}</ETag></Part>"
            "</CompleteMultipartUpload>").encode()
    st, _, _ = s3_request("POST", e, "/site/mp.bin", done, query={"uploadId": upload_id})
    _, h, _ = s3_request("HEAD", e, "/site/mp.bin")
    row("multipart upload (5 MiB + 3 B) / its ETag", f"{st} / {h.get('etag')}")
    st, _, _ = s3_request("GET", e, "/nobucket", query={"list-type": "2"})
    row("list a missing bucket", st)
    return rows


def main():
    kinds = sys.argv[1:] or ["webdav-nginx", "webdav-wsgidav", "s3"]
    results = {}
    for kind in kinds:
        host = Host(kind)
        try:
            results[kind] = probe_s3(host.info) if kind == "s3" else probe_webdav(host.info)
        finally:
            host.close()
    # Kinds with the same questions (the two WebDAV servers) share one table.
    groups = {}
    for kind, rows in results.items():
        groups.setdefault(tuple(q for q, _ in rows), []).append(kind)
    for questions, group in groups.items():
        print(f"\n| request | {' | '.join(group)} |")
        print("| --- |" + " --- |" * len(group))
        for i, q in enumerate(questions):
            print(f"| {q} | " + " | ".join(results[k][i][1] for k in group) + " |")


if __name__ == "__main__":
    main()
