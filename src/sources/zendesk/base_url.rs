//! The account's base URL: `https://{subdomain}.zendesk.com` or an explicit URL. Plain
//! `http://` is refused except for loopback hosts (local fakes in tests).

use reqwest::Url;

use super::ZendeskError;
use crate::sources::transport::is_loopback;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(Url);

impl BaseUrl {
    pub fn from_subdomain(subdomain: &str) -> Result<BaseUrl, ZendeskError> {
        let valid = !subdomain.is_empty()
            && subdomain
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !valid {
            return Err(ZendeskError::InvalidBaseUrl(format!(
                "{subdomain:?} is not a Zendesk subdomain (letters, digits and '-', as in acme for acme.zendesk.com)"
            )));
        }
        BaseUrl::parse(&format!("https://{subdomain}.zendesk.com"))
    }

    pub fn parse(url: &str) -> Result<BaseUrl, ZendeskError> {
        let parsed = Url::parse(url.trim())
            .map_err(|e| ZendeskError::InvalidBaseUrl(format!("{url:?} is not a URL: {e}")))?;
        if parsed.host_str().is_none() {
            return Err(ZendeskError::InvalidBaseUrl(format!("{url:?} has no host")));
        }
        // Not echoed: what sits there may be a password.
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(ZendeskError::InvalidBaseUrl(
                "the address holds a user name or password; give the account's address alone"
                    .into(),
            ));
        }
        match parsed.scheme() {
            "https" => {}
            "http" if is_loopback(&parsed) => {}
            "http" => return Err(ZendeskError::InsecureUrl(url.to_owned())),
            other => {
                return Err(ZendeskError::InvalidBaseUrl(format!(
                    "{url:?} uses {other}; use https://"
                )))
            }
        }
        // Keep only scheme, host and port: paths come from the API client.
        let mut base = parsed;
        base.set_path("");
        base.set_query(None);
        base.set_fragment(None);
        Ok(BaseUrl(base))
    }

    pub fn join(&self, path_and_query: &str) -> Result<Url, ZendeskError> {
        self.0.join(path_and_query).map_err(|e| {
            ZendeskError::InvalidBaseUrl(format!("cannot build a URL from {path_and_query:?}: {e}"))
        })
    }

    /// Whether `url` points at this account (same scheme, host and port): the token is
    /// only ever sent there, whatever a `next_page` link says.
    pub fn owns(&self, url: &Url) -> bool {
        url.scheme() == self.0.scheme()
            && url.host_str() == self.0.host_str()
            && url.port_or_known_default() == self.0.port_or_known_default()
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str().trim_end_matches('/')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subdomains_become_https_zendesk_urls() {
        assert_eq!(
            BaseUrl::from_subdomain("acme").unwrap().as_str(),
            "https://acme.zendesk.com"
        );
        assert!(BaseUrl::from_subdomain("acme.evil.com/x").is_err());
    }

    #[test]
    fn plain_http_is_only_for_loopback() {
        assert!(BaseUrl::parse("http://127.0.0.1:8080").is_ok());
        assert!(BaseUrl::parse("http://localhost:1").is_ok());
        assert!(BaseUrl::parse("http://[::1]:9").is_ok());
        let err = BaseUrl::parse("http://support.example.com").unwrap_err();
        assert!(matches!(err, ZendeskError::InsecureUrl(_)), "{err}");
        assert!(BaseUrl::parse("ftp://x").is_err());
    }

    #[test]
    fn user_info_is_refused_and_not_echoed() {
        for url in [
            "https://me:hunter2@acme.zendesk.com",
            "https://me@acme.zendesk.com",
        ] {
            let err = BaseUrl::parse(url).unwrap_err().to_string();
            assert!(err.contains("user name or password"), "{err}");
            assert!(!err.contains("hunter2"), "{err}");
        }
    }

    #[test]
    fn only_the_accounts_own_host_is_trusted() {
        let base = BaseUrl::parse("https://acme.zendesk.com/agent/tickets").unwrap();
        assert_eq!(
            base.as_str(),
            "https://acme.zendesk.com",
            "paths are dropped"
        );
        assert!(base.owns(&Url::parse("https://acme.zendesk.com/api/v2/x?y=1").unwrap()));
        assert!(!base.owns(&Url::parse("https://evil.example/api/v2/x").unwrap()));
        assert!(!base.owns(&Url::parse("http://acme.zendesk.com/api/v2/x").unwrap()));
    }
}
