//! The API's JSON as typed structs. Every field is optional or defaulted and unknown
//! fields are ignored, so new or missing fields never break a page; conversion to the
//! canonical model (and its validation) happens in `convert`.

use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
pub struct TicketDto {
    pub id: i64,
    pub status: Option<String>,
    pub priority: Option<String>,
    #[serde(rename = "type")]
    pub ticket_type: Option<String>,
    pub subject: Option<String>,
    pub description: Option<String>,
    pub requester_id: Option<i64>,
    pub submitter_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub group_id: Option<i64>,
    pub organization_id: Option<i64>,
    pub brand_id: Option<i64>,
    pub ticket_form_id: Option<i64>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub custom_fields: Vec<CustomFieldDto>,
    pub via: Option<ViaDto>,
    pub metric_set: Option<MetricSetDto>,
    /// When the export last saw the ticket change; how far the stream has come.
    pub generated_timestamp: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub struct CustomFieldDto {
    pub id: i64,
    #[serde(default)]
    pub value: Value,
}

#[derive(Debug, Deserialize)]
pub struct ViaDto {
    /// A via type name (`email`, `web`, …) or, on older data, its numeric id.
    pub channel: Option<Value>,
}

/// Minutes as `{calendar, business}`; either may be null.
#[derive(Debug, Default, Deserialize)]
pub struct MinutesDto {
    pub calendar: Option<f64>,
    pub business: Option<f64>,
}

#[derive(Debug, Default, Deserialize)]
pub struct MetricSetDto {
    /// Set in the top-level `metric_sets` form.
    pub ticket_id: Option<i64>,
    pub replies: Option<i64>,
    pub reopens: Option<i64>,
    pub assignee_stations: Option<i64>,
    pub group_stations: Option<i64>,
    pub solved_at: Option<String>,
    pub reply_time_in_minutes: Option<MinutesDto>,
    pub first_resolution_time_in_minutes: Option<MinutesDto>,
    pub full_resolution_time_in_minutes: Option<MinutesDto>,
    pub requester_wait_time_in_minutes: Option<MinutesDto>,
    pub agent_wait_time_in_minutes: Option<MinutesDto>,
    pub on_hold_time_in_minutes: Option<MinutesDto>,
}

#[derive(Debug, Deserialize)]
pub struct UserDto {
    pub id: i64,
    pub name: Option<String>,
    pub email: Option<String>,
    pub role: Option<String>,
    pub locale: Option<String>,
    pub time_zone: Option<String>,
    pub organization_id: Option<i64>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

/// Groups, brands and organizations: what Deskbench needs of them is a name.
#[derive(Debug, Deserialize)]
pub struct NamedDto {
    pub id: i64,
    pub name: Option<String>,
    pub updated_at: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct TicketFieldDto {
    pub id: i64,
    pub title: Option<String>,
    #[serde(rename = "type")]
    pub field_type: Option<String>,
    pub active: Option<bool>,
    #[serde(default)]
    pub custom_field_options: Vec<FieldOptionDto>,
}

#[derive(Debug, Deserialize)]
pub struct FieldOptionDto {
    pub name: Option<String>,
    pub value: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct RatingDto {
    pub id: i64,
    pub ticket_id: Option<i64>,
    pub score: Option<String>,
    pub comment: Option<String>,
    pub reason: Option<String>,
    pub assignee_id: Option<i64>,
    pub group_id: Option<i64>,
    pub requester_id: Option<i64>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct MetricEventDto {
    pub id: i64,
    pub ticket_id: Option<i64>,
    pub metric: Option<String>,
    pub instance_id: Option<i64>,
    #[serde(rename = "type")]
    pub event_type: Option<String>,
    pub time: Option<String>,
    pub sla: Option<SlaDto>,
    #[serde(default)]
    pub deleted: bool,
}

#[derive(Debug, Deserialize)]
pub struct SlaDto {
    pub target: Option<f64>,
    pub business_hours: Option<bool>,
    pub policy: Option<PolicyDto>,
}

#[derive(Debug, Deserialize)]
pub struct PolicyDto {
    pub id: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub struct ArticleDto {
    pub id: i64,
    pub title: Option<String>,
    pub body: Option<String>,
    pub locale: Option<String>,
    pub section_id: Option<i64>,
    pub vote_sum: Option<i64>,
    pub vote_count: Option<i64>,
    pub html_url: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct SettingsBody {
    pub localization: Option<LocalizationDto>,
}

#[derive(Debug, Deserialize)]
pub struct LocalizationDto {
    pub iana_time_zone: Option<String>,
}
