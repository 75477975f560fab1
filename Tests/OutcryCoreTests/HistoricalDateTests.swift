import Testing

@testable import OutcryCore

@Suite struct HistoricalDateTests {
    @Test(arguments: [
        ("2024-01-16", HistoricalDate.Precision.day, "16 January 2024"),
        ("2024-02", .month, "February 2024"),
        ("2025", .year, "2025"),
    ])
    func parsesAndWordsEachPrecision(iso: String, precision: HistoricalDate.Precision, words: String) throws {
        let date = try HistoricalDate(iso: iso)
        #expect(date.precision == precision)
        #expect(date.iso == iso)
        #expect(DateWording.text(date) == words)
    }

    @Test(arguments: ["", "2024-1-5", "24-01-01", "2024-13", "2023-02-29", "2024-02-30", "2024/01/01", "２０２４", "2024-01-16T00:00"])
    func refusesWhatIsNotADate(text: String) {
        #expect(throws: DateError.self) { try HistoricalDate(iso: text) }
    }

    @Test func acceptsTheLeapDay() throws {
        #expect(try HistoricalDate(iso: "2024-02-29").day == 29)
    }

    @Test func lessPreciseDateSortsBeforeTheDaysItContains() throws {
        let dates = try ["2024-03-12", "2024", "2024-03", "2023-12-31", "2024-03-01"].map { try HistoricalDate(iso: $0) }
        #expect(dates.sorted().map(\.iso) == ["2023-12-31", "2024", "2024-03", "2024-03-01", "2024-03-12"])
    }
}

@Suite struct EventDateTests {
    @Test(arguments: [
        ("2025-05-28/2025-05-29", "28–29 May 2025"),
        ("2024-03-12/2024-04-09", "12 March – 9 April 2024"),
        ("2024-02/2025-05", "February 2024 – May 2025"),
        ("2024-11/2024-12", "November – December 2024"),
        ("2023-12-30/2024-01-02", "30 December 2023 – 2 January 2024"),
        ("2024-01-16", "16 January 2024"),
    ])
    func wordsRanges(iso: String, words: String) throws {
        let date = try EventDate(iso: iso)
        #expect(DateWording.text(date) == words)
        #expect(date.iso == iso)
    }

    @Test func refusesARangeThatEndsBeforeItStarts() {
        #expect(throws: DateError.rangeEndsBeforeStart("2024-04-09/2024-03-12")) { try EventDate(iso: "2024-04-09/2024-03-12") }
    }

    @Test func aRangeFromADayToTheSameDayIsThatDay() throws {
        let date = try EventDate(iso: "2024-01-16/2024-01-16")
        #expect(!date.isRange)
        #expect(date.iso == "2024-01-16")
    }

    @Test func sinceReadsNaturallyForShortSpansAndHonestlyForLongOnes() throws {
        #expect(DateWording.since(try EventDate(iso: "2025-05-28/2025-05-29")) == "28–29 May 2025")
        #expect(DateWording.since(try EventDate(iso: "2024-01-16/2024-03-12")) == "some time between 16 January 2024 and 12 March 2024")
        #expect(DateWording.since(try EventDate(iso: "2024-01-16")) == "16 January 2024")
    }

    @Test func singleDaySortsBeforeARangeStartingThatDay() throws {
        let range = try EventDate(iso: "2024-01-16/2024-03-12")
        let day = try EventDate(iso: "2024-01-16")
        #expect(day < range)
        #expect(!(range < day))
    }
}
