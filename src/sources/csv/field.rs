//! The canonical fields a file's columns map to, as the user names them in `--map
//! "COLUMN=FIELD"`, and how column headers are compared.

use std::fmt;
use std::str::FromStr;

/// A field of a ticket or survey row.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The ticket's id (ticket files) or the response's id (survey files).
    Id,
    Subject,
    Description,
    Status,
    Priority,
    Type,
    Channel,
    Group,
    Assignee,
    RequesterEmail,
    Organization,
    Tags,
    CreatedAt,
    FirstReplyAt,
    SolvedAt,
    ClosedAt,
    UpdatedAt,
    /// A custom column, kept as a ticket field of this name.
    Custom(String),
    /// The ticket a survey response belongs to.
    TicketId,
    Score,
    Comment,
    RatedAt,
}

/// The fields with a fixed name, in the order the help lists them.
const NAMED: [(Field, &str); 21] = [
    (Field::Id, "id"),
    (Field::Subject, "subject"),
    (Field::Description, "description"),
    (Field::Status, "status"),
    (Field::Priority, "priority"),
    (Field::Type, "type"),
    (Field::Channel, "channel"),
    (Field::Group, "group"),
    (Field::Assignee, "assignee"),
    (Field::RequesterEmail, "requester_email"),
    (Field::Organization, "organization"),
    (Field::Tags, "tags"),
    (Field::CreatedAt, "created_at"),
    (Field::FirstReplyAt, "first_reply_at"),
    (Field::SolvedAt, "solved_at"),
    (Field::ClosedAt, "closed_at"),
    (Field::UpdatedAt, "updated_at"),
    (Field::TicketId, "ticket_id"),
    (Field::Score, "score"),
    (Field::Comment, "comment"),
    (Field::RatedAt, "rated_at"),
];

/// The prefix of a custom field's name: `field:Region`.
const CUSTOM_PREFIX: &str = "field:";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a field; use one of {list}, or field:NAME for a custom column", list = Field::names().join(", "))]
pub struct UnknownField(pub String);

impl Field {
    /// The fixed field names, for messages.
    pub fn names() -> Vec<&'static str> {
        NAMED.iter().map(|(_, name)| *name).collect()
    }

    /// Whether the column holds an instant.
    pub fn is_date(&self) -> bool {
        matches!(
            self,
            Field::CreatedAt
                | Field::FirstReplyAt
                | Field::SolvedAt
                | Field::ClosedAt
                | Field::UpdatedAt
                | Field::RatedAt
        )
    }

    /// Whether several columns gather into one list (Jira repeats `Labels` per value).
    pub fn is_list(&self) -> bool {
        matches!(self, Field::Tags)
    }
}

impl FromStr for Field {
    type Err = UnknownField;

    fn from_str(text: &str) -> Result<Field, UnknownField> {
        let text = text.trim();
        if let Some(name) = text.strip_prefix(CUSTOM_PREFIX) {
            let name = collapse_spaces(name);
            return if name.is_empty() {
                Err(UnknownField(text.to_owned()))
            } else {
                Ok(Field::Custom(name))
            };
        }
        NAMED
            .iter()
            .find(|(_, name)| name.eq_ignore_ascii_case(text))
            .map(|(field, _)| field.clone())
            .ok_or_else(|| UnknownField(text.to_owned()))
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Custom(name) => write!(f, "{CUSTOM_PREFIX}{name}"),
            named => {
                let name = NAMED
                    .iter()
                    .find(|(field, _)| field == named)
                    .map_or("?", |(_, name)| *name);
                f.write_str(name)
            }
        }
    }
}

/// A header as compared with a preset's aliases: trimmed, case-folded, runs of
/// whitespace made one space, so `Ticket  ID ` matches `ticket id`.
pub fn header_key(header: &str) -> String {
    collapse_spaces(header).to_lowercase()
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_field_reads_back_from_its_name() {
        for name in Field::names() {
            let field: Field = name.parse().expect("a field name");
            assert_eq!(field.to_string(), name);
        }
    }

    #[test]
    fn custom_fields_keep_their_name_and_others_are_refused() {
        assert_eq!(
            "field:Request  type".parse::<Field>(),
            Ok(Field::Custom("Request type".into()))
        );
        assert!("field:".parse::<Field>().is_err());
        let err = "resolved".parse::<Field>().unwrap_err().to_string();
        assert!(
            err.contains("solved_at") && err.contains("field:NAME"),
            "{err}"
        );
    }

    #[test]
    fn headers_compare_after_trim_case_fold_and_space_collapse() {
        assert_eq!(header_key("  Ticket\t ID "), "ticket id");
        assert_eq!(header_key("Статус"), "статус");
    }
}
