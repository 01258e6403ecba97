//! What a figure is: a level, a change, a rate, a part of the running figure, or a target.
//! Only levels form a level series (see [`crate::model::Role`]).
//!
//! A stated change with no level ("rose 2.1%", "fell by 300", "up 9.4%") is a change; a change
//! that names where it arrived ("fell to 4.1%", "rose from 2.1 million to 3.4 million",
//! "10,000, up from 3,000") is the level it reached.

use super::bounds::bound_before;
use super::context::Ctx;
use super::quantity::Quantity;
use crate::model::Role;

/// The role of quantity `q` in its sentence.
pub fn role_of(ctx: &Ctx, q: &Quantity) -> Role {
    if q.direction.is_some() && q.previous.is_none() && !reached(ctx, q.first) {
        return Role::Change;
    }
    Role::Level
}

/// The figure at token `first` is where a change arrived: "to" (or "at") stands before it, past
/// any bound words ("fell to about 4.1%", "eased to 1.9%", "stood at 3.4%").
fn reached(ctx: &Ctx, first: usize) -> bool {
    let before = ctx.words_before(first, 4);
    let skip = bound_before(before).map_or(0, |(_, n)| n);
    let before = &before[..before.len() - skip];
    matches!(before.last(), Some(&"to") | Some(&"at"))
}

#[cfg(test)]
mod tests {
    use crate::model::{Document, Role};

    fn roles(text: &str) -> Vec<(String, Role)> {
        crate::extract::extract(&Document::new("t", text))
            .into_iter()
            .map(|c| (c.text, c.role))
            .collect()
    }

    #[test]
    fn levels_reached_by_a_change_are_levels() {
        for (text, figure) in [
            ("Unemployment fell to 4.1 per cent in October.", "4.1"),
            ("Inflation eased to about 1.9% last month.", "1.9"),
            ("The toll rose to 3,549 on Tuesday.", "3,549"),
            (
                "Exports rose from 2.1 million to 3.4 million tonnes.",
                "3.4 million",
            ),
            (
                "There are 10,000 troops, up from 3,000 a week ago.",
                "10,000",
            ),
        ] {
            let got = roles(text);
            assert!(
                got.iter().any(|(t, r)| t == figure && *r == Role::Level),
                "{text}: {got:?}"
            );
        }
    }

    #[test]
    fn stated_changes_are_changes() {
        for (text, figure) in [
            ("Prices rose 2.1% in the year.", "2.1"),
            ("The workforce fell by 300 people.", "300"),
            ("Shares were up 9.4 per cent.", "9.4"),
            ("Output dropped about 12%.", "12"),
        ] {
            let got = roles(text);
            assert!(
                got.iter().any(|(t, r)| t == figure && *r == Role::Change),
                "{text}: {got:?}"
            );
        }
    }
}
