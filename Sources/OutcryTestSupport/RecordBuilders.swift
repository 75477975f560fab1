import OutcryCore

extension UrgentAction {
    /// A draft with everything publishing asks for: an official to write to, a letter and a summary.
    public static func readyToPublish(
        id: Identifier<UrgentAction> = "31-24", number: String = "31.24", deadline: String? = "2024-12-01"
    ) -> UrgentAction {
        UrgentAction(
            id: id, number: number, caseID: "temirov-live-2024", title: "Journalists sentenced", summary: "Two were sentenced.",
            issued: .day("2024-10-11"), deadline: deadline.map(HistoricalDate.day), targets: [.init(target: "sadyr-japarov")],
            letters: [SampleLetter(salutation: "Dear President,", paragraphs: ["Please release them."], closing: "Yours sincerely,")])
    }
}

extension HistoricalDate {
    /// A date written as in ISO 8601 (`2024`, `2024-10`, `2024-10-11`), for tests that know it is valid.
    public static func day(_ iso: String) -> HistoricalDate {
        do {
            return try HistoricalDate(iso: iso)
        } catch {
            preconditionFailure("“\(iso)” is not a date: \(error)")
        }
    }
}
