//! Every sentence protokoll says to its user, in Swedish: the rules'
//! findings and hints (`validate`), errors of reading files (`reading`), of
//! making documents (`making`), and what the commands report (`report`).
//! The shared forms (a count with the right plural, "menade du …?") live
//! here, so the wording is the same everywhere. Code and comments stay
//! English; only what reaches the user is written in this module.

// A catalogue function is its text: the name and the sentence say what it
// is, so the catalogues are exempt from the doc-comment lint.
#[allow(missing_docs)]
pub mod making;
#[allow(missing_docs)]
pub mod reading;
#[allow(missing_docs)]
pub mod report;
#[allow(missing_docs)]
pub mod validate;

/// "1 fel", "2 varningar", "1 mötesfil": `n` with the form that fits it.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The hint for a name that is nearly one that exists: "menade du Sofia Holm?".
pub fn did_you_mean(name: &str) -> String {
    format!("menade du {name}?")
}

/// Names joined as Swedish prose: "A", "A och B", "A, B och C".
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => format!(
            "{} och {}",
            init.iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_singular_for_one_only() {
        assert_eq!(count(0, "varning", "varningar"), "0 varningar");
        assert_eq!(count(1, "varning", "varningar"), "1 varning");
        assert_eq!(count(2, "mötesfil", "mötesfiler"), "2 mötesfiler");
    }

    #[test]
    fn the_check_summary_says_1_and_2_of_each_right() {
        assert_eq!(
            report::check_summary(1, 1, 1, 1, 1),
            "1 fel, 1 varning i 1 mötesfil, 1 delegationsbeslut och 1 organfil"
        );
        assert_eq!(
            report::check_summary(2, 2, 2, 2, 2),
            "2 fel, 2 varningar i 2 mötesfiler, 2 delegationsbeslut och 2 organfiler"
        );
        assert_eq!(
            report::files_not_built(1, 1),
            "1 av 1 fil byggdes inte; inga befintliga PDF:er skrevs över för den"
        );
    }

    #[test]
    fn names_are_joined_with_och() {
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["Anna"]), "Anna");
        assert_eq!(and_list(&["Anna", "Bo", "Cecilia"]), "Anna, Bo och Cecilia");
    }
}
