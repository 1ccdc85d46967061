//! The topic model: what a ticket is about drives its text, tags, product area, group,
//! brand, urgency, handling times and how the customer rates it.

/// Ticket topics; the order is the index into every per-topic table (texts, articles).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Topic {
    LoginProblem,
    PasswordReset,
    TwoFactor,
    LoginOutage,
    DoubleCharge,
    RefundRequest,
    InvoiceQuestion,
    ShippingDelay,
    AppCrash,
    ApiErrors,
    IntegrationSync,
    SlowPerformance,
    FeatureRequest,
    AccountDeletion,
    OnboardingSetup,
}

pub(super) const TOPIC_COUNT: usize = 15;

/// Group indexes into `catalog::GROUPS`.
pub(super) const TIER1: usize = 0;
pub(super) const BILLING: usize = 1;
pub(super) const TECHNICAL: usize = 2;
pub(super) const ONBOARDING: usize = 3;
pub(super) const VIP: usize = 4;
pub(super) const KR_RU_DESK: usize = 5;

/// Brand indexes into `catalog::BRANDS`.
const CLOUD: usize = 0;
const PAY: usize = 1;
const MOBILE: usize = 2;

/// Everything that differs by topic. Multipliers are relative to an average ticket.
#[derive(Debug, Clone, Copy)]
pub(super) struct TopicSpec {
    pub topic: Topic,
    /// Share of everyday volume (incident topics get extra volume on incident days).
    pub weight: f64,
    pub tags: &'static [&'static str],
    /// Tags sometimes added on top of the core ones.
    pub extra_tags: &'static [&'static str],
    pub product_area: &'static str,
    pub group: usize,
    pub brand: usize,
    pub ticket_type: &'static str,
    /// Shifts the priority draw: -1 calmer, 0 usual, 1 more urgent.
    pub urgency: i32,
    /// Median calendar minutes from the first reply to the solve, for multi-touch tickets.
    pub resolve_median: f64,
    /// Share of solved tickets closed by the first reply.
    pub one_touch: f64,
    /// Share that goes on hold (waiting for engineering, a carrier, a bank…).
    pub hold: f64,
    /// Base probability that an answered survey is "good".
    pub csat: f64,
}

const fn spec(
    topic: Topic,
    weight: f64,
    (tags, extra_tags): (&'static [&'static str], &'static [&'static str]),
    product_area: &'static str,
    (group, brand): (usize, usize),
    (ticket_type, urgency): (&'static str, i32),
    (resolve_median, one_touch, hold, csat): (f64, f64, f64, f64),
) -> TopicSpec {
    TopicSpec {
        topic,
        weight,
        tags,
        extra_tags,
        product_area,
        group,
        brand,
        ticket_type,
        urgency,
        resolve_median,
        one_touch,
        hold,
        csat,
    }
}

use Topic as T;

#[rustfmt::skip]
pub(super) const TOPICS: [TopicSpec; TOPIC_COUNT] = [
    spec(T::LoginProblem, 10.0, (&["login"], &["account", "sso", "browser"]), "product_account",
        (TIER1, CLOUD), ("incident", 0), (1_630.0, 0.45, 0.02, 0.88)),
    spec(T::PasswordReset, 11.0, (&["password_reset"], &["login", "account", "email"]),
        "product_account", (TIER1, CLOUD), ("question", 0), (330.0, 0.72, 0.0, 0.95)),
    spec(T::TwoFactor, 8.0, (&["login", "2fa"], &["sms", "account", "mobile_app"]),
        "product_account", (TIER1, MOBILE), ("incident", 0), (1_310.0, 0.5, 0.03, 0.86)),
    spec(T::LoginOutage, 0.4, (&["outage", "login"], &["incident", "status_page"]),
        "product_account", (TECHNICAL, CLOUD), ("incident", 1), (650.0, 0.65, 0.0, 0.80)),
    spec(T::DoubleCharge, 4.0, (&["billing", "double_charge"], &["refund", "card"]),
        "product_billing", (BILLING, PAY), ("problem", 1), (6_530.0, 0.25, 0.08, 0.72)),
    spec(T::RefundRequest, 8.0, (&["refund", "billing"], &["cancellation", "card"]),
        "product_billing", (BILLING, PAY), ("task", 0), (11_700.0, 0.2, 0.10, 0.74)),
    spec(T::InvoiceQuestion, 7.0, (&["billing", "invoice"], &["vat", "receipt"]),
        "product_billing", (BILLING, PAY), ("question", -1), (2_450.0, 0.55, 0.02, 0.91)),
    spec(T::ShippingDelay, 9.0, (&["shipping"], &["card_reader", "tracking", "delivery"]),
        "product_shipping", (TIER1, PAY), ("question", 0), (8_160.0, 0.35, 0.12, 0.78)),
    spec(T::AppCrash, 8.0, (&["mobile_app", "bug"], &["ios", "android", "crash"]),
        "product_mobile", (TECHNICAL, MOBILE), ("problem", 1), (9_790.0, 0.15, 0.18, 0.73)),
    spec(T::ApiErrors, 5.0, (&["api", "bug"], &["integration", "webhook", "rate_limit"]),
        "product_api", (TECHNICAL, CLOUD), ("incident", 1), (5_440.0, 0.2, 0.14, 0.82)),
    spec(T::IntegrationSync, 5.0, (&["integration"], &["api", "slack", "salesforce"]),
        "product_api", (TECHNICAL, CLOUD), ("problem", 0), (7_070.0, 0.25, 0.12, 0.81)),
    spec(T::SlowPerformance, 5.0, (&["performance", "bug"], &["dashboard", "reports"]),
        "product_performance", (TECHNICAL, CLOUD), ("problem", 0), (8_700.0, 0.2, 0.15, 0.77)),
    spec(T::FeatureRequest, 6.0, (&["feature_request"], &["roadmap", "mobile_app", "api"]),
        "product_other", (TIER1, CLOUD), ("task", -1), (3_810.0, 0.6, 0.06, 0.85)),
    spec(T::AccountDeletion, 4.0, (&["account", "gdpr"], &["cancellation", "privacy"]),
        "product_account", (ONBOARDING, CLOUD), ("task", -1), (4_900.0, 0.4, 0.02, 0.87)),
    spec(T::OnboardingSetup, 8.5, (&["onboarding"], &["setup", "invite", "training"]),
        "product_other", (ONBOARDING, CLOUD), ("question", -1), (3_540.0, 0.45, 0.03, 0.93)),
];

impl Topic {
    pub(super) fn index(self) -> usize {
        self as usize
    }

    pub(super) fn spec(self) -> &'static TopicSpec {
        &TOPICS[self.index()]
    }

    /// The "Contact reason" option value of this topic.
    pub(super) fn contact_reason(self) -> &'static str {
        CONTACT_REASONS[self.index()].1
    }
}

/// Drop-down options of the "Contact reason" field, one per topic in enum order: the
/// ground truth a theme or classifier can be checked against.
pub(super) const CONTACT_REASONS: [(Topic, &str, &str); TOPIC_COUNT] = [
    (T::LoginProblem, "contact_login_problem", "Login problem"),
    (T::PasswordReset, "contact_password_reset", "Password reset"),
    (
        T::TwoFactor,
        "contact_two_factor",
        "Two-factor authentication",
    ),
    (T::LoginOutage, "contact_login_outage", "Login outage"),
    (T::DoubleCharge, "contact_double_charge", "Double charge"),
    (T::RefundRequest, "contact_refund_request", "Refund request"),
    (
        T::InvoiceQuestion,
        "contact_invoice_question",
        "Invoice question",
    ),
    (T::ShippingDelay, "contact_shipping_delay", "Shipping delay"),
    (T::AppCrash, "contact_app_crash", "App crash"),
    (T::ApiErrors, "contact_api_errors", "API errors"),
    (
        T::IntegrationSync,
        "contact_integration_sync",
        "Integration sync",
    ),
    (
        T::SlowPerformance,
        "contact_slow_performance",
        "Slow performance",
    ),
    (
        T::FeatureRequest,
        "contact_feature_request",
        "Feature request",
    ),
    (
        T::AccountDeletion,
        "contact_account_deletion",
        "Account deletion",
    ),
    (
        T::OnboardingSetup,
        "contact_onboarding_setup",
        "Onboarding & setup",
    ),
];

/// Drop-down options of the "Product area" field: (value, display name).
pub(super) const PRODUCT_AREAS: [(&str, &str); 7] = [
    ("product_account", "Account & login"),
    ("product_billing", "Billing"),
    ("product_shipping", "Shipping & hardware"),
    ("product_mobile", "Mobile app"),
    ("product_api", "API & integrations"),
    ("product_performance", "Performance"),
    ("product_other", "Other"),
];

/// Brand weights of a topic: mostly its home brand.
pub(super) fn brand_weights(spec: &TopicSpec) -> [f64; 3] {
    let mut w = [0.12, 0.12, 0.12];
    w[spec.brand] = 0.76;
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_table_is_in_enum_order() {
        for (i, spec) in TOPICS.iter().enumerate() {
            assert_eq!(spec.topic.index(), i, "{:?} is out of place", spec.topic);
            assert!(
                PRODUCT_AREAS.iter().any(|(v, _)| *v == spec.product_area),
                "{:?} names an unknown product area",
                spec.topic
            );
            assert!(!spec.tags.is_empty() && spec.tags.len() <= 2);
        }
    }

    #[test]
    fn contact_reasons_are_in_enum_order_and_distinct() {
        for (i, (topic, value, name)) in CONTACT_REASONS.iter().enumerate() {
            assert_eq!(topic.index(), i, "{topic:?} is out of place");
            assert!(value.starts_with("contact_") && !name.is_empty());
            assert_eq!(topic.contact_reason(), *value);
        }
        let mut values: Vec<&str> = CONTACT_REASONS.iter().map(|r| r.1).collect();
        values.sort_unstable();
        values.dedup();
        assert_eq!(values.len(), TOPIC_COUNT, "one distinct value per topic");
    }
}
