//! A website host behind one small interface: read, write, delete and list files by path,
//! with timeouts and retries on transient errors. opendal speaks WebDAV, S3, FTP and folders.
//! Only paths of site files and Masthead's own files are read, written or deleted
//! (`allowed_on_host`): nothing outside the target's folder.

use std::time::Duration;

use std::path::Path;
use std::sync::Arc;

use opendal::{ErrorKind, HttpTransporter, Operator, services};
use opendal_http_transport_reqwest::ReqwestTransport;

use crate::endpoint::Endpoint;
use crate::error::{PublishError, Result};
use crate::paths::allowed_on_host;
use crate::sftp::{Sftp, SftpConfig};

/// How long one request may take before it counts as failed (and is retried).
const TIMEOUT: Duration = Duration::from_secs(60);
/// The slowest link a transfer is given time for (32 KiB/s, a poor mobile connection), on top
/// of [`TIMEOUT`]: a 40 MB report may take 20 minutes there, and is not cut off at 60 s.
const SLOWEST_BYTES_PER_SEC: u64 = 32 * 1024;

/// How long one attempt at sending or reading `bytes` may take.
fn time_for(bytes: u64) -> Duration {
    TIMEOUT + Duration::from_secs(bytes / SLOWEST_BYTES_PER_SEC)
}
/// Attempts per request; transient failures wait 0.2 s, 0.4 s, 0.8 s … between them.
const ATTEMPTS: u32 = 5;

#[derive(Clone)]
enum Backend {
    Dal(Operator),
    Sftp(Arc<Sftp>),
}

/// A connected host.
#[derive(Clone)]
pub struct Host {
    backend: Backend,
    /// The host refuses a write when the file changed since it was read (S3 `If-Match`).
    pub conditional: bool,
}

/// A file on the host as its listing shows it.
#[derive(Clone, Debug)]
pub struct Listed {
    pub path: String,
    pub size: u64,
}

/// The host said no to who we are (FTP 530, HTTP 401/403): trying again will not help.
fn refused(e: &opendal::Error) -> bool {
    let text = e.to_string();
    e.kind() == ErrorKind::PermissionDenied
        || ["[530]", "Authentication failed", "401 Unauthorized", "403 Forbidden", "status: 401", "status: 403"]
            .iter()
            .any(|s| text.contains(s))
}

fn host_error(what: impl Into<String>) -> impl FnOnce(opendal::Error) -> PublishError {
    let what = what.into();
    move |e| {
        let message = match e.kind() {
            _ if refused(&e) => {
                format!("the host refused the user name or password; change them with `masthead target add` ({e})")
            }
            ErrorKind::ConfigInvalid => format!("the target's settings are not usable ({e})"),
            _ => e.to_string(),
        };
        PublishError::Host { what, message }
    }
}

/// The TLS provider (ring: no C toolchain needed) and opendal's HTTP client, once per process.
fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
        opendal_http_transport_reqwest::install_default();
    });
}

impl Host {
    /// Connects to the endpoint as `user` with `secret` (password or S3 secret key).
    /// `key_file` is an SSH private key (SFTP); `known_hosts` where SSH host keys are kept.
    pub fn connect(
        endpoint: &Endpoint,
        user: Option<&str>,
        secret: Option<&str>,
        key_file: Option<&Path>,
        known_hosts: &Path,
    ) -> Result<Host> {
        install();
        let cfg = host_error("The target cannot be used");
        let op = match endpoint {
            Endpoint::File { root } => {
                std::fs::create_dir_all(root).map_err(|e| PublishError::Host {
                    what: format!("The folder {root} cannot be created"),
                    message: e.to_string(),
                })?;
                Operator::new(services::Fs::default().root(root)).map_err(cfg)?
            }
            Endpoint::Webdav { endpoint, root } => {
                let mut b = services::Webdav::default().endpoint(endpoint).root(root);
                if let Some(u) = user {
                    b = b.username(u);
                }
                if let Some(s) = secret {
                    b = b.password(s);
                }
                Operator::new(b).map_err(cfg)?
            }
            Endpoint::S3 { bucket, root, endpoint, region, virtual_host } => {
                let mut b = services::S3::default().bucket(bucket).root(root).region(region).disable_config_load();
                if let Some(e) = endpoint {
                    b = b.endpoint(e);
                }
                if *virtual_host {
                    b = b.enable_virtual_host_style();
                }
                if let Some(u) = user {
                    b = b.access_key_id(u);
                }
                if let Some(s) = secret {
                    b = b.secret_access_key(s);
                }
                Operator::new(b).map_err(cfg)?
            }
            Endpoint::Ftp { endpoint, root, .. } => {
                let mut b = services::Ftp::default().endpoint(endpoint).root(root);
                if let Some(u) = user {
                    b = b.user(u);
                }
                if let Some(s) = secret {
                    b = b.password(s);
                }
                Operator::new(b).map_err(cfg)?
            }
            Endpoint::Sftp { host, port, root } => {
                let user = user.ok_or_else(|| {
                    PublishError::Invalid("An SFTP target needs a user: sftp://user@host/path or --user.".into())
                })?;
                let cfg = SftpConfig {
                    host: host.clone(),
                    port: *port,
                    root: root.clone(),
                    user: user.to_string(),
                    key_file: key_file.map(Path::to_path_buf),
                    secret: secret.map(str::to_string),
                    known_hosts: known_hosts.to_path_buf(),
                };
                return Ok(Host { backend: Backend::Sftp(Arc::new(Sftp::new(cfg))), conditional: false });
            }
        };
        // An HTTP host gets its own client: the process-wide one keeps idle connections whose
        // tasks ran on the tokio runtime of another host (each host has its own); a host that
        // took one would wait for an answer that never comes.
        let op = if matches!(endpoint, Endpoint::Webdav { .. } | Endpoint::S3 { .. }) {
            let client = HttpTransporter::new(ReqwestTransport::new(reqwest::Client::new()));
            op.clone().with_context(op.context().with_http_transport(client))
        } else {
            op
        };
        let conditional = matches!(endpoint, Endpoint::S3 { .. });
        Ok(Host { backend: Backend::Dal(op), conditional })
    }

    /// Runs `f` with a timeout, retrying transient failures with backoff.
    async fn retry<T, F, Fut>(&self, what: &str, f: F) -> Result<T>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = opendal::Result<T>>,
    {
        self.retry_within(what, TIMEOUT, f).await
    }

    /// [`Host::retry`] with `limit` for each attempt.
    async fn retry_within<T, F, Fut>(&self, what: &str, limit: Duration, f: F) -> Result<T>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = opendal::Result<T>>,
    {
        let mut wait = Duration::from_millis(200);
        for attempt in 1..=ATTEMPTS {
            let outcome = tokio::time::timeout(limit, f()).await;
            let e = match outcome {
                Ok(Ok(v)) => return Ok(v),
                Ok(Err(e)) => e,
                Err(_) => opendal::Error::new(ErrorKind::Unexpected, format!("no answer within {} s", limit.as_secs()))
                    .set_temporary(),
            };
            // Connection resets and the like come as unexpected errors from some services.
            let transient = !refused(&e)
                && (e.is_temporary() || matches!(e.kind(), ErrorKind::Unexpected | ErrorKind::RateLimited));
            if !transient || attempt == ATTEMPTS {
                return Err(host_error(what)(e));
            }
            tracing::debug!(attempt, "{what}: {e}; retrying");
            tokio::time::sleep(wait).await;
            wait *= 2;
        }
        unreachable!("the last attempt returns")
    }

    /// The file's bytes and ETag, or `None` when there is no such file.
    pub async fn read(&self, path: &str) -> Result<Option<(Vec<u8>, Option<String>)>> {
        allowed_on_host(path)?;
        self.retry(&format!("Reading {path} from the host failed"), || async move {
            let got = match &self.backend {
                Backend::Dal(op) => match op.read(path).await {
                    Ok(buf) if self.conditional => {
                        // Only conditional writes need the ETag: one more request.
                        let etag = op.stat(path).await.ok().and_then(|m| m.etag().map(str::to_string));
                        Ok((buf.to_vec(), etag))
                    }
                    Ok(buf) => Ok((buf.to_vec(), None)),
                    Err(e) => Err(e),
                },
                Backend::Sftp(s) => s.read(path).await.map(|b| (b, None)),
            };
            match got {
                Ok(v) => Ok(Some(v)),
                Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
                Err(e) => Err(e),
            }
        })
        .await
    }

    /// Writes a file and checks that the host has all of it.
    pub async fn write(&self, path: &str, bytes: Vec<u8>) -> Result<()> {
        allowed_on_host(path)?;
        let size = bytes.len() as u64;
        let bytes = &bytes;
        self.retry_within(&format!("Sending {path} failed"), time_for(size), || async move {
            let got = match &self.backend {
                Backend::Dal(op) => {
                    op.write(path, bytes.clone()).await?;
                    op.stat(path).await?.content_length()
                }
                Backend::Sftp(s) => {
                    s.write(path, bytes).await?;
                    s.size(path).await?
                }
            };
            if got != size {
                return Err(opendal::Error::new(ErrorKind::Unexpected, format!("the host has {got} of {size} bytes"))
                    .set_temporary());
            }
            Ok(())
        })
        .await
    }

    /// Writes a file only if it is still the version with `etag` (or, for `None`, only if it
    /// does not exist). Returns false when the host had another version.
    pub async fn write_if(&self, path: &str, bytes: Vec<u8>, etag: Option<&str>) -> Result<bool> {
        allowed_on_host(path)?;
        let Backend::Dal(op) = &self.backend else {
            return Err(PublishError::Invalid("This host has no conditional writes.".into()));
        };
        let bytes = &bytes;
        self.retry(&format!("Sending {path} failed"), || async move {
            let w = op.write_with(path, bytes.clone());
            let w = match etag {
                Some(tag) => w.if_match(tag),
                None => w.if_not_exists(true),
            };
            match w.await {
                Ok(_) => Ok(true),
                Err(e) if e.kind() == ErrorKind::ConditionNotMatch => Ok(false),
                Err(e) => Err(e),
            }
        })
        .await
    }

    /// Deletes a file; a file already gone is fine.
    pub async fn delete(&self, path: &str) -> Result<()> {
        allowed_on_host(path)?;
        self.retry(&format!("Deleting {path} from the host failed"), || async move {
            let done = match &self.backend {
                Backend::Dal(op) => op.delete(path).await,
                Backend::Sftp(s) => s.delete(path).await,
            };
            match done {
                Err(e) if e.kind() != ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            }
        })
        .await
    }

    /// The names directly inside the folder `dir` (files and folders alike), in one request
    /// where [`Host::list`] walks the whole tree; none when there is no such folder.
    pub async fn list_dir(&self, dir: &str) -> Result<Vec<String>> {
        allowed_on_host(dir)?;
        let prefix = format!("{dir}/");
        let prefix = &prefix;
        let mut names: Vec<String> = self
            .retry(&format!("Listing {dir} on the host failed"), || async move {
                let entries = match &self.backend {
                    Backend::Dal(op) => match op.list(prefix).await {
                        Ok(entries) => entries
                            .into_iter()
                            .filter(|e| e.path().trim_start_matches('/') != prefix.as_str())
                            .map(|e| e.name().trim_end_matches('/').to_string())
                            .collect(),
                        Err(e) if e.kind() == ErrorKind::NotFound => vec![],
                        Err(e) => return Err(e),
                    },
                    Backend::Sftp(s) => s.list_dir(dir).await?,
                };
                Ok(entries)
            })
            .await?;
        names.retain(|n| !n.is_empty() && n != "." && n != ".." && !n.contains(['/', '\\']));
        names.sort();
        names.dedup();
        Ok(names)
    }

    /// Every file under the root, with its size.
    pub async fn list(&self) -> Result<Vec<Listed>> {
        let op = match &self.backend {
            Backend::Dal(op) => op,
            Backend::Sftp(s) => {
                let files = self.retry("Listing the files on the host failed", || s.list()).await?;
                return Ok(files.into_iter().map(|(path, size)| Listed { path, size }).collect());
            }
        };
        let entries = self
            .retry("Listing the files on the host failed", || async move {
                match op.list_with("").recursive(true).await {
                    Err(e) if e.kind() == ErrorKind::NotFound => Ok(vec![]),
                    other => other,
                }
            })
            .await?;
        let mut files = Vec::new();
        for e in entries {
            if e.metadata().is_dir() {
                continue;
            }
            let size = match e.metadata().content_length() {
                0 => op.stat(e.path()).await.map(|m| m.content_length()).unwrap_or(0),
                n => n,
            };
            files.push(Listed { path: e.path().trim_start_matches('/').to_string(), size });
        }
        Ok(files)
    }
}

impl Host {
    /// The SSH host key fingerprint learnt on first connecting (SFTP), to show the user.
    pub fn learnt_key(&self) -> Option<String> {
        match &self.backend {
            Backend::Sftp(s) => s.learnt.lock().expect("not poisoned").clone(),
            Backend::Dal(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_file_gets_the_time_a_slow_link_needs() {
        assert_eq!(time_for(10_000), TIMEOUT);
        // A 40 MB report on a 32 KiB/s link: about 20 minutes, not 60 s.
        let big = time_for(40 * 1024 * 1024);
        assert!(big >= Duration::from_secs(20 * 60) && big <= Duration::from_secs(23 * 60), "{big:?}");
    }

    #[test]
    fn paths_outside_the_folder_are_refused_before_the_host_sees_them() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("outside.txt");
        std::fs::write(&victim, "keep me").unwrap();
        std::fs::create_dir_all(dir.path().join("www/a")).unwrap();
        std::fs::write(dir.path().join("b"), "keep me too").unwrap();
        let root = format!("{}/", dir.path().join("www").display());
        let host = Host::connect(&Endpoint::File { root }, None, None, None, dir.path()).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let absolute = victim.display().to_string();
            for bad in ["../outside.txt", absolute.as_str(), "a/../../b", "..\\outside.txt", ".htaccess"] {
                let e = host.delete(bad).await.unwrap_err();
                assert!(e.to_string().contains("refused"), "{bad}: {e}");
                assert!(host.write(bad, b"x".to_vec()).await.is_err(), "{bad}");
                assert!(host.read(bad).await.is_err(), "{bad}");
            }
            host.write("a/ok.txt", b"x".to_vec()).await.unwrap();
            host.delete("a/ok.txt").await.unwrap();
        });
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
        assert_eq!(std::fs::read_to_string(dir.path().join("b")).unwrap(), "keep me too");
        assert!(!dir.path().join("www/.htaccess").exists());
    }
}
