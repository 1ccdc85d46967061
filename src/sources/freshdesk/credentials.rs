//! The API key, sent as HTTP Basic with the key as user name and `X` as password. The
//! key never appears in Debug output, errors or logs.

use std::fmt;

use base64::Engine;

#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(key: impl Into<String>) -> ApiKey {
        ApiKey(key.into())
    }

    /// The `Authorization` header value.
    pub(super) fn header(&self) -> String {
        let pair = format!("{}:X", self.0.trim());
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(pair)
        )
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_the_basic_user_and_debug_hides_it() {
        let key = ApiKey::new(" s3cret\n");
        // base64("s3cret:X")
        assert_eq!(key.header(), "Basic czNjcmV0Olg=");
        assert!(!format!("{key:?}").contains("s3cret"));
    }
}
