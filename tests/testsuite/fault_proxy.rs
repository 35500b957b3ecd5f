//! A TCP proxy on 127.0.0.1 that cuts connections part-way, for the team tests: it stands
//! between the CLI and a real host (nginx WebDAV) and, depending on its [`Faults`], passes
//! everything, closes some connections in both directions after a number of bytes (the
//! client's retries get through), or passes a number of bytes and then cuts everything (an
//! outage in the middle of a sync). Which connections and after how many bytes comes from a
//! seeded generator, in the order connections arrive, so a failing run replays with the same
//! seed.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

/// A running proxy; it stops accepting when dropped.
pub(crate) struct FaultProxy {
    pub(crate) addr: SocketAddr,
    state: Arc<State>,
}

/// What the proxy does to the connections from now on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Faults {
    None,
    /// Cuts a third of the new connections, each after a random number of bytes.
    Some,
    /// Passes this many bytes more (all connections together), then cuts every connection.
    OutageAfter(u64),
}

struct State {
    faults: Mutex<Faults>,
    /// Bytes passed since the faults were last set.
    passed: AtomicU64,
    stop: AtomicBool,
    /// Connections cut so far, and connections seen.
    cut: AtomicUsize,
    seen: AtomicUsize,
    rng: Mutex<u64>,
}

impl State {
    /// The byte count after which the next connection is cut, if it is to be cut.
    fn plan(&self) -> Option<u64> {
        let mut x = self.rng.lock().unwrap();
        let mut next = || {
            *x ^= *x << 13;
            *x ^= *x >> 7;
            *x ^= *x << 17;
            *x
        };
        // Both draws happen for every connection, so the sequence does not depend on the mode.
        let (cut, after) = (next() % 3 == 0, next() % 24_000);
        (cut && *self.faults.lock().unwrap() == Faults::Some).then_some(after)
    }

    /// Whether an outage has begun, counting `n` more bytes: then how many of them still pass.
    fn outage(&self, n: u64) -> Option<u64> {
        let Faults::OutageAfter(limit) = *self.faults.lock().unwrap() else { return None };
        let before = self.passed.fetch_add(n, Ordering::SeqCst);
        (before + n > limit).then(|| limit.saturating_sub(before))
    }
}

impl FaultProxy {
    /// Forwards 127.0.0.1:<new port> to `upstream`; cuts nothing until [`Self::set`].
    pub(crate) fn start(upstream: SocketAddr, seed: u64) -> FaultProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(State {
            faults: Mutex::new(Faults::None),
            passed: AtomicU64::new(0),
            stop: AtomicBool::new(false),
            cut: AtomicUsize::new(0),
            seen: AtomicUsize::new(0),
            rng: Mutex::new(seed | 1),
        });
        let shared = state.clone();
        thread::spawn(move || {
            for client in listener.incoming() {
                if shared.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(client) = client else { continue };
                shared.seen.fetch_add(1, Ordering::SeqCst);
                let plan = shared.plan();
                let Ok(server) = TcpStream::connect(upstream) else { continue };
                let state = shared.clone();
                thread::spawn(move || relay(client, server, plan, &state));
            }
        });
        FaultProxy { addr, state }
    }

    /// What to do from now on (connections already open keep their own plan).
    pub(crate) fn set(&self, faults: Faults) {
        *self.state.faults.lock().unwrap() = faults;
        self.state.passed.store(0, Ordering::SeqCst);
    }

    /// (connections cut, connections seen).
    pub(crate) fn counts(&self) -> (usize, usize) {
        (self.state.cut.load(Ordering::SeqCst), self.state.seen.load(Ordering::SeqCst))
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::SeqCst);
        // Wakes the accepting thread so it sees `stop`.
        let _ = TcpStream::connect(self.addr);
    }
}

/// Copies both ways; with a plan, closes both sockets once that many bytes went through (both
/// directions counted together), whatever is in flight; in an outage, once its bytes passed.
fn relay(client: TcpStream, server: TcpStream, plan: Option<u64>, state: &Arc<State>) {
    let budget = Arc::new(Mutex::new(plan));
    let (c, s, b, st) = (client.try_clone().unwrap(), server.try_clone().unwrap(), budget.clone(), state.clone());
    let up = thread::spawn(move || pipe(c, s, &b, &st));
    let cut_down = pipe(server, client, &budget, state);
    let cut_up = up.join().unwrap_or(false);
    if cut_down || cut_up {
        state.cut.fetch_add(1, Ordering::SeqCst);
    }
}

/// Copies one way until the end or the cut; whether it cut.
fn pipe(mut from: TcpStream, mut to: TcpStream, budget: &Mutex<Option<u64>>, state: &State) -> bool {
    let mut buf = [0u8; 4096];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        // How much of it may pass, and whether the connection is cut after that.
        let (pass, cut) = match (state.outage(n as u64), budget.lock().unwrap().as_mut()) {
            (Some(pass), _) => (pass as usize, true),
            (None, None) => (n, false),
            (None, Some(left)) if *left > n as u64 => {
                *left -= n as u64;
                (n, false)
            }
            (None, Some(left)) => (std::mem::take(left) as usize, true),
        };
        if to.write_all(&buf[..pass]).is_err() {
            break;
        }
        if cut {
            let _ = from.shutdown(Shutdown::Both);
            let _ = to.shutdown(Shutdown::Both);
            return true;
        }
    }
    let _ = to.shutdown(Shutdown::Write);
    false
}
