/// The small edits that turn a published text's wording into a record's: what only made sense on the
/// page it came from goes ("Click here to…": the link did not survive), a list item starts with a capital.
public enum DraftText {
    /// "Click here to let us know…" → "Let us know…".
    public static func step(_ text: String) -> String {
        var step = text
        for opener in ["click here to ", "click here and ", "click here, and "] where Phrase.fold(step.prefix(opener.count)) == opener {
            step = String(step.dropFirst(opener.count))
        }
        return capitalisingFirst(step)
    }

    /// "immediately release…" → "Immediately release…".
    public static func capitalisingFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
