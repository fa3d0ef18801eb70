//! Configuration from the environment and the command line. A bad value stops
//! start-up with one line that says which setting and why.

use std::net::SocketAddr;

use app::domain::client_address::{TrustedProxy, parse_trusted_proxies};

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub database_url: String,
    pub database_credentials: Option<(String, String)>,
    pub namespace: String,
    pub listen: SocketAddr,
    pub admin_password: Option<String>,
    pub secure_cookies: bool,
    pub session_idle_minutes: i64,
    pub session_max_hours: i64,
    pub trusted_proxies: Vec<TrustedProxy>,
    /// Where the daily backup goes; `None` when daily backups are off.
    pub daily_backups: Option<std::path::PathBuf>,
    /// The server's own host names (`TRELLIS_HOSTS`).
    pub own_hosts: Vec<app::domain::branding::HostName>,
}

pub const DEFAULT_BACKUP_DIR: &str = "data/backups";

pub const DEFAULT_DATABASE: &str = "surrealkv://data/trellis";
pub const DEFAULT_LISTEN: &str = "127.0.0.1:3000";

impl Config {
    /// Reads the settings through `get` (the environment, in production).
    /// `listen_flag` is the `--listen` argument, which wins over the environment.
    pub fn load(
        get: impl Fn(&str) -> Option<String>,
        listen_flag: Option<String>,
    ) -> Result<Self, String> {
        let database_url =
            parse_database_url(&get("TRELLIS_DB").unwrap_or_else(|| DEFAULT_DATABASE.to_owned()))?;
        let database_credentials = match (get("TRELLIS_DB_USER"), get("TRELLIS_DB_PASS")) {
            (Some(user), Some(pass)) => Some((user, pass)),
            (None, None) => None,
            _ => {
                return Err(
                    "TRELLIS_DB_USER and TRELLIS_DB_PASS go together: set both or neither".into(),
                );
            }
        };
        if database_credentials.is_none() && database_url.starts_with("ws") {
            return Err(
                "TRELLIS_DB points at a SurrealDB server: set TRELLIS_DB_USER and TRELLIS_DB_PASS"
                    .into(),
            );
        }
        let namespace = get("TRELLIS_NAMESPACE").unwrap_or_else(|| "trellis".into());
        if namespace.is_empty()
            || !namespace
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Err(format!(
                "TRELLIS_NAMESPACE: use letters, digits and '_' only, got {namespace:?}"
            ));
        }
        let listen_text = listen_flag
            .or_else(|| get("TRELLIS_LISTEN"))
            .or_else(|| get("LEPTOS_SITE_ADDR"))
            .unwrap_or_else(|| DEFAULT_LISTEN.to_owned());
        let listen = listen_text.parse().map_err(|_| {
            format!(
                "listen address: expected HOST:PORT such as 127.0.0.1:3000, got {listen_text:?}"
            )
        })?;
        let secure_cookies = match get("TRELLIS_SECURE_COOKIES").as_deref() {
            None | Some("") | Some("false") | Some("0") => false,
            Some("true") | Some("1") => true,
            Some(other) => {
                return Err(format!(
                    "TRELLIS_SECURE_COOKIES: expected true or false, got {other:?}"
                ));
            }
        };
        let session_idle_minutes = match get("TRELLIS_SESSION_IDLE_MINUTES") {
            None => 120,
            Some(text) => match text.parse::<i64>() {
                Ok(n) if (1..=60 * 24 * 30).contains(&n) => n,
                _ => {
                    return Err(format!(
                        "TRELLIS_SESSION_IDLE_MINUTES: expected minutes from 1 to 43200, got {text:?}"
                    ));
                }
            },
        };
        let session_max_hours = match get("TRELLIS_SESSION_MAX_HOURS") {
            None => 12,
            Some(text) => match text.parse::<i64>() {
                Ok(n) if (1..=24 * 30).contains(&n) => n,
                _ => {
                    return Err(format!(
                        "TRELLIS_SESSION_MAX_HOURS: expected hours from 1 to 720, got {text:?}"
                    ));
                }
            },
        };
        let trusted_proxies = parse_trusted_proxies(
            &get("TRELLIS_TRUSTED_PROXIES").unwrap_or_default(),
        )
        .map_err(|e| {
            format!("TRELLIS_TRUSTED_PROXIES: expected addresses or networks such as 127.0.0.1,10.0.0.0/8: {e}")
        })?;
        let daily_backups = match get("TRELLIS_BACKUPS").as_deref() {
            None | Some("") | Some("daily") => Some(std::path::PathBuf::from(
                get("TRELLIS_BACKUP_DIR")
                    .filter(|d| !d.is_empty())
                    .unwrap_or_else(|| DEFAULT_BACKUP_DIR.to_owned()),
            )),
            Some("off") => None,
            Some(other) => {
                return Err(format!(
                    "TRELLIS_BACKUPS: expected daily or off, got {other:?}"
                ));
            }
        };
        let own_hosts = get("TRELLIS_HOSTS")
            .unwrap_or_default()
            .split([',', ' '])
            .filter(|h| !h.is_empty())
            .map(|h| {
                app::domain::branding::HostName::parse(h)
                    .map_err(|e| format!("TRELLIS_HOSTS: {}", e.message))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Config {
            database_url,
            database_credentials,
            namespace,
            listen,
            admin_password: get("TRELLIS_ADMIN_PASSWORD").filter(|p| !p.is_empty()),
            secure_cookies,
            session_idle_minutes,
            session_max_hours,
            trusted_proxies,
            daily_backups,
            own_hosts,
        })
    }
}

/// Accepts `surrealkv://DIR` (made durable on every commit), `mem://` and
/// `ws://HOST:PORT` / `wss://HOST:PORT`.
pub fn parse_database_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    if let Some(path) = url.strip_prefix("surrealkv://") {
        let (dir, params) = path.split_once('?').unwrap_or((path, ""));
        if dir.is_empty() {
            return Err(
                "TRELLIS_DB: surrealkv:// needs a directory, e.g. surrealkv://data/trellis".into(),
            );
        }
        // Durability is explicit: every commit is on disk before we answer.
        let params = if params.contains("sync=") {
            params.to_owned()
        } else if params.is_empty() {
            "sync=every".to_owned()
        } else {
            format!("{params}&sync=every")
        };
        return Ok(format!("surrealkv://{dir}?{params}"));
    }
    if url == "mem://" || url == "memory" {
        return Ok("mem://".into());
    }
    for scheme in ["ws://", "wss://"] {
        if let Some(rest) = url.strip_prefix(scheme) {
            let host = rest.trim_end_matches('/');
            if host.is_empty() || host.contains('/') || !host.contains(':') {
                return Err(format!(
                    "TRELLIS_DB: expected {scheme}HOST:PORT, got {url:?}"
                ));
            }
            return Ok(format!("{scheme}{host}"));
        }
    }
    Err(format!(
        "TRELLIS_DB: expected surrealkv://DIR, mem:// or ws://HOST:PORT, got {url:?}"
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load(pairs: &[(&str, &str)]) -> Result<Config, String> {
        let env: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::load(|k| env.get(k).cloned(), None)
    }

    #[test]
    fn defaults_to_a_durable_embedded_database_on_localhost() {
        let config = load(&[]).unwrap();
        assert_eq!(config.database_url, "surrealkv://data/trellis?sync=every");
        assert_eq!(config.listen.to_string(), "127.0.0.1:3000");
        assert!(!config.secure_cookies);
        assert_eq!(config.session_max_hours, 12);
        assert!(
            config.trusted_proxies.is_empty(),
            "no proxy is trusted by default"
        );
    }

    #[test]
    fn daily_backups_are_on_unless_turned_off() {
        let config = load(&[]).unwrap();
        assert_eq!(
            config.daily_backups,
            Some(std::path::PathBuf::from("data/backups"))
        );
        let config = load(&[("TRELLIS_BACKUP_DIR", "/srv/backups")]).unwrap();
        assert_eq!(
            config.daily_backups,
            Some(std::path::PathBuf::from("/srv/backups"))
        );
        assert_eq!(
            load(&[("TRELLIS_BACKUPS", "off")]).unwrap().daily_backups,
            None
        );
        let error = load(&[("TRELLIS_BACKUPS", "weekly")]).unwrap_err();
        assert!(error.contains("TRELLIS_BACKUPS"), "{error}");
    }

    #[test]
    fn trusted_proxies_are_a_list_of_addresses_and_networks() {
        let config = load(&[("TRELLIS_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8")]).unwrap();
        assert_eq!(config.trusted_proxies.len(), 2);
        assert!(config.trusted_proxies[1].contains("10.4.5.6".parse().unwrap()));
    }

    #[test]
    fn accepts_memory_and_servers() {
        assert_eq!(parse_database_url("mem://").unwrap(), "mem://");
        assert_eq!(
            parse_database_url("ws://127.0.0.1:8000").unwrap(),
            "ws://127.0.0.1:8000"
        );
        assert_eq!(
            parse_database_url("surrealkv:///var/lib/trellis?sync=1s").unwrap(),
            "surrealkv:///var/lib/trellis?sync=1s"
        );
    }

    #[test]
    fn bad_values_are_one_clear_line() {
        for (key, value) in [
            ("TRELLIS_DB", "postgres://x"),
            ("TRELLIS_DB", "surrealkv://"),
            ("TRELLIS_DB", "ws://nohost"),
            ("TRELLIS_LISTEN", "localhost"),
            ("TRELLIS_SECURE_COOKIES", "maybe"),
            ("TRELLIS_SESSION_IDLE_MINUTES", "0"),
            ("TRELLIS_SESSION_MAX_HOURS", "0"),
            ("TRELLIS_SESSION_MAX_HOURS", "721"),
            ("TRELLIS_TRUSTED_PROXIES", "proxy.local"),
            ("TRELLIS_NAMESPACE", "a-b"),
        ] {
            let error = load(&[(key, value)]).unwrap_err();
            assert!(
                error.starts_with(key) || error.contains("listen"),
                "{error}"
            );
            assert!(!error.contains('\n'));
        }
    }

    #[test]
    fn a_server_needs_credentials() {
        assert!(load(&[("TRELLIS_DB", "ws://127.0.0.1:8000")]).is_err());
        assert!(
            load(&[
                ("TRELLIS_DB", "ws://127.0.0.1:8000"),
                ("TRELLIS_DB_USER", "root"),
                ("TRELLIS_DB_PASS", "root")
            ])
            .is_ok()
        );
    }
}
