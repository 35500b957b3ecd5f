//! SFTP hosts, on russh + russh-sftp (opendal's SFTP shells out to `ssh` and has no password
//! login). One SSH session carries the parallel transfers; it is opened on first use and again
//! after it breaks. Host keys are pinned in Masthead's own known_hosts file (`host_keys`): the
//! first connection pins the key (its fingerprint is shown), any other key is refused.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use opendal::ErrorKind;
use russh::client::{self, Handle};
use russh::keys::{PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh_sftp::client::SftpSession;
use russh_sftp::protocol::{OpenFlags, StatusCode};
use tokio::io::AsyncWriteExt;

/// Where to connect and as whom.
#[derive(Clone, Debug)]
pub(crate) struct SftpConfig {
    pub(crate) host: String,
    pub(crate) port: u16,
    pub(crate) root: String,
    pub(crate) user: String,
    /// A private key file; the secret is then its passphrase (if any).
    pub(crate) key_file: Option<PathBuf>,
    pub(crate) secret: Option<String>,
    pub(crate) known_hosts: PathBuf,
}

struct Session {
    sftp: SftpSession,
    _ssh: Handle<Checker>,
}

/// A lazily connected SFTP host.
pub(crate) struct Sftp {
    cfg: SftpConfig,
    session: tokio::sync::Mutex<Option<Arc<Session>>>,
    made: Mutex<HashSet<String>>,
    /// The fingerprint of a host key learnt by this connection (first use).
    pub(crate) learnt: Arc<Mutex<Option<String>>>,
}

struct Checker {
    host: String,
    port: u16,
    known_hosts: PathBuf,
    learnt: Arc<Mutex<Option<String>>>,
    changed: Arc<Mutex<bool>>,
    /// Why the pinned keys could not be checked or recorded.
    unusable: Arc<Mutex<Option<String>>>,
}

impl client::Handler for Checker {
    type Error = russh::Error;

    async fn check_server_key(&mut self, key: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        use crate::host_keys::{Pin, check};
        // Certificates would need a trusted CA configured: not supported.
        let PublicKeyOrCertificate::PublicKey { key, .. } = key else { return Ok(false) };
        match check(&self.host, self.port, key, &self.known_hosts) {
            Pin::Known => Ok(true),
            Pin::Learnt(fingerprint) => {
                *self.learnt.lock().expect("not poisoned") = Some(fingerprint);
                Ok(true)
            }
            Pin::Changed => {
                *self.changed.lock().expect("not poisoned") = true;
                Ok(false)
            }
            Pin::Unusable(why) => {
                *self.unusable.lock().expect("not poisoned") = Some(why);
                Ok(false)
            }
        }
    }
}

fn err(kind: ErrorKind, message: impl Into<String>) -> opendal::Error {
    opendal::Error::new(kind, message.into())
}

fn sftp_err(e: russh_sftp::client::error::Error) -> opendal::Error {
    use russh_sftp::client::error::Error;
    match &e {
        Error::Status(s) if s.status_code == StatusCode::NoSuchFile => err(ErrorKind::NotFound, e.to_string()),
        Error::Status(s) if s.status_code == StatusCode::PermissionDenied => {
            err(ErrorKind::PermissionDenied, e.to_string())
        }
        Error::Status(_) => err(ErrorKind::Unexpected, e.to_string()),
        _ => err(ErrorKind::Unexpected, e.to_string()).set_temporary(),
    }
}

impl Sftp {
    pub(crate) fn new(cfg: SftpConfig) -> Sftp {
        Sftp { cfg, session: Default::default(), made: Default::default(), learnt: Default::default() }
    }

    async fn connect(&self) -> opendal::Result<Session> {
        let c = &self.cfg;
        let changed = Arc::new(Mutex::new(false));
        let unusable = Arc::new(Mutex::new(None));
        let checker = Checker {
            host: c.host.clone(),
            port: c.port,
            known_hosts: c.known_hosts.clone(),
            learnt: self.learnt.clone(),
            changed: changed.clone(),
            unusable: unusable.clone(),
        };
        let config = client::Config { inactivity_timeout: Some(Duration::from_secs(120)), ..Default::default() };
        let connected = client::connect(Arc::new(config), (c.host.as_str(), c.port), checker).await;
        if *changed.lock().expect("not poisoned") {
            return Err(err(
                ErrorKind::PermissionDenied,
                format!(
                    "the host's key is not the one it had before: someone may be impersonating it. If the host really changed its key, remove the line for {} from {}",
                    c.host,
                    c.known_hosts.display()
                ),
            ));
        }
        if let Some(why) = unusable.lock().expect("not poisoned").take() {
            return Err(err(
                ErrorKind::PermissionDenied,
                format!(
                    "the host's key cannot be checked against the keys Masthead pinned: {why}. Fix or remove that file"
                ),
            ));
        }
        let mut ssh = connected.map_err(|e| err(ErrorKind::Unexpected, e.to_string()).set_temporary())?;
        let auth = match &c.key_file {
            Some(file) => {
                let key = russh::keys::load_secret_key(file, c.secret.as_deref()).map_err(|e| {
                    err(ErrorKind::ConfigInvalid, format!("the key {} cannot be used: {e}", file.display()))
                })?;
                let hash = ssh.best_supported_rsa_hash().await.ok().flatten().flatten();
                ssh.authenticate_publickey(&c.user, PrivateKeyWithHashAlg::new(Arc::new(key), hash)).await
            }
            None => ssh.authenticate_password(&c.user, c.secret.clone().unwrap_or_default()).await,
        };
        let ok = auth.map_err(|e| err(ErrorKind::Unexpected, e.to_string()).set_temporary())?.success();
        if !ok {
            return Err(err(ErrorKind::PermissionDenied, format!("the host refused the login of {}", c.user)));
        }
        let channel = ssh.channel_open_session().await.map_err(|e| err(ErrorKind::Unexpected, e.to_string()))?;
        channel.request_subsystem(true, "sftp").await.map_err(|e| err(ErrorKind::Unexpected, e.to_string()))?;
        let sftp = SftpSession::new(channel.into_stream()).await.map_err(sftp_err)?;
        Ok(Session { sftp, _ssh: ssh })
    }

    /// The open session, opened now if needed.
    async fn session(&self) -> opendal::Result<Arc<Session>> {
        let mut slot = self.session.lock().await;
        if let Some(s) = slot.as_ref() {
            return Ok(s.clone());
        }
        let s = Arc::new(self.connect().await?);
        *slot = Some(s.clone());
        Ok(s)
    }

    /// Runs an operation; a broken session is dropped so that a retry opens a new one.
    async fn run<T, F, Fut>(&self, f: F) -> opendal::Result<T>
    where
        F: FnOnce(Arc<Session>) -> Fut,
        Fut: std::future::Future<Output = opendal::Result<T>>,
    {
        let session = self.session().await?;
        let result = f(session).await;
        if result.as_ref().is_err_and(|e| e.is_temporary()) {
            *self.session.lock().await = None;
        }
        result
    }

    /// The path of a file on the server: `path` under the root. A path that could leave the
    /// root (`..`, absolute, a backslash …) is refused here too, whatever the caller checked.
    fn full(&self, path: &str) -> opendal::Result<String> {
        crate::paths::allowed_on_host(path).map_err(|e| err(ErrorKind::Unsupported, e.to_string()))?;
        Ok(format!("{}{path}", self.cfg.root))
    }

    pub(crate) async fn read(&self, path: &str) -> opendal::Result<Vec<u8>> {
        let full = self.full(path)?;
        self.run(|s| async move { s.sftp.read(full).await.map_err(sftp_err) }).await
    }

    pub(crate) async fn size(&self, path: &str) -> opendal::Result<u64> {
        let full = self.full(path)?;
        self.run(|s| async move { Ok(s.sftp.metadata(full).await.map_err(sftp_err)?.len()) }).await
    }

    pub(crate) async fn write(&self, path: &str, bytes: &[u8]) -> opendal::Result<()> {
        let full = self.full(path)?;
        self.run(|s| async move {
            // Each missing folder once (creating an existing one fails without saying why).
            let parent = full.rsplit_once('/').map_or("", |(parent, _)| parent);
            let mut dir = String::new();
            for part in parent.split('/') {
                dir.push_str(part);
                dir.push('/');
                if dir == "/" || self.made.lock().expect("not poisoned").contains(&dir) {
                    continue;
                }
                if !s.sftp.try_exists(dir.clone()).await.map_err(sftp_err)? {
                    let _ = s.sftp.create_dir(dir.clone()).await;
                }
                self.made.lock().expect("not poisoned").insert(dir.clone());
            }
            let flags = OpenFlags::CREATE | OpenFlags::TRUNCATE | OpenFlags::WRITE;
            let mut file = s.sftp.open_with_flags(full, flags).await.map_err(sftp_err)?;
            let io = |e: std::io::Error| err(ErrorKind::Unexpected, e.to_string()).set_temporary();
            file.write_all(bytes).await.map_err(io)?;
            file.shutdown().await.map_err(io)?;
            Ok(())
        })
        .await
    }

    pub(crate) async fn delete(&self, path: &str) -> opendal::Result<()> {
        let full = self.full(path)?;
        self.run(|s| async move { s.sftp.remove_file(full).await.map_err(sftp_err) }).await
    }

    /// The names directly inside the folder `dir` (relative to the root); none when it is missing.
    pub(crate) async fn list_dir(&self, dir: &str) -> opendal::Result<Vec<String>> {
        let full = self.full(dir)?;
        self.run(|s| async move {
            match s.sftp.read_dir(full).await {
                Ok(entries) => Ok(entries.map(|e| e.file_name()).collect()),
                Err(e) => {
                    let e = sftp_err(e);
                    if e.kind() == ErrorKind::NotFound { Ok(vec![]) } else { Err(e) }
                }
            }
        })
        .await
    }

    /// Every file under the root: path relative to it, and size.
    pub(crate) async fn list(&self) -> opendal::Result<Vec<(String, u64)>> {
        self.run(|s| async move {
            let mut files = Vec::new();
            let mut dirs = vec![String::new()];
            while let Some(rel) = dirs.pop() {
                // `rel` is "" or folders the server listed, each ending in `/`.
                let entries = match s.sftp.read_dir(format!("{}{rel}", self.cfg.root)).await {
                    Err(e) if rel.is_empty() && sftp_err(e.clone()).kind() == ErrorKind::NotFound => break,
                    other => other.map_err(sftp_err)?,
                };
                for e in entries {
                    let name = e.file_name();
                    if name == "." || name == ".." || name.contains(['/', '\\']) {
                        continue;
                    }
                    if e.file_type().is_dir() {
                        dirs.push(format!("{rel}{name}/"));
                    } else {
                        files.push((format!("{rel}{name}"), e.metadata().len()));
                    }
                }
            }
            Ok(files)
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_joined_onto_the_root_only_when_they_stay_under_it() {
        let sftp = Sftp::new(SftpConfig {
            host: "host.invalid".into(),
            port: 22,
            root: "/var/www/site/".into(),
            user: "ann".into(),
            key_file: None,
            secret: None,
            known_hosts: PathBuf::from("/nonexistent/known_hosts"),
        });
        assert_eq!(sftp.full("news/index.html").unwrap(), "/var/www/site/news/index.html");
        assert_eq!(sftp.full(crate::manifest::MANIFEST).unwrap(), "/var/www/site/.masthead/manifest.json");
        for bad in ["../outside.txt", "/etc/x", "a/../../b", "..\\x", "a//b", ".ssh/authorized_keys", ""] {
            let e = sftp.full(bad).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Unsupported, "{bad}");
        }
        // Refused without connecting: the host name does not even resolve.
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let e = rt.block_on(sftp.delete("../outside.txt")).unwrap_err();
        assert!(e.to_string().contains("refused"), "{e}");
    }
}
