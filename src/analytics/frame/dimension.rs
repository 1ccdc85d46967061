//! Ticket dimensions for `--by` and `--where`: their names, the frame column behind each,
//! and how a key becomes a display label.

use std::collections::HashMap;
use std::fmt;

use crate::analytics::AnalyticsError;
use crate::store::FieldDefinition;

use super::names::Names;
use super::sources::SourceInfo;

/// A ticket dimension of the contract. `Tag` and `Field` are multi-valued (a ticket with
/// two tags counts once under each) and live in their own frames.
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
    /// The ticket's source, keyed by its name (unique in a workspace).
    Source,
    Tag,
    /// A custom field, by its id (`field:<id>`).
    Field(i64),
}

impl Dimension {
    /// Every single-word dimension; `field:<id>` comes on top.
    pub const ALL: [Dimension; 11] = [
        Dimension::Channel,
        Dimension::Status,
        Dimension::Priority,
        Dimension::Type,
        Dimension::Group,
        Dimension::Assignee,
        Dimension::Brand,
        Dimension::Organization,
        Dimension::Requester,
        Dimension::Source,
        Dimension::Tag,
    ];

    pub fn name(self) -> String {
        match self {
            Dimension::Field(id) => format!("field:{id}"),
            other => other.word().to_owned(),
        }
    }

    fn word(self) -> &'static str {
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
            Dimension::Source => "source",
            Dimension::Tag => "tag",
            Dimension::Field(_) => "field",
        }
    }

    /// Parses a dimension name; whether a custom field exists is checked against the
    /// workspace when the query runs.
    pub fn parse(s: &str) -> Result<Dimension, AnalyticsError> {
        if let Some(id) = s.strip_prefix("field:") {
            return id
                .trim()
                .parse::<i64>()
                .map(Dimension::Field)
                .map_err(|_| unknown(s));
        }
        Dimension::ALL
            .into_iter()
            .find(|d| d.word() == s)
            .ok_or_else(|| unknown(s))
    }

    pub fn valid_list() -> String {
        let mut names: Vec<String> = Dimension::ALL.map(Dimension::name).into();
        names.push("field:<id>".to_owned());
        names.join(", ")
    }

    /// Whether a ticket can carry several values (tags, multi-select fields).
    pub fn is_multi(self) -> bool {
        matches!(self, Dimension::Tag | Dimension::Field(_))
    }

    /// The ticket frame's column holding a single-valued dimension (for `source`, its
    /// id; the key is the name, see `Frame::key_expr`).
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
            Dimension::Source => "source_id",
            Dimension::Tag | Dimension::Field(_) => "",
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

    /// The display label of a key: a name for ids (the id itself when unknown), an option
    /// name for custom fields, the tag itself, an English word for enum values, `(none)`
    /// for a missing value.
    pub fn label(self, key: Option<&str>, labels: &Labels) -> String {
        let Some(key) = key else {
            return "(none)".to_owned();
        };
        let id = || key.parse::<i64>().ok();
        let name = match self {
            Dimension::Group => id()
                .and_then(|id| labels.groups.get(&id))
                .map(String::as_str),
            Dimension::Assignee | Dimension::Requester => id().and_then(|id| labels.users.get(id)),
            Dimension::Brand => id()
                .and_then(|id| labels.brands.get(&id))
                .map(String::as_str),
            Dimension::Organization => id().and_then(|id| labels.organizations.get(id)),
            Dimension::Tag | Dimension::Source => return key.to_owned(),
            Dimension::Field(id) => {
                return labels
                    .fields
                    .get(&id)
                    .and_then(|f| f.options.iter().find(|(value, _)| value == key))
                    .map_or_else(|| key.to_owned(), |(_, name)| name.clone())
            }
            _ => return enum_label(key),
        };
        name.unwrap_or(key).to_owned()
    }
}

/// The error for a name that is no dimension, with the list of valid ones.
fn unknown(name: &str) -> AnalyticsError {
    AnalyticsError::UnknownDimension {
        name: name.to_owned(),
        valid: Dimension::valid_list(),
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
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

/// Display names for id dimensions and custom fields.
#[derive(Debug, Default)]
pub struct Labels {
    pub groups: HashMap<i64, String>,
    pub users: Names,
    pub brands: HashMap<i64, String>,
    pub organizations: Names,
    /// Custom-field definitions by id.
    pub fields: HashMap<i64, FieldDefinition>,
    /// The workspace's sources in id order.
    pub sources: Vec<SourceInfo>,
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
        assert_eq!(
            Dimension::Source.label(Some("Helpdesk EU"), &labels),
            "Helpdesk EU",
            "a source's key is its name"
        );
    }

    #[test]
    fn unknown_dimension_lists_the_valid_ones() {
        let err = Dimension::parse("colour").unwrap_err().to_string();
        assert!(err.contains("channel, status, priority"), "{err}");
        assert!(err.contains("requester, source, tag, field:<id>"), "{err}");
        assert_eq!(Dimension::parse("source").unwrap(), Dimension::Source);
        assert_eq!(Dimension::parse("field:42").unwrap(), Dimension::Field(42));
        assert!(Dimension::parse("field:abc").is_err());
    }
}
