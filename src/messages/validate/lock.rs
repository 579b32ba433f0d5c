//! What the lock rule says.

pub fn changed_after_adjustment(adjusted: &str) -> String {
    format!(
        "mötesfilen har ändrats efter justeringen {adjusted}; ett justerat protokoll ändras bara med en rättelse"
    )
}

pub fn changed_after_adjustment_hint(lock: &str) -> String {
    format!(
        "skriv vad som rättas under rättelser: [{{datum: ÅÅÅÅ-MM-DD, text: …}}], så skrivs rättelsen ut i protokollet; \
         ska protokollet ändras utan rättelse är det ditt eget beslut: ta bort {lock}"
    )
}

pub fn lock_unreadable(lock: &str, reason: &str) -> String {
    format!("låsfilen {lock} går inte att använda: {reason}")
}

pub fn lock_unreadable_hint(lock: &str) -> String {
    format!("låsfilen skrivs av protokoll justera; ta bort {lock} och justera igen")
}
