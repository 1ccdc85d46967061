//! The account's API root: `https://{domain}.freshdesk.com/api/v2/` from `--domain`, or a
//! URL the user typed (a custom host is taken only that way). Plain `http://` is refused
//! except for loopback hosts (local fakes in tests).

use reqwest::Url;

use super::error::FreshdeskError;
use crate::sources::transport::is_loopback;

const API_ROOT: &str = "/api/v2/";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(Url);

impl BaseUrl {
    /// `acme` or `acme.freshdesk.com` → `https://acme.freshdesk.com/api/v2/`.
    pub fn from_domain(domain: &str) -> Result<BaseUrl, FreshdeskError> {
        let domain = domain.trim();
        let name = domain.strip_suffix(".freshdesk.com").unwrap_or(domain);
        let valid = !name.is_empty()
            && !name.starts_with('-')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !valid {
            return Err(FreshdeskError::InvalidBaseUrl(format!(
                "{domain:?} is not a Freshdesk domain (letters, digits and '-', as in acme for acme.freshdesk.com)"
            )));
        }
        BaseUrl::parse(&format!("https://{name}.freshdesk.com"))
    }

    /// Any https URL of the account (its path is replaced by `/api/v2/`).
    pub fn parse(url: &str) -> Result<BaseUrl, FreshdeskError> {
        let parsed = Url::parse(url.trim())
            .map_err(|e| FreshdeskError::InvalidBaseUrl(format!("{url:?} is not a URL: {e}")))?;
        if parsed.host_str().is_none() {
            return Err(FreshdeskError::InvalidBaseUrl(format!(
                "{url:?} has no host"
            )));
        }
        // Not echoed: what sits there may be a password.
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(FreshdeskError::InvalidBaseUrl(
                "the address holds a user name or password; give the account's address alone"
                    .into(),
            ));
        }
        match parsed.scheme() {
            "https" => {}
            "http" if is_loopback(&parsed) => {}
            "http" => return Err(FreshdeskError::InsecureUrl(url.to_owned())),
            other => {
                return Err(FreshdeskError::InvalidBaseUrl(format!(
                    "{url:?} uses {other}; use https://"
                )))
            }
        }
        let mut base = parsed;
        base.set_path(API_ROOT);
        base.set_query(None);
        base.set_fragment(None);
        Ok(BaseUrl(base))
    }

    /// An endpoint under `/api/v2/`, e.g. `tickets?per_page=100`.
    pub fn join(&self, endpoint: &str) -> Result<Url, FreshdeskError> {
        self.0.join(endpoint.trim_start_matches('/')).map_err(|e| {
            FreshdeskError::InvalidBaseUrl(format!("cannot build a URL from {endpoint:?}: {e}"))
        })
    }

    /// Whether `url` points at this account's API (same scheme, host and port, under
    /// `/api/v2/`): the key is only ever sent there, whatever a `Link` header says.
    pub fn owns(&self, url: &Url) -> bool {
        url.scheme() == self.0.scheme()
            && url.host_str() == self.0.host_str()
            && url.port_or_known_default() == self.0.port_or_known_default()
            && url.path().starts_with(API_ROOT)
    }

    /// `https://acme.freshdesk.com/api/v2/`.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_domain_becomes_the_https_api_root() {
        for domain in ["acme", "acme.freshdesk.com", " acme "] {
            assert_eq!(
                BaseUrl::from_domain(domain).unwrap().as_str(),
                "https://acme.freshdesk.com/api/v2/"
            );
        }
        for bad in ["", "acme.evil.com/x", "-acme", "acme.example.com"] {
            assert!(BaseUrl::from_domain(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_typed_url_keeps_its_host_and_gets_the_api_path() {
        let base = BaseUrl::parse("https://support.acme.com/helpdesk/tickets?x=1").unwrap();
        assert_eq!(base.as_str(), "https://support.acme.com/api/v2/");
        let url = base.join("tickets?page=2").unwrap();
        assert_eq!(
            url.as_str(),
            "https://support.acme.com/api/v2/tickets?page=2"
        );
        assert!(base.owns(&url));
    }

    #[test]
    fn plain_http_is_only_for_loopback() {
        assert!(BaseUrl::parse("http://127.0.0.1:8080").is_ok());
        assert!(BaseUrl::parse("http://[::1]:9").is_ok());
        let err = BaseUrl::parse("http://acme.freshdesk.com").unwrap_err();
        assert!(matches!(err, FreshdeskError::InsecureUrl(_)), "{err}");
        assert!(BaseUrl::parse("ftp://acme.freshdesk.com").is_err());
    }

    #[test]
    fn user_info_is_refused_and_not_echoed() {
        let err = BaseUrl::parse("https://key:hunter2@acme.freshdesk.com").unwrap_err();
        assert!(!err.to_string().contains("hunter2"), "{err}");
    }

    #[test]
    fn only_the_accounts_api_is_trusted() {
        let base = BaseUrl::from_domain("acme").unwrap();
        let owned = |u: &str| base.owns(&Url::parse(u).unwrap());
        assert!(owned("https://acme.freshdesk.com/api/v2/tickets?page=2"));
        assert!(!owned("https://evil.example/api/v2/tickets"));
        assert!(!owned("http://acme.freshdesk.com/api/v2/tickets"));
        assert!(!owned("https://acme.freshdesk.com:8443/api/v2/tickets"));
        assert!(!owned("https://acme.freshdesk.com/login"));
    }
}
