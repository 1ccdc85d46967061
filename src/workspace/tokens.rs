//! Where a source's token comes from and where it may go. A workspace folder can come
//! from anyone, so its stored address is checked again at each use and the token goes
//! only to an address this user confirmed on this computer, read only from this user's
//! keychain or from a variable named on the command line, never from one the workspace
//! names.

use crate::secrets::{self, ConfirmedHost, Secret, Vault};
use crate::sources::freshdesk;
use crate::sources::freshdesk::credentials::ApiKey;
use crate::sources::zendesk::{BaseUrl, Client};
use crate::store::records::{Source, SourceKind};

use super::sources::zendesk_settings;
use super::{Workspace, WorkspaceError};

/// A source's address, validated by its connector's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceAddress {
    Zendesk(BaseUrl),
    Freshdesk(freshdesk::base_url::BaseUrl),
}

impl SourceAddress {
    pub fn as_str(&self) -> &str {
        match self {
            SourceAddress::Zendesk(base) => base.as_str(),
            SourceAddress::Freshdesk(base) => base.as_str(),
        }
    }
}

/// Sources whose API key or token goes to an address.
fn has_token(kind: SourceKind) -> bool {
    matches!(kind, SourceKind::Zendesk | SourceKind::Freshdesk)
}

impl Workspace {
    /// The workspace's id: its database's random id, which keys its keychain entries and
    /// confirmed hosts.
    pub fn id(&self) -> Result<String, WorkspaceError> {
        Ok(self.store.database_id()?)
    }

    /// A source's address, validated again (https, plain http only to this computer):
    /// the stored text is never trusted.
    fn source_host(&self, source: &Source) -> Result<SourceAddress, WorkspaceError> {
        let stored = source.base_url.as_deref().unwrap_or_default();
        match source.kind {
            SourceKind::Zendesk => Ok(SourceAddress::Zendesk(BaseUrl::parse(stored)?)),
            SourceKind::Freshdesk => Ok(SourceAddress::Freshdesk(
                freshdesk::base_url::BaseUrl::parse(stored)?,
            )),
            _ => Err(WorkspaceError::NotZendesk(source.name.clone())),
        }
    }

    fn confirmation(
        &self,
        source: &Source,
        base: &SourceAddress,
    ) -> Result<ConfirmedHost, WorkspaceError> {
        Ok(ConfirmedHost {
            workspace: self.id()?,
            source: source.id,
            base_url: base.as_str().to_owned(),
        })
    }

    /// Whether the user confirmed sending this source's token to its address. Sources
    /// without a token (the demo) need nothing; an invalid address is never confirmed.
    pub(super) fn host_confirmed(
        &self,
        source: &Source,
        vault: &Vault,
    ) -> Result<bool, WorkspaceError> {
        if !has_token(source.kind) {
            return Ok(true);
        }
        let Ok(base) = self.source_host(source) else {
            return Ok(false);
        };
        self.is_confirmed(source, &base, vault)
    }

    fn is_confirmed(
        &self,
        source: &Source,
        base: &SourceAddress,
        vault: &Vault,
    ) -> Result<bool, WorkspaceError> {
        Ok(vault.hosts().contains(&self.confirmation(source, base)?)?)
    }

    /// The validated address of a source whose host the user has not confirmed yet, to
    /// ask about; `None` when it is confirmed.
    pub fn host_to_confirm(
        &self,
        name: &str,
        vault: &Vault,
    ) -> Result<Option<SourceAddress>, WorkspaceError> {
        let source = self.source(name)?;
        let base = self.source_host(&source)?;
        Ok((!self.is_confirmed(&source, &base, vault)?).then_some(base))
    }

    /// Records that the user agrees to send the source's token to `shown`, the address
    /// they were shown; refused if the stored address is no longer that one.
    pub fn confirm_source_host(
        &self,
        name: &str,
        shown: &str,
        vault: &Vault,
    ) -> Result<(), WorkspaceError> {
        let source = self.source(name)?;
        let base = self.source_host(&source)?;
        if base.as_str() != shown {
            return Err(WorkspaceError::AddressChanged {
                name: source.name,
                base_url: base.as_str().to_owned(),
            });
        }
        self.confirm_host(&source, vault)
    }

    pub(super) fn confirm_host(
        &self,
        source: &Source,
        vault: &Vault,
    ) -> Result<(), WorkspaceError> {
        let base = self.source_host(source)?;
        Ok(vault.hosts().add(self.confirmation(source, &base)?)?)
    }

    /// Fails with `UnconfirmedHost` for the first of `names` whose host is not confirmed.
    pub fn require_confirmed_hosts(
        &self,
        names: &[String],
        vault: &Vault,
    ) -> Result<(), WorkspaceError> {
        for name in names {
            if let Some(base) = self.host_to_confirm(name, vault)? {
                return Err(WorkspaceError::UnconfirmedHost {
                    name: name.clone(),
                    base_url: base.as_str().to_owned(),
                });
            }
        }
        Ok(())
    }

    /// The client for a Zendesk source, once its host is confirmed. The token comes from
    /// `token_env` (a variable the user named on the command line) if given, else from
    /// the keychain.
    pub fn zendesk_client(
        &self,
        source: &Source,
        token_env: Option<&str>,
        vault: &Vault,
    ) -> Result<Client, WorkspaceError> {
        let settings = zendesk_settings(source)?;
        self.require_confirmed_hosts(std::slice::from_ref(&source.name), vault)?;
        let SourceAddress::Zendesk(base) = self.source_host(source)? else {
            return Err(WorkspaceError::NotZendesk(source.name.clone()));
        };
        let token = match token_env {
            Some(var) => secrets::from_env(var)?,
            None => self.stored_token(source, vault)?,
        };
        Ok(Client::new(
            base,
            &settings.credentials(&token)?,
            settings.client_options(),
        )?)
    }

    /// The client for a Freshdesk source, once its host is confirmed. The API key comes
    /// from `key_env` (a variable the user named on the command line) if given, else from
    /// the keychain.
    pub fn freshdesk_client(
        &self,
        source: &Source,
        key_env: Option<&str>,
        vault: &Vault,
    ) -> Result<freshdesk::client::Client, WorkspaceError> {
        self.require_confirmed_hosts(std::slice::from_ref(&source.name), vault)?;
        let SourceAddress::Freshdesk(base) = self.source_host(source)? else {
            return Err(WorkspaceError::NotFreshdesk(source.name.clone()));
        };
        let key = match key_env {
            Some(var) => secrets::from_env(var)?,
            None => self.stored_token(source, vault)?,
        };
        Ok(freshdesk::client::Client::new(
            base,
            &ApiKey::new(key.expose()),
            freshdesk::client::ClientOptions::default(),
        )?)
    }

    /// The source's keychain token. A token that older versions kept under the source's
    /// name alone moves to the source's own entry here, the first time it is used: only
    /// after the user confirmed the host.
    fn stored_token(&self, source: &Source, vault: &Vault) -> Result<Secret, WorkspaceError> {
        let keychain = vault.keychain();
        let account = secrets::account(&self.id()?, source.id);
        if let Some(token) = keychain.load(&account)? {
            return Ok(token);
        }
        let legacy = secrets::legacy_account(&source.name);
        let token = keychain
            .load(&legacy)?
            .ok_or_else(|| WorkspaceError::NoToken(source.name.clone()))?;
        keychain.save(&account, &token)?;
        keychain.delete(&legacy)?;
        Ok(token)
    }
}
