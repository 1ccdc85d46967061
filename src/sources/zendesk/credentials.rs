//! How requests authenticate: an API token (`{email}/token` Basic) or an OAuth bearer
//! token. The secret never appears in Debug output, errors or logs.

use std::fmt;

#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    ApiToken { email: String, token: String },
    OAuth { access_token: String },
}

impl Credentials {
    /// The `Authorization` header value.
    pub(super) fn header(&self) -> String {
        use base64::Engine;
        match self {
            Credentials::ApiToken { email, token } => {
                let pair = format!("{email}/token:{token}");
                format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(pair)
                )
            }
            Credentials::OAuth { access_token } => format!("Bearer {access_token}"),
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::ApiToken { email, .. } => {
                write!(f, "ApiToken {{ email: {email:?}, token: <redacted> }}")
            }
            Credentials::OAuth { .. } => f.write_str("OAuth { access_token: <redacted> }"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_auth_uses_the_email_slash_token_form_and_debug_hides_the_secret() {
        let c = Credentials::ApiToken {
            email: "a@b.c".into(),
            token: "s3cret".into(),
        };
        // base64("a@b.c/token:s3cret")
        assert_eq!(c.header(), "Basic YUBiLmMvdG9rZW46czNjcmV0");
        assert!(!format!("{c:?}").contains("s3cret"));
        let o = Credentials::OAuth {
            access_token: "tok".into(),
        };
        assert_eq!(o.header(), "Bearer tok");
        assert!(!format!("{o:?}").contains("tok\""));
    }
}
