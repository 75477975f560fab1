/// `/verify`: the form for a code or a pasted statement, and the answer.
struct VerifyTotalsPage: Sendable {
    /// What a genuine statement said.
    struct Said: Sendable {
        var heading: String
        var action: Link
        /// For whom, and on which day.
        var about: String
        var rows: [OfficialsReportPage.Row]
        /// Whether the daily record still holds what the statement saw; nil for a statement that named none.
        var record: String?
        var recordChanged: Bool
    }

    var page: PageMeta
    var input: String
    var formAction: String
    var said: Said?
    /// Why the text given is not a genuine statement of this site.
    var refusal: String?

    init(page: PageMeta, input: String, formAction: String) {
        self.page = page
        self.input = input
        self.formAction = formAction
    }
}

extension VerifyTotalsPage: PublicPageView { static let template = "verify" }
