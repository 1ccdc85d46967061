//! The integer ids of a source's text keys: those earlier imports gave, and new ones
//! handed out after the highest of their kind, so a key keeps its id across imports.

use foldhash::HashMap;

use crate::store::ImportKey;

/// What a key names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyKind {
    Ticket,
    User,
    Group,
    Organization,
    Field,
    Rating,
}

const KINDS: [KeyKind; 6] = [
    KeyKind::Ticket,
    KeyKind::User,
    KeyKind::Group,
    KeyKind::Organization,
    KeyKind::Field,
    KeyKind::Rating,
];

impl KeyKind {
    fn as_str(self) -> &'static str {
        match self {
            KeyKind::Ticket => "ticket",
            KeyKind::User => "user",
            KeyKind::Group => "group",
            KeyKind::Organization => "organization",
            KeyKind::Field => "field",
            KeyKind::Rating => "rating",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Default)]
pub struct Keys {
    ids: [HashMap<String, i64>; 6],
    next: [i64; 6],
    /// Of each kind, the first id not yet stored: ids from here on were handed out since
    /// the last `take_added` (a million-row import keeps each key once, in `ids`).
    unstored: [i64; 6],
}

impl Keys {
    /// The keys a source holds already.
    pub fn new(stored: Vec<ImportKey>) -> Keys {
        let mut keys = Keys {
            next: [1; 6],
            ..Keys::default()
        };
        for k in stored {
            let Some(kind) = KINDS.into_iter().find(|kind| kind.as_str() == k.kind) else {
                continue;
            };
            let i = kind.index();
            keys.next[i] = keys.next[i].max(k.id + 1);
            keys.ids[i].insert(k.key, k.id);
        }
        keys.unstored = keys.next;
        keys
    }

    /// Whether the source holds any key of `kind`.
    pub fn holds_any(&self, kind: KeyKind) -> bool {
        !self.ids[kind.index()].is_empty()
    }

    pub fn get(&self, kind: KeyKind, key: &str) -> Option<i64> {
        self.ids[kind.index()].get(key).copied()
    }

    /// The id of `key`, and whether it was handed out just now.
    pub fn id(&mut self, kind: KeyKind, key: &str) -> (i64, bool) {
        if let Some(id) = self.get(kind, key) {
            return (id, false);
        }
        let i = kind.index();
        let id = self.next[i];
        self.next[i] += 1;
        self.ids[i].insert(key.to_owned(), id);
        (id, true)
    }

    /// The keys handed out since the last call, as (kind, key, id), to be stored: by kind,
    /// then in the order of the stored keys' index, which takes them quickest that way.
    pub fn take_added(&mut self) -> Vec<(&'static str, &str, i64)> {
        let mut added = Vec::new();
        for kind in KINDS {
            let i = kind.index();
            let first = added.len();
            added.extend(
                self.ids[i]
                    .iter()
                    .filter(|(_, id)| **id >= self.unstored[i])
                    .map(|(key, id)| (kind.as_str(), key.as_str(), *id)),
            );
            added[first..].sort_unstable_by(|a, b| a.1.cmp(b.1));
        }
        self.unstored = self.next;
        added
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_keys_keep_their_ids_and_new_ones_follow_the_highest() {
        let stored = vec![ImportKey {
            kind: "ticket".into(),
            key: "PROJ-7".into(),
            id: 41,
        }];
        let mut keys = Keys::new(stored);
        assert_eq!(keys.id(KeyKind::Ticket, "PROJ-7"), (41, false));
        assert_eq!(keys.id(KeyKind::Ticket, "00001026"), (42, true));
        assert_eq!(keys.id(KeyKind::Group, "Tier 1"), (1, true));
        assert_eq!(keys.id(KeyKind::Ticket, "00001026"), (42, false));
        let added: Vec<&str> = keys
            .take_added()
            .into_iter()
            .map(|(_, key, _)| key)
            .collect();
        assert_eq!(added, ["00001026", "Tier 1"]);
        assert!(keys.take_added().is_empty());
    }
}
