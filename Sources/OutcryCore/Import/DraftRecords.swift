/// Records made from what the importer read, for an editor to review: only what the text gave is
/// filled in, and nothing is published.
extension ImportedTarget {
    /// Copies the contact details the text gave onto a target, keeping what an editor added that texts
    /// never carry (country, salutation preferences, when it was last checked).
    public func fill(_ target: inout Target) {
        if let name = name.value { target.name = name }
        target.honorific = honorific.value
        target.title = title.value
        target.body = organisation.value
        target.addressLines = addressLines.value ?? []
        target.emails = emails.value ?? []
        target.fax = fax.value
        target.phone = phone.value
        target.socialHandles = socialHandles.value ?? []
        target.contactFormURL = contactForm.value
        if let salutation = salutation.value { target.salutation = salutation }
        target.unusableContacts = unusableContacts
    }
}

extension ImportedUrgentAction {
    /// A draft action with the text's number, dates, summary, steps, asks and letter, about `caseID`.
    public func draft(
        caseID: Identifier<Case>, targets: [UrgentActionTarget], today: HistoricalDate, language: String = "en"
    ) -> UrgentAction {
        let number = number.value ?? ""
        var action = UrgentAction(
            id: Identifier(UrgentAction.slug(forNumber: number)), number: number, kind: .new, caseID: caseID,
            title: title.value ?? "", summary: (summary.value ?? []).joined(separator: "\n\n"), issued: issued.value ?? today,
            deadline: deadline.value.map(\.lastDay), language: language, takeAction: (takeAction.value ?? []).map(DraftText.step),
            asks: (asks.value ?? []).map(DraftText.capitalisingFirst), targets: targets)
        if let letter = letter.value, let salutation = letter.salutation.value, !letter.paragraphs.isEmpty {
            action.letters = [
                SampleLetter(
                    language: language, salutation: salutation, paragraphs: letter.paragraphs,
                    closing: letter.closing.value ?? "Yours sincerely,")
            ]
        }
        return action
    }
}

extension ImportedStatement {
    public func draft(today: HistoricalDate) -> Statement {
        Statement(
            id: "", title: title.value ?? "", published: date.value ?? today, lead: lead.value ?? [],
            quotes: (quotes.value ?? []).map { Quote(paragraphs: $0.paragraphs, speaker: $0.speaker, role: $0.role) },
            background: background.value ?? [])
    }
}

extension HistoricalDate {
    /// The last day a date covers: "June 2025" ends on 30 June 2025. A deadline of "the end of June"
    /// is a day a date field can hold.
    public var lastDay: HistoricalDate {
        guard day == nil else { return self }
        let month = month ?? 12
        return (try? HistoricalDate(year: year, month: month, day: Self.daysIn(month: month, year: year))) ?? self
    }
}
