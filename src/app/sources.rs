//! Connecting a Zendesk or Freshdesk account from a form: the address and token (or API
//! key) checked against the helpdesk before anything is stored, then the source added
//! (replacing the demo), its secret kept in the keychain and its host confirmed; and the
//! other source changes a screen makes.

use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use super::{AppError, Session};
use crate::secrets::{Secret, Vault};
use crate::sources::freshdesk::base_url::BaseUrl as FreshdeskUrl;
use crate::sources::zendesk::{BaseUrl, Identity};
use crate::workspace::{
    check_freshdesk, check_zendesk, parse_address, SourceAddress, SourceView, WorkspaceInfo,
    ZendeskAuth, ZendeskSettings,
};

/// What the connect form sends, for either helpdesk: one request type, so testing and
/// connecting are one command each whatever the kind.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ConnectRequest {
    Zendesk(ZendeskConnectRequest),
    Freshdesk(FreshdeskConnectRequest),
}

impl ConnectRequest {
    /// Checks the address and token (or API key) with the helpdesk without storing
    /// anything.
    pub async fn test(&self) -> Result<ConnectionCheck, AppError> {
        match self {
            ConnectRequest::Zendesk(request) => request.test().await,
            ConnectRequest::Freshdesk(request) => request.test().await,
        }
    }

    /// Checks the address and token with the helpdesk, for adding the source afterwards.
    pub async fn check(&self) -> Result<CheckedSource, AppError> {
        Ok(match self {
            ConnectRequest::Zendesk(request) => CheckedSource::Zendesk(request.check().await?),
            ConnectRequest::Freshdesk(request) => CheckedSource::Freshdesk(request.check().await?),
        })
    }
}

/// What the Zendesk connect form sends. The token crosses IPC once, inward, and goes to
/// the OS keychain; it is never sent back.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ZendeskConnectRequest {
    pub name: String,
    /// A subdomain (`acme`), a host or a URL.
    pub address: String,
    pub email: Option<String>,
    pub token: String,
    pub auth: ZendeskAuth,
}

/// Who the token belongs to, for "Test connection". Freshdesk's check names no one: an
/// API key is checked by reading the account's ticket fields.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ConnectionCheck {
    pub base_url: String,
    pub user: Option<String>,
    pub role: Option<String>,
}

/// A connect form's values, checked and parsed.
struct Connection {
    base: BaseUrl,
    settings: ZendeskSettings,
    token: Secret,
}

impl ZendeskConnectRequest {
    fn parse(&self) -> Result<Connection, AppError> {
        if self.name.trim().is_empty() {
            return Err(AppError::NoSourceName);
        }
        if self.auth == ZendeskAuth::ApiToken
            && self.email.as_deref().is_none_or(|e| !e.contains('@'))
        {
            return Err(AppError::NoAdminEmail);
        }
        Ok(Connection {
            base: parse_address(&self.address)?,
            settings: ZendeskSettings {
                email: self.email.clone().filter(|e| !e.trim().is_empty()),
                auth: self.auth,
                incremental_limit: None,
            },
            token: Secret::new(self.token.clone()).map_err(AppError::Token)?,
        })
    }

    /// Checks the address and token with Zendesk without storing anything.
    async fn test(&self) -> Result<ConnectionCheck, AppError> {
        let connection = self.parse()?;
        let me = connection.identify().await?;
        Ok(ConnectionCheck {
            base_url: connection.base.as_str().to_owned(),
            user: Some(me.name),
            role: Some(me.role),
        })
    }

    /// Checks the address and token with Zendesk, for adding the source afterwards.
    async fn check(&self) -> Result<CheckedZendesk, AppError> {
        let connection = self.parse()?;
        connection.identify().await?;
        Ok(CheckedZendesk {
            name: self.name.trim().to_owned(),
            connection,
        })
    }
}

impl Connection {
    async fn identify(&self) -> Result<Identity, AppError> {
        let cancel = CancellationToken::new();
        Ok(check_zendesk(&self.base, &self.settings, &self.token, &cancel).await?)
    }
}

impl Session {
    /// Adds a source its helpdesk accepted, keeps its token, confirms its host (adding
    /// is consent) and reloads the workspace.
    pub fn add_source(
        &self,
        source: CheckedSource,
        vault: &Vault,
    ) -> Result<WorkspaceInfo, AppError> {
        let mut workspace = self.own_connection()?;
        match source {
            CheckedSource::Zendesk(CheckedZendesk { name, connection }) => {
                let Connection {
                    base,
                    settings,
                    token,
                } = connection;
                workspace.add_zendesk_source(
                    &name,
                    &base,
                    &settings,
                    Some(&token),
                    vault,
                    self.now(),
                )?;
            }
            CheckedSource::Freshdesk(CheckedFreshdesk { name, base, key }) => {
                workspace.add_freshdesk_source(&name, &base, Some(&key), vault, self.now())?;
            }
        }
        self.reload()
    }

    /// Removes a source, its data and its keychain token, and reloads the workspace.
    pub fn remove_source(&self, name: &str, vault: &Vault) -> Result<WorkspaceInfo, AppError> {
        self.own_connection()?.remove_source(name, vault)?;
        self.reload()
    }

    /// The sources with what the Sources screen shows of each.
    pub fn source_views(&self, vault: &Vault) -> Result<Vec<SourceView>, AppError> {
        Ok(self.own_connection()?.source_views(vault)?)
    }

    /// The address a source's token would go to, when the user has not confirmed it on
    /// this computer.
    pub fn host_to_confirm(
        &self,
        name: &str,
        vault: &Vault,
    ) -> Result<Option<SourceAddress>, AppError> {
        self.with_open(|open| Ok(open.workspace.host_to_confirm(name, vault)?))
    }

    /// Records that the user agrees to send the source's token to `base_url`, the
    /// address the confirmation showed.
    pub fn confirm_source_host(
        &self,
        name: &str,
        base_url: &str,
        vault: &Vault,
    ) -> Result<(), AppError> {
        Ok(self
            .own_connection()?
            .confirm_source_host(name, base_url, vault)?)
    }
}

/// A connect form its helpdesk accepted, ready to be added (on a blocking thread).
pub enum CheckedSource {
    Zendesk(CheckedZendesk),
    Freshdesk(CheckedFreshdesk),
}

/// A Zendesk connect form the account accepted.
pub struct CheckedZendesk {
    name: String,
    connection: Connection,
}

/// What the Freshdesk connect form sends. The API key crosses IPC once, inward, and goes
/// to the OS keychain; it is never sent back.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct FreshdeskConnectRequest {
    pub name: String,
    /// A domain (`acme` for acme.freshdesk.com), a host or a URL.
    pub address: String,
    pub key: String,
}

impl FreshdeskConnectRequest {
    fn parse(&self) -> Result<(FreshdeskUrl, Secret), AppError> {
        if self.name.trim().is_empty() {
            return Err(AppError::NoSourceName);
        }
        let address = self.address.trim().trim_end_matches('/');
        let base = if address.contains("://") {
            FreshdeskUrl::parse(address)
        } else if address.contains(':')
            || address.contains('.') && !address.ends_with(".freshdesk.com")
        {
            FreshdeskUrl::parse(&format!("https://{address}"))
        } else {
            FreshdeskUrl::from_domain(address)
        }
        .map_err(crate::workspace::WorkspaceError::from)?;
        let key = Secret::new(self.key.clone()).map_err(AppError::Token)?;
        Ok((base, key))
    }

    /// Checks the address and API key with Freshdesk without storing anything.
    async fn test(&self) -> Result<ConnectionCheck, AppError> {
        let checked = self.check().await?;
        Ok(ConnectionCheck {
            base_url: checked.base.as_str().to_owned(),
            user: None,
            role: None,
        })
    }

    /// Checks the address and API key with Freshdesk, for adding the source afterwards.
    async fn check(&self) -> Result<CheckedFreshdesk, AppError> {
        let (base, key) = self.parse()?;
        check_freshdesk(&base, &key, &CancellationToken::new()).await?;
        Ok(CheckedFreshdesk {
            name: self.name.trim().to_owned(),
            base,
            key,
        })
    }
}

/// A Freshdesk connect form the account accepted.
pub struct CheckedFreshdesk {
    name: String,
    base: FreshdeskUrl,
    key: Secret,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::refused;

    fn form() -> ZendeskConnectRequest {
        ZendeskConnectRequest {
            name: "acme".into(),
            address: "acme".into(),
            email: Some("admin@acme.example".into()),
            token: "secret".into(),
            auth: ZendeskAuth::ApiToken,
        }
    }

    #[test]
    fn a_form_needs_a_name_an_admin_email_for_api_tokens_and_a_token() {
        let parsed = form().parse().expect("a complete form");
        assert_eq!(parsed.base.as_str(), "https://acme.zendesk.com");
        let nameless = ZendeskConnectRequest {
            name: "  ".into(),
            ..form()
        };
        assert!(refused(nameless.parse().map(drop)).contains("name"));
        let no_email = ZendeskConnectRequest {
            email: Some("admin".into()),
            ..form()
        };
        assert!(refused(no_email.parse().map(drop)).contains("email"));
        let oauth = ZendeskConnectRequest {
            email: None,
            auth: ZendeskAuth::OAuth,
            ..form()
        };
        assert!(oauth.parse().is_ok(), "an OAuth token needs no email");
        let blank = ZendeskConnectRequest {
            token: " ".into(),
            ..form()
        };
        assert!(refused(blank.parse().map(drop)).contains("empty"));
        let insecure = ZendeskConnectRequest {
            address: "http://acme.example".into(),
            ..form()
        };
        assert!(refused(insecure.parse().map(drop)).contains("http"));
    }

    #[test]
    fn a_freshdesk_form_reads_a_domain_a_host_or_a_url() {
        let form = |address: &str| FreshdeskConnectRequest {
            name: "acme".into(),
            address: address.into(),
            key: "key".into(),
        };
        for address in ["acme", "acme.freshdesk.com", "https://acme.freshdesk.com/"] {
            let (base, _) = form(address).parse().expect(address);
            assert_eq!(
                base.as_str(),
                "https://acme.freshdesk.com/api/v2/",
                "{address}"
            );
        }
        let (own, _) = form("support.acme.example").parse().unwrap();
        assert_eq!(own.as_str(), "https://support.acme.example/api/v2/");
        assert!(refused(form("http://acme.example").parse().map(drop)).contains("http"));
        let blank = FreshdeskConnectRequest {
            key: " ".into(),
            ..form("acme")
        };
        assert!(refused(blank.parse().map(drop)).contains("empty"));
    }

    #[test]
    fn the_form_names_its_helpdesk() {
        let read = |json: serde_json::Value| serde_json::from_value::<ConnectRequest>(json);
        let freshdesk = read(serde_json::json!({
            "kind": "freshdesk", "name": "acme", "address": "acme", "key": "k"
        }));
        assert!(matches!(freshdesk, Ok(ConnectRequest::Freshdesk(r)) if r.key == "k"));
        let zendesk = read(serde_json::json!({
            "kind": "zendesk", "name": "acme", "address": "acme",
            "email": "admin@acme.example", "token": "t", "auth": "api_token"
        }));
        assert!(matches!(zendesk, Ok(ConnectRequest::Zendesk(r)) if r.token == "t"));
        let untagged = read(serde_json::json!({ "name": "acme", "address": "acme", "key": "k" }));
        assert!(untagged.is_err(), "a form says which helpdesk it is for");
    }
}
