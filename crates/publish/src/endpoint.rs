//! Target URLs: which protocol, where, and whether it is safe to send a password there.

use url::Url;

use crate::error::{PublishError, Result};

/// Where a target's files go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// A local or mounted folder.
    File {
        root: String,
    },
    /// `endpoint` is `http(s)://host[:port]`; `root` the folder on it.
    Webdav {
        endpoint: String,
        root: String,
    },
    S3 {
        bucket: String,
        root: String,
        endpoint: Option<String>,
        region: String,
        virtual_host: bool,
    },
    Ftp {
        endpoint: String,
        root: String,
        tls: bool,
    },
    Sftp {
        host: String,
        port: u16,
        root: String,
    },
}

/// A parsed target URL, with the user it names (if any).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub endpoint: Endpoint,
    pub user: Option<String>,
    /// Plain HTTP or FTP to a host other than this machine.
    pub plain_remote: bool,
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn root_of(url: &Url) -> String {
    let path = percent_encoding::percent_decode_str(url.path()).decode_utf8_lossy().into_owned();
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() { "/".into() } else { format!("{trimmed}/") }
}

/// A `file://` URL's folder on this computer: on Windows `file:///C:/www` is `C:/www/` (the
/// URL's path puts a slash before the drive letter).
fn local_root(root: String, windows: bool) -> String {
    let drive = root.as_bytes();
    if windows && drive.len() >= 3 && drive[0] == b'/' && drive[1].is_ascii_alphabetic() && drive[2] == b':' {
        root[1..].to_string()
    } else {
        root
    }
}

/// Parses a target URL. The user may be in the URL or given apart; two different ones are an
/// error.
pub fn parse(text: &str, user: Option<&str>) -> Result<Parsed> {
    let bad = |why: &str| {
        PublishError::Invalid(format!(
            "`{text}` is not a target URL: {why}. Use file:///path, webdav(s)://host/path, s3://bucket/prefix?endpoint=…&region=…, sftp://user@host/path or ftp(s)://host/path."
        ))
    };
    let url = Url::parse(text.trim()).map_err(|e| bad(&e.to_string()))?;
    let in_url = (!url.username().is_empty())
        .then(|| percent_encoding::percent_decode_str(url.username()).decode_utf8_lossy().into_owned());
    if url.password().is_some() {
        return Err(PublishError::Invalid(
            "Do not put a password in the target URL: it would be stored in plain text. Give it with --secret-stdin or at the prompt.".into(),
        ));
    }
    let user = match (in_url, user.filter(|u| !u.is_empty())) {
        (Some(a), Some(b)) if a != b => {
            return Err(PublishError::Invalid(format!(
                "The URL names the user `{a}` and --user says `{b}`; give only one."
            )));
        }
        (a, b) => a.or(b.map(str::to_string)),
    };
    let host = url.host_str().unwrap_or("").to_string();
    let port = url.port();
    let with_port = |default_scheme: &str| match port {
        Some(p) => format!("{default_scheme}://{host}:{p}"),
        None => format!("{default_scheme}://{host}"),
    };
    let need_host = || if host.is_empty() { Err(bad("it names no host")) } else { Ok(()) };
    let (endpoint, plain) = match url.scheme() {
        "file" => (Endpoint::File { root: local_root(root_of(&url), cfg!(windows)) }, false),
        "webdav" | "webdavs" => {
            need_host()?;
            let tls = url.scheme() == "webdavs";
            (Endpoint::Webdav { endpoint: with_port(if tls { "https" } else { "http" }), root: root_of(&url) }, !tls)
        }
        "s3" => {
            need_host()?;
            let q = |k: &str| url.query_pairs().find(|(key, _)| key == k).map(|(_, v)| v.into_owned());
            let endpoint = q("endpoint");
            // Schemes are case-insensitive: `HTTP://` is as plain as `http://`.
            let plain = endpoint.as_deref().is_some_and(|e| {
                e.trim().get(..7).is_some_and(|scheme| scheme.eq_ignore_ascii_case("http://"))
                    && !Url::parse(e.trim()).ok().and_then(|u| u.host_str().map(is_loopback)).unwrap_or(false)
            });
            let virtual_host = q("path_style").is_some_and(|v| v == "false");
            let region = q("region").unwrap_or_else(|| "us-east-1".into());
            (Endpoint::S3 { bucket: host.clone(), root: root_of(&url), endpoint, region, virtual_host }, plain)
        }
        "ftp" | "ftps" => {
            need_host()?;
            let tls = url.scheme() == "ftps";
            (Endpoint::Ftp { endpoint: with_port(url.scheme()), root: root_of(&url), tls }, !tls)
        }
        "sftp" => {
            need_host()?;
            (Endpoint::Sftp { host: host.clone(), port: port.unwrap_or(22), root: root_of(&url) }, false)
        }
        other => return Err(bad(&format!("the kind `{other}` is not one Masthead can publish to"))),
    };
    // (For S3 `plain` already looked at the endpoint's host.)
    let plain_remote = plain && (matches!(endpoint, Endpoint::S3 { .. }) || !is_loopback(&host));
    Ok(Parsed { endpoint, user, plain_remote })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_drive_letters_in_file_urls() {
        assert_eq!(local_root("/C:/www/".into(), true), "C:/www/");
        assert_eq!(local_root("/C:/www/".into(), false), "/C:/www/");
        assert_eq!(local_root("/srv/www/".into(), true), "/srv/www/");
        assert_eq!(local_root("/".into(), true), "/");
    }

    #[test]
    fn urls_of_each_kind() {
        let p = parse("webdav://127.0.0.1:8080/site", None).unwrap();
        assert_eq!(p.endpoint, Endpoint::Webdav { endpoint: "http://127.0.0.1:8080".into(), root: "/site/".into() });
        assert!(!p.plain_remote);
        assert!(parse("webdav://example.org/", None).unwrap().plain_remote);
        assert!(!parse("webdavs://example.org/", None).unwrap().plain_remote);
        let s3 = parse("s3://site/www?endpoint=http://127.0.0.1:9000&region=eu-west-1&path_style=true", None).unwrap();
        assert_eq!(
            s3.endpoint,
            Endpoint::S3 {
                bucket: "site".into(),
                root: "/www/".into(),
                endpoint: Some("http://127.0.0.1:9000".into()),
                region: "eu-west-1".into(),
                virtual_host: false
            }
        );
        assert!(!s3.plain_remote);
        assert!(parse("s3://b/?endpoint=http://s3.example.org", None).unwrap().plain_remote);
        for shouting in
            ["HTTP://s3.example.org", "Http://s3.example.org:9000", "hTtP://S3.EXAMPLE.ORG", " http://x.org"]
        {
            let url = format!("s3://b/?endpoint={shouting}");
            assert!(parse(&url, None).unwrap().plain_remote, "{url}");
        }
        assert!(!parse("s3://b/?endpoint=HTTP://127.0.0.1:9000", None).unwrap().plain_remote);
        assert!(!parse("s3://b/?endpoint=HTTPS://s3.example.org", None).unwrap().plain_remote);
        let sftp = parse("sftp://ann@host.example:2222/var/www", None).unwrap();
        assert_eq!(sftp.user.as_deref(), Some("ann"));
        assert_eq!(sftp.endpoint, Endpoint::Sftp { host: "host.example".into(), port: 2222, root: "/var/www/".into() });
        assert!(parse("ftp://files.example.org/www", None).unwrap().plain_remote);
        assert!(!parse("ftps://files.example.org/www", None).unwrap().plain_remote);
    }

    #[test]
    fn users_and_bad_urls() {
        assert_eq!(parse("sftp://ann@h/x", Some("ann")).unwrap().user.as_deref(), Some("ann"));
        assert!(parse("sftp://ann@h/x", Some("bob")).unwrap_err().to_string().contains("give only one"));
        assert!(parse("sftp://ann:pw@h/x", None).unwrap_err().to_string().contains("Do not put a password"));
        assert!(parse("gopher://h/x", None).unwrap_err().to_string().contains("not one Masthead can publish to"));
        assert!(parse("not a url", None).is_err());
        assert!(parse("webdav:///x", None).unwrap_err().to_string().contains("names no host"));
    }
}
