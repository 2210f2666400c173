//! Serialize and Deserialize for the core's own leaf types (feature `serde`), so params and
//! answers can derive them. A [`Secret`] serializes to its value, as oauth2-rs's token types do:
//! serializing an answer is for handing its tokens on (to JS, to storage), so treat the output
//! as secret. Deserializing does no checking: the clients check params as they send them.

use crate::flow::authorize_url::Scopes;
use crate::flow::state::StateData;
use crate::json::{parse, Json, Writer};
use crate::options::Signal;
use crate::params::Never;
use crate::prelude::*;
use crate::secret::Secret;
use alloc::borrow::Cow;
use core::fmt;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.secret())
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret::new)
    }
}

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(flag) => serializer.serialize_bool(*flag),
            Json::Number(text) => match (text.parse::<i64>(), text.parse::<u64>()) {
                (Ok(number), _) => serializer.serialize_i64(number),
                (_, Ok(number)) => serializer.serialize_u64(number),
                _ => serializer.serialize_f64(text.parse::<f64>().map_err(serde::ser::Error::custom)?),
            },
            Json::String(text) => serializer.serialize_str(text),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                items.iter().try_for_each(|item| seq.serialize_element(item))?;
                seq.end()
            }
            Json::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                members.iter().try_for_each(|(key, value)| map.serialize_entry(key.as_ref(), value))?;
                map.end()
            }
        }
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'static>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Json::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        Json::deserialize(deserializer)
    }

    fn visit_bool<E: de::Error>(self, flag: bool) -> Result<Self::Value, E> {
        Ok(Json::Bool(flag))
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> Result<Self::Value, E> {
        Ok(Json::Number(Cow::Owned(crate::text!(number))))
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> Result<Self::Value, E> {
        Ok(Json::Number(Cow::Owned(number.to_string())))
    }

    fn visit_f64<E: de::Error>(self, number: f64) -> Result<Self::Value, E> {
        if number.is_finite() {
            Ok(Json::Number(Cow::Owned(number.to_string())))
        } else {
            Err(E::custom("a JSON number must be finite"))
        }
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Json::String(Cow::Owned(text.to_owned())))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Json<'static>>()? {
            members.push((Cow::Owned(key), value));
        }
        Ok(Json::Object(members))
    }
}

impl<'de> Deserialize<'de> for Json<'static> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

/// `"a,b"` or `["a", "b"]`, as given.
impl Serialize for Scopes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Scopes::Joined(scopes) => serializer.serialize_str(scopes),
            Scopes::List(scopes) => scopes.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Scopes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Json::deserialize(deserializer)? {
            Json::String(scopes) => Ok(Scopes::Joined(scopes.into_owned())),
            Json::Array(items) => items
                .into_iter()
                .map(|item| {
                    item.as_str().map(str::to_owned).ok_or_else(|| de::Error::custom("a scope must be a string"))
                })
                .collect::<Result<_, _>>()
                .map(Scopes::List),
            _ => Err(de::Error::custom("scopes are a string or an array of strings")),
        }
    }
}

/// The data of a signed state: any JSON value.
impl Serialize for StateData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        parse(self.as_json()).map_err(|_| serde::ser::Error::custom("unreadable state data"))?.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for StateData {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Json::deserialize(deserializer)?;
        Ok(StateData::new(text_of(&value)))
    }
}

/// An `AbortSignal` has no Rust form: it is never serialized, and any value reads as absent.
impl Serialize for Signal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit()
    }
}

impl<'de> Deserialize<'de> for Signal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        de::IgnoredAny::deserialize(deserializer).map(|_| Signal)
    }
}

/// A key one shape of a union must not have: never present.
impl Serialize for Never {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit()
    }
}

impl<'de> Deserialize<'de> for Never {
    fn deserialize<D: Deserializer<'de>>(_deserializer: D) -> Result<Self, D::Error> {
        Err(de::Error::custom("this key is not allowed here"))
    }
}

/// A value's JSON text.
fn text_of(value: &Json) -> String {
    match value {
        Json::Null => "null".to_owned(),
        Json::Bool(flag) => if *flag { "true" } else { "false" }.to_owned(),
        Json::Number(text) => text.to_string(),
        Json::String(text) => Writer::quoted(text),
        Json::Array(items) => {
            let items: Vec<String> = items.iter().map(text_of).collect();
            crate::text!("[", crate::text::join(items.iter().map(String::as_str), ","), "]")
        }
        Json::Object(members) => {
            let members: Vec<String> =
                members.iter().map(|(key, value)| crate::text!(Writer::quoted(key), ":", text_of(value))).collect();
            crate::text!("{", crate::text::join(members.iter().map(String::as_str), ","), "}")
        }
    }
}

#[cfg(all(test, feature = "client"))]
mod tests {
    use crate::client::FromJson;
    use crate::slack::oauth::OAuthV2AccessArguments;
    use crate::slack::{OAuthV2AccessResponse, SlackClientOptions};

    const ANSWER: &str = r#"{"ok":true,"access_token":"xoxb-1","team":{"id":"T1","name":null},"expires_in":43200,"later":{"a":[1,2.5,"x",null,true]}}"#;

    #[test]
    fn an_answer_round_trips_with_its_unknown_members() {
        let typed: OAuthV2AccessResponse = serde_json::from_str(ANSWER).unwrap();
        assert_eq!(typed.access_token.as_ref().map(crate::Secret::secret), Some("xoxb-1"));
        assert_eq!(typed.extra.get("later").map(|_| ()), Some(()));
        let back: serde_json::Value = serde_json::to_value(&typed).unwrap();
        assert_eq!(back["later"], serde_json::json!({"a": [1, 2.5, "x", null, true]}));
        assert_eq!(back["access_token"], "xoxb-1");
        // The same answer read by the clients' reader.
        let read = OAuthV2AccessResponse::from_json(&crate::json::parse(ANSWER).unwrap()).unwrap();
        assert_eq!(serde_json::to_value(&read).unwrap(), back);
    }

    #[test]
    fn params_take_their_js_names_and_are_not_checked_on_reading() {
        let options: SlackClientOptions =
            serde_json::from_str(r#"{"slackApiUrl":"http://127.0.0.1:1/","timeout":5}"#).unwrap();
        assert_eq!(options.slack_api_url.as_deref(), Some("http://127.0.0.1:1/"));
        let params: OAuthV2AccessArguments = serde_json::from_str(r#"{"client_id":"","code":"a\nb"}"#).unwrap();
        assert_eq!(params.code.as_ref().map(crate::Secret::secret), Some("a\nb"));
    }
}
