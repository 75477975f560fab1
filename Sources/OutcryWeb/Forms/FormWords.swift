/// A coordinator form's words, from the catalog in the coordinator's language: a field's label is the
/// message `admin.PREFIX.NAME`, its hint `admin.PREFIX.NAME-hint`, and the form's other sentences
/// `admin.PREFIX.…` too.
protocol WordedForm {
    var messages: Messages { get }
    /// `action-form`, `case-form`…
    static var wordsPrefix: String { get }
}

extension WordedForm {
    func label(_ name: String) -> String { words(name) }

    func hint(_ name: String) -> String { words(name + "-hint") }

    func words(_ name: String, _ values: KeyValuePairs<String, String> = [:]) -> String {
        messages("admin.\(Self.wordsPrefix).\(name)", values)
    }

    /// An empty set of problems, reported in the coordinator's language.
    func noErrors() -> FormErrors { FormErrors(messages) }
}
