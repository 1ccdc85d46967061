//! Ticket dimensions for `--by` and `--where`: their names, the frame column behind each,
//! and how a key becomes a display label.

use std::fmt;

use super::frame::Labels;
use super::AnalyticsError;

/// A ticket dimension of the contract. Tags and custom fields come with the KPI engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    Channel,
    Status,
    Priority,
    Type,
    Group,
    Assignee,
    Brand,
    Organization,
    Requester,
}

impl Dimension {
    pub const ALL: [Dimension; 9] = [
        Dimension::Channel,
        Dimension::Status,
        Dimension::Priority,
        Dimension::Type,
        Dimension::Group,
        Dimension::Assignee,
        Dimension::Brand,
        Dimension::Organization,
        Dimension::Requester,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Dimension::Channel => "channel",
            Dimension::Status => "status",
            Dimension::Priority => "priority",
            Dimension::Type => "type",
            Dimension::Group => "group",
            Dimension::Assignee => "assignee",
            Dimension::Brand => "brand",
            Dimension::Organization => "organization",
            Dimension::Requester => "requester",
        }
    }

    pub fn parse(s: &str) -> Result<Dimension, AnalyticsError> {
        Dimension::ALL
            .into_iter()
            .find(|d| d.name() == s)
            .ok_or_else(|| AnalyticsError::UnknownDimension(s.to_owned()))
    }

    pub fn valid_list() -> String {
        Dimension::ALL.map(Dimension::name).join(", ")
    }

    /// The frame column holding this dimension.
    pub fn column(self) -> &'static str {
        match self {
            Dimension::Channel => "channel",
            Dimension::Status => "status",
            Dimension::Priority => "priority",
            Dimension::Type => "type",
            Dimension::Group => "group_id",
            Dimension::Assignee => "assignee_id",
            Dimension::Brand => "brand_id",
            Dimension::Organization => "organization_id",
            Dimension::Requester => "requester_id",
        }
    }

    /// Whether keys are the helpdesk's numeric ids (else enum words).
    pub fn is_id(self) -> bool {
        matches!(
            self,
            Dimension::Group
                | Dimension::Assignee
                | Dimension::Brand
                | Dimension::Organization
                | Dimension::Requester
        )
    }

    /// The display label of a key: a name for ids (the id itself when unknown), an
    /// English word for enum values, `(none)` for a missing value.
    pub fn label(self, key: Option<&str>, labels: &Labels) -> String {
        let Some(key) = key else {
            return "(none)".to_owned();
        };
        let names = match self {
            Dimension::Group => &labels.groups,
            Dimension::Assignee | Dimension::Requester => &labels.users,
            Dimension::Brand => &labels.brands,
            Dimension::Organization => &labels.organizations,
            _ => return enum_label(key),
        };
        key.parse::<i64>()
            .ok()
            .and_then(|id| names.get(&id).cloned())
            .unwrap_or_else(|| key.to_owned())
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// English display words for Zendesk's enum values; others are capitalised.
fn enum_label(key: &str) -> String {
    let known = match key {
        "api" => "API",
        "voice" => "Phone",
        "web" => "Web form",
        "hold" => "On-hold",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_owned();
    }
    let mut chars = key.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars)
            .collect::<String>()
            .replace('_', " "),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_for_enums_ids_and_missing_values() {
        let mut labels = Labels::default();
        labels.groups.insert(7, "Billing".to_owned());
        assert_eq!(Dimension::Group.label(Some("7"), &labels), "Billing");
        assert_eq!(
            Dimension::Group.label(Some("8"), &labels),
            "8",
            "unknown ids show the id"
        );
        assert_eq!(Dimension::Channel.label(Some("email"), &labels), "Email");
        assert_eq!(Dimension::Status.label(Some("hold"), &labels), "On-hold");
        assert_eq!(Dimension::Priority.label(None, &labels), "(none)");
    }

    #[test]
    fn unknown_dimension_lists_the_valid_ones() {
        let err = Dimension::parse("colour").unwrap_err().to_string();
        assert!(err.contains("channel, status, priority"), "{err}");
    }
}
