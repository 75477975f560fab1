import Testing

@testable import OutcryCore

@Suite struct ImporterPartsTests {
    @Test(arguments: [
        ("17 April 2024", "2024-04-17"), ("April 17, 2024", "2024-04-17"), ("17.04.2024", "2024-04-17"),
        ("04/17/2024", "2024-04-17"), ("2024-04-17", "2024-04-17"), ("17 avril 2024", "2024-04-17"),
        ("17. April 2024", "2024-04-17"), ("17 april 2024", "2024-04-17"), ("17. huhtikuuta 2024", "2024-04-17"),
        ("17 апреля 2024", "2024-04-17"), ("2024年4月17日", "2024-04-17"), ("17 de abril de 2024", "2024-04-17"),
        ("17th April 2024", "2024-04-17"), ("SEND APPEALS BEFORE 2 JUNE 2016", "2016-06-02"), ("May 2024", "2024-05"),
    ])
    func datesInManyFormatsAndLanguages(text: String, iso: String) throws {
        let (date, _) = try #require(DateReader.firstDate(in: text))
        #expect(date.iso == iso)
    }

    @Test func impossibleDatesAreNotDates() {
        #expect(DateReader.firstDate(in: "31 February 2024") == nil)
        #expect(DateReader.firstDate(in: "45.13.2024") == nil)
    }

    @Test func relativeDeadlinesCountFromTheGivenDay() throws {
        let today = try HistoricalDate(iso: "2024-12-25")
        let (date, _) = try #require(DeadlineReader.date(in: "12 days left", folded: "12 days left", issued: nil, today: today))
        #expect(date.iso == "2025-01-06")
        #expect(DeadlineReader.date(in: "12 days left", folded: "12 days left", issued: nil, today: nil) == nil)
    }

    @Test(arguments: [
        ("Bitte schreiben Sie bis 31. Dezember 2023 höflich formulierte Briefe an den Präsidenten.", "2023-12-31"),
        ("Wir bitten Sie, nach dem 27. September 2013 keine Appelle mehr zu verschicken.", "2013-09-27"),
        ("UA 103/22-5 I Mitmachen bis 17. Juli 2024 I (UA Update vom: 22.05.2024)", "2024-07-17"),
        ("This action ended on March 12, 2024", "2024-03-12"),
    ])
    func deadlinesAsSectionsPhraseThem(line: String, iso: String) throws {
        let folded = Phrase.fold(line)
        #expect(DeadlineReader.phrase(in: folded) != nil)
        let (date, _) = try #require(DeadlineReader.date(in: line, folded: folded, issued: nil, today: nil))
        #expect(date.iso == iso)
    }

    @Test func deadlinesWithoutAYearTakeTheIssueYearOrTheNext() throws {
        let issued = try HistoricalDate(iso: "2024-11-20")
        let text = "Please send appeals before 10 January."
        let (date, _) = try #require(DeadlineReader.date(in: text, folded: Phrase.fold(text), issued: issued, today: nil))
        #expect(date.iso == "2025-01-10")
    }

    @Test(arguments: [
        ("UA 30.24", "30.24"), ("UA 106/23", "106/23"), ("UA: 98/16 Index: MDE 12/4022/2016", "98/16"),
        ("UA-257-1/2014", "257-1/2014"), ("Urgent Action 30.24", "30.24"), ("FI 098/20-2", "FI 098/20-2"),
    ])
    func numbersAsPublishersPrintThem(line: String, number: String) throws {
        let document = try DocumentImporter().read(text: line + "\n")
        #expect(document.action?.number.value == number)
    }

    @Test(arguments: [
        ("KOR 002 / 1208 / OBS 211", "KOR 002 / 1208 / OBS 211", DocumentKind.new),
        ("COL 010/0712/OBS 065", "COL 010/0712/OBS 065", .new),
        ("IND 004 / 0520 / OBS 059.1", "IND 004 / 0520 / OBS 059.1", .update),
        ("Case LBY 031207", "LBY 031207", .new),
        ("Case CMR 040408.1_ENG", "CMR 040408.1_ENG", .update),
    ])
    func theObservatorysAndTheOMCTsOwnNumbersAreRead(line: String, number: String, kind: DocumentKind) throws {
        let document = try DocumentImporter().read(text: line + "\nArbitrary detention\n")
        #expect(document.action?.number.value == number)
        #expect(document.kind.value == kind)
        // The number is no headline.
        #expect(document.action?.title.value == "Arbitrary detention")
    }

    @Test func aCountryCodeAndDigitsInProseAreNoCaseNumber() throws {
        let document = try DocumentImporter().read(text: "Egypt: Lawyer held\n\nThe case of ABC 123456 was heard, as was KOR 002 / 1208.\n")
        #expect(document.action?.number.isFound == false)
    }

    @Test(arguments: [
        "UA: Colombia Second Urgent Action 12.24", "Cuarta AU: 72/24 | Venezuela", "UA-126/2010-1", "UA 103/22-5 I Mitmachen bis",
    ])
    func aFollowUpIsKnownByItsNumber(line: String) throws {
        let document = try DocumentImporter().read(text: line + "\n\nJane Doe was arrested on 1 May.\n")
        #expect(document.kind.value == .update)
    }

    @Test func anIndexNumberIsNoDateAndTwoDigitYearsSpanTheCenturies() throws {
        let document = try DocumentImporter().read(
            text: "EXTERNAL AI Index: MDE 13/09/91\nDistr: UA/SC\n28 August 1991\nIran: prisoners of conscience\n\nJane Doe was held.\n")
        #expect(document.action?.issued.value?.iso == "1991-08-28")
        #expect(DateReader.firstDate(in: "13/09/91")?.0.iso == "1991-09-13")
        #expect(DateReader.firstDate(in: "13/09/24")?.0.iso == "2024-09-13")
    }

    @Test func theIssueDateBeforeADeadlineInsideAFlattenedPageOrInASeriesEdition() throws {
        func issued(_ text: String) throws -> String? { try DocumentImporter().read(text: text).action?.issued.value?.iso }
        #expect(
            try issued(
                "Guatemala : expulsions dans la vallée du Polochic\n\nAction complémentaire sur l’AU 83/11, AMR 34/014/2011, 18 octobre 2011 ENVOYEZ VOS APPELS AVANT LE 29 NOVEMBRE 2011.\n\nJane Doe a été libérée.\n"
            ) == "2011-10-18")
        #expect(
            try issued(
                "First UA 61/21 Index: ASA 17/4243/2021 China Date: June 10, 2021 URGENT ACTION MISSING IN XINJIANG Over 60 people have been held since 2017.\n"
            ) == "2021-06-10")
        #expect(
            try issued(
                "Nassima al-Sada\nBriefe gegen das Vergessen Juli 2024\nSeit über zwölf Jahren sitzt sie im Gefängnis. Schreiben Sie an den König.\n"
            )
                == "2024-07")
        // A deadline's own date is no issue date.
        #expect(try issued("Jane Doe was held.\nPlease send appeals before 29 November 2011.\n") == nil)
    }

    @Test func aCountryIsReadFromAPossessiveOrAnAddressOnOneLine() throws {
        #expect(NameFinder.countries(in: "breaching the Philippines’ Anti-Dummy Law").first?.0 == Country(rawValue: "PH"))
        let document = try DocumentImporter().read(
            text: "Write to:\nPublic Prosecutor Mohamed Shawky\nMadinat al-Rehab, Cairo, Arab Republic of Egypt\n\nA student was held.\n")
        #expect(document.action?.country.value == Country(rawValue: "EG"))
    }

    @Test func aCountryDescribedOnlyByItsAdjectiveIsFoundAndAnEmbassyOrASectionIsNot() throws {
        func country(_ text: String) throws -> String? { try DocumentImporter().read(text: text).action?.country.value?.rawValue }
        let call = "\n\nPlease write to the authorities and call for her release.\n"
        #expect(try country("Defender targeted by smear campaign\n\nThe Syrian woman human rights defender was threatened." + call) == "SY")
        #expect(try country("Zwei Brüder in Haft\n\nDie iranischen Behörden haben zwei Brüder festgenommen." + call) == "IR")
        #expect(try country("Deux frères en danger\n\nLes autorités iraniennes ont arrêté deux frères." + call) == "IR")
        #expect(try country("Dos hermanos en peligro\n\nLas autoridades iraníes detuvieron a dos hermanos." + call) == "IR")
        #expect(try country("Eleven men held in Maubara\n\nEleven men were arrested in East Timor." + call) == "TL")
        // The country of the embassy a letter goes through, or of the section that publishes it, is not the case's.
        let embassy =
            "Write to:\nHead of the Judiciary Gholamhossein Mohseni Ejei\nc/o Ambassade de l’Iran, Avenue Franklin Roosevelt No. 15, 1050 Bruxelles, Belgique\n\nTwo women were held for their activism."
        #expect(try country(embassy) != "BE")
        #expect(
            try country(
                "Sektion der Bundesrepublik Deutschland\n\nUrgent Action\n\nDie bahrainische Aktivistin Zainab al-Khawaja ist in Haft.")
                == "BH")
    }

    @Test func anAmnestyIndexNumberGivesItsCountry() throws {
        func country(_ text: String) throws -> Found<Country>? { try DocumentImporter().read(text: text).action?.country }
        let account = "\n\nThe director of a newspaper was freed without charge. Please write to the authorities.\n"
        // Only the index says where: "ASA 37" is Sri Lanka.
        let found = try #require(try country("ASA 37/015/2007\nFurther Information on UA 47/07" + account))
        #expect(found.value?.code == "LK")
        #expect(found.span?.line == 1 && found.span?.start == 0 && found.span?.end == 15)
        #expect(try country("AI Index: MDE 13/1234/2022" + account)?.value?.code == "IR")
        #expect(try country("Index: AMR51/012/2010" + account)?.value?.code == "US")
        // Surer than another country a heading line names: the index is the publisher's own code for the case's.
        #expect(try country("AFR 44/24/97\nUA 368/97 Fear of ill-treatment\nLondon office, United Kingdom" + account)?.value?.code == "NG")
        // A regional or thematic code, a code that has stood for two countries, or a number that only looks like one.
        #expect(try country("MDE 01/002/2020" + account)?.value == nil)
        #expect(try country("ACT 50/001/2021" + account)?.value == nil)
        #expect(try country("ASA 21/003/1999" + account)?.value == nil)
        #expect(try country("XMDE 13/1234/2022 and MDE 13/12" + account)?.value == nil)
    }

    @Test func aCountryNamedOnlyByAPlaceInItIsFoundWhenNothingElseNamesOne() throws {
        func country(_ text: String) throws -> Found<Country> { try #require(try DocumentImporter().read(text: text).action).country }
        let call = "\n\nPlease write to the governor and ask for clemency.\n"
        let texas = try country("Execution set for 12 March\n\nJohn Doe is due to be executed in Texas." + call)
        #expect(texas.value?.code == "US")
        #expect(texas.span?.line == 3)
        #expect(
            try country("Newspaper director held\n\nHe was detained in the capital, Colombo, on 26 February." + call).value?.code == "LK")
        #expect(try country("Zwei Brüder in Haft\n\nDie Brüder wurden in Teheran festgenommen." + call).value?.code == "IR")
        #expect(try country("Held in Addis Ababa\n\nTwo bloggers were arrested." + call).value?.code == "ET")
        // A country's name wins over a place, and a publisher's city is no case's.
        #expect(try country("Held in Texas\n\nThe Mexican national was arrested in Mexico and held in Texas." + call).value?.code == "MX")
        #expect(
            try country("LONDON, 3 May 2024\n\nA journalist was arrested; Amnesty International's office in London said." + call).value
                == nil)
    }

    @Test func theDateAfterAnIndexNumberOnItsLineIsTheIssueDate() throws {
        func issued(_ text: String) throws -> Found<HistoricalDate> { try #require(try DocumentImporter().read(text: text).action).issued }
        let text = """
            Subject: AI UA 37/99 EAST TIMOR Fear of torture

            Paper reprints authorised.

            PUBLIC AI Index: ASA 21/11/99 26 February 1999
            UA 37/99 Fear of torture/ill-treatment

            Eleven men were arrested in Maubara. Please write to the authorities.
            """
        let found = try issued(text)
        #expect(found.value?.iso == "1999-02-26")
        #expect(found.span?.line == 5)
        // The index's own numbers ("21/11/99") are no date, with or without one after them.
        #expect(try issued("AI Index: MDE 13/09/91\n\nA teacher was arrested. Please write to the authorities.").value == nil)
    }

    @Test func phrasesAreFoundTogetherInOnePass() {
        let phrases = PhraseSet(["no further action", "write to", "écrivez à"])
        #expect(phrases.firstMatch(in: "please write to the minister") == 7..<15)
        #expect(phrases.firstMatch(in: "écrivez à l'ambassade") == 0..<11)
        #expect(phrases.firstMatch(in: "no further action, write to") == 0..<17)
        #expect(phrases.firstMatch(in: "no further action", from: 1) == nil)
        #expect(phrases.firstMatch(in: "nothing to do here") == nil)
        #expect(phrases.firstMatch(in: "w") == nil)
    }

    @Test func anIndexIsReadBesideTheNumber() throws {
        let document = try DocumentImporter().read(text: "UA: 98/16 Index: MDE 12/4022/2016 Egypt Date: 21 April 2016\n")
        #expect(document.action?.index.value == "MDE 12/4022/2016")
        #expect(document.action?.issued.value?.iso == "2016-04-21")
        #expect(document.action?.country.value == Country(rawValue: "EG"))
    }

    @Test func sentencesAreNotCutAtAbbreviations() {
        #expect(
            Sentences.split("Dear Mr. President, H.E. Jane Doe was held. She is well.") == [
                "Dear Mr. President, H.E. Jane Doe was held.", "She is well.",
            ])
    }
}
