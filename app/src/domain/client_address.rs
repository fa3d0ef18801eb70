//! Which address a request comes from, for throttling and the audit log.
//!
//! Behind a reverse proxy every connection comes from the proxy, so the
//! client's address must be read from `X-Forwarded-For` — but only when the
//! connection really comes from a proxy we trust: anyone else could write
//! whatever they like into that header.

use std::net::IpAddr;

/// One trusted proxy: an address, or a network in CIDR notation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrustedProxy {
    network: IpAddr,
    prefix: u8,
}

impl TrustedProxy {
    /// `10.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let network: IpAddr = address
            .parse()
            .map_err(|_| format!("{text:?} is not an IP address or network"))?;
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => match p.parse::<u8>() {
                Ok(n) if n <= max => n,
                _ => return Err(format!("{text:?}: the prefix must be 0 to {max}")),
            },
        };
        Ok(TrustedProxy { network, prefix })
    }

    pub fn contains(&self, address: IpAddr) -> bool {
        match (self.network, canonical(address)) {
            (IpAddr::V4(net), IpAddr::V4(addr)) => {
                prefix_match(&net.octets(), &addr.octets(), self.prefix)
            }
            (IpAddr::V6(net), IpAddr::V6(addr)) => {
                prefix_match(&net.octets(), &addr.octets(), self.prefix)
            }
            _ => false,
        }
    }
}

/// A comma-separated list, as the setting holds it; empty trusts nobody.
pub fn parse_trusted_proxies(text: &str) -> Result<Vec<TrustedProxy>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(TrustedProxy::parse)
        .collect()
}

/// The client of a connection from `peer` that carried these
/// `X-Forwarded-For` values. Read from the right, each proxy appends the
/// address it saw: the first address that is not a trusted proxy is the client.
pub fn client_address(peer: IpAddr, forwarded_for: &[&str], trusted: &[TrustedProxy]) -> IpAddr {
    let peer = canonical(peer);
    if !is_trusted(peer, trusted) {
        return peer;
    }
    let hops = forwarded_for
        .iter()
        .flat_map(|header| header.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    let mut client = peer;
    for hop in hops.into_iter().rev() {
        let Ok(address) = hop.parse::<IpAddr>() else {
            // Garbage in the header: trust nothing further left of it.
            return client;
        };
        client = canonical(address);
        if !is_trusted(client, trusted) {
            return client;
        }
    }
    client
}

fn is_trusted(address: IpAddr, trusted: &[TrustedProxy]) -> bool {
    trusted.iter().any(|proxy| proxy.contains(address))
}

/// IPv4 addresses seen through an IPv6 socket (`::ffff:1.2.3.4`) are IPv4.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map(IpAddr::V4)
            .unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    }
}

fn prefix_match(network: &[u8], address: &[u8], prefix: u8) -> bool {
    let full_bytes = (prefix / 8) as usize;
    if network[..full_bytes] != address[..full_bytes] {
        return false;
    }
    let rest = prefix % 8;
    if rest == 0 {
        return true;
    }
    let mask = 0xffu8 << (8 - rest);
    network[full_bytes] & mask == address[full_bytes] & mask
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse()
            .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED))
    }

    #[test]
    fn networks_contain_their_addresses_only() {
        let net = TrustedProxy::parse("10.1.0.0/16");
        assert!(net.as_ref().is_ok_and(|n| n.contains(ip("10.1.200.3"))));
        assert!(net.as_ref().is_ok_and(|n| !n.contains(ip("10.2.0.1"))));
        let odd = TrustedProxy::parse("192.168.4.0/22");
        assert!(odd.as_ref().is_ok_and(|n| n.contains(ip("192.168.7.255"))));
        assert!(odd.as_ref().is_ok_and(|n| !n.contains(ip("192.168.8.0"))));
        let one = TrustedProxy::parse("::1");
        assert!(one.as_ref().is_ok_and(|n| n.contains(ip("::1"))));
        assert!(one.as_ref().is_ok_and(|n| !n.contains(ip("::2"))));
    }

    #[test]
    fn bad_settings_are_refused() {
        for bad in ["proxy.example", "10.0.0.0/33", "::/129", "1.2.3.4/x"] {
            assert!(TrustedProxy::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_trusted_proxies(" , ").map(|v| v.len()), Ok(0));
        assert_eq!(
            parse_trusted_proxies("127.0.0.1, 10.0.0.0/8").map(|v| v.len()),
            Ok(2)
        );
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        assert_eq!(
            client_address(ip("203.0.113.9"), &["1.1.1.1"], &[]),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn a_trusted_proxy_names_the_client() {
        let trusted = parse_trusted_proxies("127.0.0.1").unwrap_or_default();
        assert_eq!(
            client_address(ip("127.0.0.1"), &["198.51.100.7"], &trusted),
            ip("198.51.100.7")
        );
        // A client cannot plant an address: the proxy appends the real one,
        // and the rightmost untrusted hop wins.
        assert_eq!(
            client_address(ip("127.0.0.1"), &["6.6.6.6, 198.51.100.7"], &trusted),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn chains_of_trusted_proxies_are_walked_and_garbage_stops_the_walk() {
        let trusted = parse_trusted_proxies("10.0.0.0/8").unwrap_or_default();
        assert_eq!(
            client_address(ip("10.0.0.1"), &["198.51.100.7, 10.0.0.2"], &trusted),
            ip("198.51.100.7")
        );
        assert_eq!(
            client_address(ip("10.0.0.1"), &["198.51.100.7, junk"], &trusted),
            ip("10.0.0.1")
        );
        assert_eq!(
            client_address(ip("::ffff:10.0.0.1"), &["198.51.100.8"], &trusted),
            ip("198.51.100.8")
        );
    }
}
