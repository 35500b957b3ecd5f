#!/usr/bin/env bash
# Smoke test of the test hosts: starts each kind with hostctl.py, exercises it with a real
# client (curl, rclone, sftp, Python's ftplib), stops it, checks nothing is left running, and
# does the same for faultproxy.py. Prints PASS/FAIL per check; exits 1 if any failed.
#   tests/hosts/selftest.sh [CHECK...]     (default: all; see CHECKS below)
# Needs what scripts/install-deps.sh installs, and root (for the sftp hosts).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
venv=${MASTHEAD_VENV:-$HOME/.cache/masthead/venv}
PY=${PYTHON:-$venv/bin/python}
export PYTHONDONTWRITEBYTECODE=1 # no __pycache__ beside hostctl.py from `import hostctl`
[ -x "$PY" ] || PY=python3
HOSTCTL=("$PY" "$here/hostctl.py")
PROXY=("$PY" "$here/faultproxy.py")
CHECKS=(webdav-nginx webdav-wsgidav http-static s3 sftp-key sftp-password ftp ftps
  faultproxy lifetime restart)

work=$(mktemp -d "${TMPDIR:-/tmp}/mh-hosts-selftest.XXXXXX")
cleanup() {
  local pids
  pids=$(jobs -p)
  [ -n "$pids" ] && kill $pids 2>/dev/null && wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

declare -A PID FD

# start NAME CMD... — run CMD with its stdin on a FIFO held open here, wait for its JSON line
# and set NAME_KEY=value for each field (NAME_URL, NAME_PORT, NAME_ROOT, ...).
start() {
  local name=$1 fifo="$work/$1.in" out="$work/$1.out" fd pid i
  shift
  rm -f "$fifo"
  mkfifo "$fifo"
  # The child must not inherit the FIFOs of the hosts started before it, or closing one of
  # those would not reach its hostctl as EOF.
  (
    for fd in "${FD[@]}"; do eval "exec $fd>&-"; done
    exec "$@" <"$fifo" >"$out" 2>"$work/$name.err"
  ) &
  pid=$!
  exec {fd}>"$fifo"
  PID[$name]=$pid FD[$name]=$fd
  for ((i = 0; i < 900; i++)); do
    if [ -s "$out" ] && [ "$(tail -c1 "$out" | od -An -c | tr -d ' ')" = '\n' ]; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited before it was ready:" >&2
      cat "$work/$name.err" >&2
      return 1
    fi
    sleep 0.1
  done
  [ "$(wc -l <"$out")" -eq 1 ] || { echo "$name: expected exactly one line on stdout" >&2; return 1; }
  eval "$("$PY" - "$out" "$name" <<'EOF'
import json, shlex, sys
d = json.load(open(sys.argv[1]))
for k, v in d.items():
    print(f"{sys.argv[2]}_{k.upper()}={shlex.quote(str(v))}")
EOF
)"
}

# stop NAME [how] — how: eof (close its stdin, the default) or term (SIGTERM); checks that it
# exits 0 and that its server process is gone.
stop() {
  local name=$1 how=${2:-eof} pid=${PID[$1]} spid_var="${1}_SERVER_PID" i rc
  if [ "$how" = term ]; then kill -TERM "$pid"; else eval "exec ${FD[$name]}>&-"; fi
  for ((i = 0; i < 150; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ "$how" = term ]; then
    eval "exec ${FD[$name]}>&-"
    contains "$work/$name.err" "(SIGTERM)"
  fi
  if kill -0 "$pid" 2>/dev/null; then echo "$name did not stop" >&2; return 1; fi
  wait "$pid"
  rc=$?
  [ "$rc" -eq 0 ] || { echo "$name exited $rc:" >&2; cat "$work/$name.err" >&2; return 1; }
  if [ -n "${!spid_var:-}" ] && kill -0 "${!spid_var}" 2>/dev/null; then
    echo "$name left its server (pid ${!spid_var}) running" >&2
    return 1
  fi
}

expect() { # expect WANT GOT WHAT
  [ "$1" = "$2" ] || { echo "$3: expected $1, got $2" >&2; return 1; }
}

code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

# contains FILE PATTERN — grep -q that says what it missed.
contains() {
  grep -q -- "$2" "$1" || { echo "${1##*/} lacks $2:" >&2; tail -n 5 "$1" >&2; return 1; }
}

# refute CMD... — fails if CMD succeeds (`! CMD` would not stop a `set -e` check).
refute() {
  if "$@"; then echo "unexpectedly succeeded: $*" >&2; return 1; fi
  return 0
}

head -c 200000 /dev/urandom >"$work/big.bin"
printf 'hello from masthead\n' >"$work/small.txt"

check_webdav() { # KIND
  start h "${HOSTCTL[@]}" serve "$1" --dir "$work/$1"
  local u=$h_HTTP_URL
  [[ $h_URL == webdav://127.0.0.1:* ]]
  # Parents first: wsgidav (RFC 4918) answers 409 to a PUT into a missing folder.
  code -X MKCOL "${u}a/" >/dev/null
  code -X MKCOL "${u}a/b/" >/dev/null
  expect 201 "$(code -T "$work/big.bin" "${u}a/b/big.bin")" PUT
  cmp "$work/big.bin" "$h_ROOT/a/b/big.bin"
  expect 207 "$(code -X PROPFIND -H 'Depth: 1' "${u}a/b/")" PROPFIND
  curl -s -X PROPFIND -H 'Depth: 1' "${u}a/b/" | grep -q '/a/b/big.bin'
  curl -s "${u}a/b/big.bin" -o "$work/got.bin"
  cmp "$work/big.bin" "$work/got.bin"
  expect 204 "$(code -X DELETE "${u}a/b/big.bin")" DELETE
  expect 404 "$(code "${u}a/b/big.bin")" "GET after DELETE"
  stop h
}

check_http_static() {
  mkdir -p "$work/site/sub"
  printf '<!doctype html><title>t</title><p>hi</p>\n' >"$work/site/index.html"
  printf 'body{}\n' >"$work/site/sub/s.css"
  start h "${HOSTCTL[@]}" serve http-static --dir "$work/static" --root "$work/site"
  expect 200 "$(code "$h_URL")" "GET /"
  curl -s "$h_URL" | grep -q '<p>hi</p>'
  expect text/css "$(curl -s -o /dev/null -w '%{content_type}' "${h_URL}sub/s.css")" content-type
  expect 404 "$(code "${h_URL}nope.html")" "GET missing"
  expect 405 "$(code -T "$work/small.txt" "${h_URL}x.txt")" "PUT on read-only"
  stop h
}

rclone_s3_env() {
  export RCLONE_CONFIG_S3T_TYPE=s3 RCLONE_CONFIG_S3T_PROVIDER=Other
  export RCLONE_CONFIG_S3T_ACCESS_KEY_ID=$h_USER RCLONE_CONFIG_S3T_SECRET_ACCESS_KEY=$h_SECRET
  export RCLONE_CONFIG_S3T_ENDPOINT=$h_ENDPOINT RCLONE_CONFIG_S3T_REGION=$h_REGION
  export RCLONE_CONFIG_S3T_FORCE_PATH_STYLE=true RCLONE_CONFIG=/dev/null
  # Some machines set AWS_CA_BUNDLE; rclone's S3 backend fails on it with a plain-http endpoint.
  unset AWS_CA_BUNDLE
}

check_s3() {
  start h "${HOSTCTL[@]}" serve s3 --dir "$work/s3"
  [[ $h_URL == "s3://site/?endpoint=http://127.0.0.1:"*"&region=us-east-1&path_style=true" ]]
  rclone_s3_env
  rclone copyto "$work/big.bin" "s3t:$h_BUCKET/a/b/big.bin"
  rclone lsf -R "s3t:$h_BUCKET" | grep -qx 'a/b/big.bin'
  rclone cat "s3t:$h_BUCKET/a/b/big.bin" >"$work/got.bin"
  cmp "$work/big.bin" "$work/got.bin"
  # The same with hostctl's own SigV4 signing (standard library only).
  H_ENDPOINT=$h_ENDPOINT "$PY" - "$here" <<'EOF'
import os, sys
sys.path.insert(0, sys.argv[1])
from hostctl import s3_request
e = os.environ["H_ENDPOINT"]
st, hd, _ = s3_request("PUT", e, "/site/x.txt", b"x", headers={"content-type": "text/plain"})
assert st == 200 and hd.get("etag"), (st, hd)
st, _, body = s3_request("GET", e, "/site", query={"list-type": "2"})
assert st == 200 and b"<Key>x.txt</Key>" in body and b"<Key>a/b/big.bin</Key>" in body, body
st, _, _ = s3_request("PUT", e, "/site/x.txt", b"y", headers={"if-match": '"wrong"'})
assert st == 412, st
EOF
  rclone deletefile "s3t:$h_BUCKET/a/b/big.bin"
  rclone lsf -R "s3t:$h_BUCKET" >"$work/list"
  refute grep -q big.bin "$work/list"
  stop h
}

check_sftp_key() {
  start h "${HOSTCTL[@]}" serve sftp-key --dir "$work/sftpk"
  expect "sftp://mhtest@127.0.0.1:$h_PORT$h_ROOT" "$h_URL" url
  cat >"$work/batch" <<EOF
cd $h_ROOT
mkdir a
put $work/big.bin a/big.bin
rename a/big.bin a/moved.bin
get a/moved.bin $work/got.bin
EOF
  sftp -q -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$h_KNOWN_HOSTS" \
    -i "$h_KEY_FILE" -P "$h_PORT" -b "$work/batch" "$h_USER@127.0.0.1" >/dev/null
  cmp "$work/big.bin" "$work/got.bin"
  cmp "$work/big.bin" "$h_ROOT/a/moved.bin"
  expect mhtest "$(stat -c %U "$h_ROOT/a/moved.bin")" owner
  local root=$h_ROOT
  stop h
  [ ! -e "$root" ] || { echo "upload root $root left behind" >&2; return 1; }
}

check_sftp_password() {
  start h "${HOSTCTL[@]}" serve sftp-password --dir "$work/sftpp"
  export RCLONE_CONFIG=/dev/null RCLONE_CONFIG_SP_TYPE=sftp RCLONE_CONFIG_SP_HOST=127.0.0.1
  export RCLONE_CONFIG_SP_PORT=$h_PORT RCLONE_CONFIG_SP_USER=$h_USER
  export RCLONE_CONFIG_SP_KNOWN_HOSTS_FILE=$h_KNOWN_HOSTS RCLONE_CONFIG_SP_SHELL_TYPE=none
  export RCLONE_CONFIG_SP_MD5SUM_COMMAND=none RCLONE_CONFIG_SP_SHA1SUM_COMMAND=none
  RCLONE_CONFIG_SP_PASS=$(rclone obscure "$h_PASSWORD")
  export RCLONE_CONFIG_SP_PASS
  rclone copyto "$work/big.bin" "sp:$h_ROOT/a/b/big.bin"
  cmp "$work/big.bin" "$h_ROOT/a/b/big.bin"
  rclone lsf -R "sp:$h_ROOT" | grep -qx 'a/b/big.bin'
  # The key of another host must not get in: this one takes passwords only.
  refute ssh -o BatchMode=yes -o UserKnownHostsFile="$h_KNOWN_HOSTS" -o ConnectTimeout=5 \
    -p "$h_PORT" "$h_USER@127.0.0.1" true 2>/dev/null
  stop h
}

check_ftp() { # KIND
  start h "${HOSTCTL[@]}" serve "$1" --dir "$work/$1"
  expect "ftp://127.0.0.1:$h_PORT/" "$h_URL" url
  H_PORT=$h_PORT H_USER=$h_USER H_PASSWORD=$h_PASSWORD H_TLS=$h_TLS H_CA=${h_CA_FILE:-} \
    H_ROOT=$h_ROOT H_BIG="$work/big.bin" "$PY" - <<'EOF'
import ftplib, io, os, ssl
port, tls = int(os.environ["H_PORT"]), os.environ["H_TLS"] == "explicit"
big = open(os.environ["H_BIG"], "rb").read()
if tls:
    plain = ftplib.FTP()
    plain.connect("127.0.0.1", port, timeout=10)
    try:
        plain.login(os.environ["H_USER"], os.environ["H_PASSWORD"])
        raise SystemExit("plain-text login was accepted by the FTPS host")
    except ftplib.error_perm:
        pass
    plain.close()
    f = ftplib.FTP_TLS(context=ssl.create_default_context(cafile=os.environ["H_CA"]))
else:
    f = ftplib.FTP()
f.connect("127.0.0.1", port, timeout=10)
f.login(os.environ["H_USER"], os.environ["H_PASSWORD"])
if tls:
    f.prot_p()
f.mkd("a")
f.storbinary("STOR a/big.bin", io.BytesIO(big))
assert open(os.path.join(os.environ["H_ROOT"], "a/big.bin"), "rb").read() == big
f.sendcmd("MFMT 20010101000000 a/big.bin")
assert f.sendcmd("MDTM a/big.bin") == "213 20010101000000"
got = io.BytesIO()
f.retrbinary("RETR a/big.bin", got.write)
assert got.getvalue() == big
f.rename("a/big.bin", "a/moved.bin")
assert [n for n, _ in f.mlsd("a")] == ["moved.bin"]
f.delete("a/moved.bin")
f.rmd("a")
f.quit()
EOF
  stop h
}

check_faultproxy() {
  start dav "${HOSTCTL[@]}" serve webdav-nginx --dir "$work/fp-dav"
  cp "$work/big.bin" "$dav_ROOT/big.bin"
  local target=127.0.0.1:$dav_PORT
  # reset 0: faithful.
  start p "${PROXY[@]}" --target "$target" --reset 0 --seed 1
  curl -sf "http://127.0.0.1:$p_PORT/big.bin" -o "$work/got.bin"
  cmp "$work/big.bin" "$work/got.bin"
  expect 201 "$(code -T "$work/big.bin" "http://127.0.0.1:$p_PORT/up.bin")" "PUT through proxy"
  cmp "$work/big.bin" "$dav_ROOT/up.bin"
  stop p
  contains "$work/p.err" '"connections": 2, "planned_resets": 0, "resets": 0'
  # reset 1.0: every transfer of 200 kB is cut (the reset point is at most 16 kB in).
  start p "${PROXY[@]}" --target "$target" --reset 1.0 --seed 2
  local rc=0
  curl -sf "http://127.0.0.1:$p_PORT/big.bin" -o "$work/got.bin" || rc=$?
  [ "$rc" -ne 0 ] || { echo "download through a resetting proxy succeeded" >&2; return 1; }
  rc=0
  curl -sf -T "$work/big.bin" "http://127.0.0.1:$p_PORT/up2.bin" -o /dev/null || rc=$?
  [ "$rc" -ne 0 ] || { echo "upload through a resetting proxy succeeded" >&2; return 1; }
  stop p
  contains "$work/p.err" '"resets": 2'
  # stall 1.0: the transfer pauses ~2 s, then completes.
  start p "${PROXY[@]}" --target "$target" --stall 1.0 --stall-seconds 2 --reset-max-bytes 1000
  local t0=$SECONDS
  curl -sf "http://127.0.0.1:$p_PORT/big.bin" -o "$work/got.bin"
  cmp "$work/big.bin" "$work/got.bin"
  ((SECONDS - t0 >= 2)) || { echo "stalled transfer took less than 2 s" >&2; return 1; }
  stop p term
  contains "$work/p.err" '"stalls": 1'
  stop dav
}

check_lifetime() {
  # SIGTERM stops it as well as stdin EOF does.
  start a "${HOSTCTL[@]}" serve webdav-nginx --dir "$work/lt-a"
  stop a term
  # Side by side: two of a kind get separate ports and roots.
  start b "${HOSTCTL[@]}" serve sftp-key --dir "$work/lt-b"
  start c "${HOSTCTL[@]}" serve sftp-key --dir "$work/lt-c"
  [ "$b_PORT" != "$c_PORT" ]
  [ "$b_ROOT" != "$c_ROOT" ]
  echo "ls" >"$work/ls"
  sftp -q -o BatchMode=yes -o UserKnownHostsFile="$b_KNOWN_HOSTS" -i "$b_KEY_FILE" \
    -P "$b_PORT" -b "$work/ls" "$b_USER@127.0.0.1" >/dev/null
  # c's key does not open b (each host has its own authorized keys).
  refute sftp -q -o BatchMode=yes -o UserKnownHostsFile="$b_KNOWN_HOSTS" \
    -i "$c_KEY_FILE" -P "$b_PORT" -b "$work/ls" "$b_USER@127.0.0.1" >/dev/null 2>&1
  stop b
  stop c
  # SIGKILL of hostctl: its server gets SIGTERM from the kernel (PR_SET_PDEATHSIG).
  start d "${HOSTCTL[@]}" serve webdav-nginx --dir "$work/lt-d"
  kill -KILL "${PID[d]}"
  wait "${PID[d]}" 2>/dev/null || true
  eval "exec ${FD[d]}>&-"
  local i
  for ((i = 0; i < 50; i++)); do
    pgrep -g "$d_SERVER_PID" >/dev/null || break
    sleep 0.1
  done
  if pgrep -g "$d_SERVER_PID" >/dev/null; then echo "nginx outlived a killed hostctl" >&2; return 1; fi
  # Its parent dies (stdin is /dev/null here, so only the parent watch can notice).
  bash -c '"$@" </dev/null >"$0" 2>/dev/null & exec sleep 60' "$work/f.out" \
    "${HOSTCTL[@]}" serve webdav-nginx --dir "$work/lt-f" &
  local parent=$!
  for ((i = 0; i < 100; i++)); do [ -s "$work/f.out" ] && break; sleep 0.1; done
  local fpid fspid
  fpid=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["pid"])' "$work/f.out")
  fspid=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["server_pid"])' "$work/f.out")
  kill -KILL "$parent"
  wait "$parent" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do kill -0 "$fpid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$fpid" 2>/dev/null || kill -0 "$fspid" 2>/dev/null; then
    echo "hostctl or nginx outlived hostctl's parent" >&2
    return 1
  fi
  # A missing prerequisite is a clear error, not a hang.
  refute env MASTHEAD_VENV=/nonexistent "${HOSTCTL[@]}" serve s3 --dir "$work/lt-e" \
    2>"$work/e.err" </dev/null
  contains "$work/e.err" 'moto\[server\] is not installed'
}

check_restart() {
  # A host restarted on the same DIR and --port is the same host: same credentials, keys and
  # certificates, same files (moto excepted: its objects live in memory).
  start h "${HOSTCTL[@]}" serve ftps --dir "$work/rs-ftps"
  local port=$h_PORT password=$h_PASSWORD ca=$h_CA_FILE
  stop h
  start h "${HOSTCTL[@]}" serve ftps --dir "$work/rs-ftps" --port "$port"
  expect "$port/$password" "$h_PORT/$h_PASSWORD" "port/password after restart"
  H_PORT=$h_PORT H_USER=$h_USER H_PASSWORD=$h_PASSWORD H_CA=$ca "$PY" - <<'EOF'
import ftplib, os, ssl
f = ftplib.FTP_TLS(context=ssl.create_default_context(cafile=os.environ["H_CA"]))
f.connect("127.0.0.1", int(os.environ["H_PORT"]), timeout=10)
f.login(os.environ["H_USER"], os.environ["H_PASSWORD"])
f.quit()
EOF
  stop h
  start h "${HOSTCTL[@]}" serve sftp-key --dir "$work/rs-sftp" --keep-root
  port=$h_PORT
  local root=$h_ROOT known=$work/rs-known key=$work/rs-key
  cp "$h_KNOWN_HOSTS" "$known"
  cp "$h_KEY_FILE" "$key"
  printf 'put %s %s/kept.txt\n' "$work/small.txt" "$root" >"$work/rs-batch"
  sftp -q -o BatchMode=yes -o UserKnownHostsFile="$known" -i "$key" -P "$port" \
    -b "$work/rs-batch" "$h_USER@127.0.0.1" >/dev/null
  stop h
  [ -f "$root/kept.txt" ] || { echo "--keep-root did not keep $root" >&2; return 1; }
  start h "${HOSTCTL[@]}" serve sftp-key --dir "$work/rs-sftp" --port "$port"
  expect "$root" "$h_ROOT" "root after restart"
  printf 'get %s/kept.txt %s\n' "$root" "$work/rs-got" >"$work/rs-batch"
  sftp -q -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$known" \
    -i "$key" -P "$port" -b "$work/rs-batch" "$h_USER@127.0.0.1" >/dev/null
  cmp "$work/small.txt" "$work/rs-got"
  stop h
  [ ! -e "$root" ] || { echo "upload root $root left behind" >&2; return 1; }
}

run_check() {
  local name=$1 fn t0=$SECONDS
  case $name in
    webdav-nginx | webdav-wsgidav) fn=(check_webdav "$name") ;;
    ftp | ftps) fn=(check_ftp "$name") ;;
    *) fn=("check_${name//-/_}") ;;
  esac
  # Not inside `if`: there bash would ignore the `set -e` of the subshell.
  (set -e; "${fn[@]}") >"$work/$name.log" 2>&1
  if [ $? -eq 0 ]; then
    echo "PASS $name ($((SECONDS - t0)) s)"
    return 0
  fi
  echo "FAIL $name ($((SECONDS - t0)) s)"
  sed 's/^/    /' "$work/$name.log" | tail -n 30
  for f in "$work"/*.err; do
    [ -s "$f" ] && { echo "    --- ${f##*/}"; tail -n 15 "$f" | sed 's/^/    /'; }
  done
  return 1
}

passed=0 failed=0
for name in "${@:-${CHECKS[@]}}"; do
  rm -f "$work"/*.in "$work"/*.out "$work"/*.err
  run_check "$name" # not as an `if` condition, for the same reason
  if [ $? -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
