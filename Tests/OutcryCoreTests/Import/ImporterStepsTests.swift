import Testing

@testable import OutcryCore

/// The importer's steps one at a time, on texts short enough to read at a glance.
@Suite struct ImporterStepsTests {
    /// Whether the rules read a text as a statement, as the importer asks them.
    private static func isStatement(_ reading: DocumentReading, numbers: NumberReader.Numbers) -> Bool {
        reading.mayBeStatement(numbers: numbers, letter: .missing, officials: []) && reading.showsStatement
    }

    private func reading(_ lines: [String]) -> DocumentReading {
        DocumentReading(source: SourceText(lines.joined(separator: "\n") + "\n"), today: nil)
    }

    private func kind(of lines: [String]) -> DocumentKind? {
        let reading = reading(lines)
        let header = reading.findLayout().header
        return reading.findKind(numbers: reading.findNumbers(header: header), header: header, officials: .missing, letter: .missing).value
    }

    private static let newAction = [
        "UA 12/24", "Egypt: Lawyer detained", "", "Take action", "Write to the Minister of Justice.", "", "Background", "",
        "Lawyer Jane Doe has defended journalists for twenty years.", "",
    ]

    @Test func anUpdateMarkerCountsAsAWordWithItsPunctuation() {
        #expect(kind(of: ["Urgent Action Update: Activist on hunger strike (Egypt: UA 132.19)", "", "May 26, 2020"]) == .update)
        #expect(kind(of: ["India: Release on bail of Ms. Safoora Zargar", "Urgent Appeal", "", "New information"]) == .update)
        #expect(kind(of: ["Colombia: death threats against defenders", "", "Urgent Appeal", "", "Reliable sources say…"]) == .new)
        #expect(kind(of: ["Egypt: Lawyer detained", "", "This page was updated on 3 May 2024."]) == nil)
    }

    @Test func theConcernInAnOldBulletinsHeadingMakesANewAction() {
        #expect(kind(of: ["Soudan: Craintes de torture", "", "Le 6 décembre, sept dirigeants ont été arrêtés."]) == .new)
        #expect(kind(of: ["UA 232/95 Fear of ill-treatment or torture", "", "Jane Doe was arrested."]) == .new)
        #expect(kind(of: ["Myanmar", "", "Jane Doe feared torture after her arrest."]) == nil)
    }

    @Test func aStatementQuotesSomeoneInTheMiddleOfALine() {
        let lines = [
            "RSF soulagée par la libération des deux journalistes", "",
            "Reporters sans frontières salue la remise en liberté de Mohamed Gurj.", "",
            "« C’est une grande joie pour nous d’apprendre que les deux journalistes sont libres », a déclaré RSF.",
        ]
        let reading = reading(lines)
        #expect(Self.isStatement(reading, numbers: reading.findNumbers(header: reading.findLayout().header)))
        #expect(reading.findStatementKind().value == .statement)
        let action = ["Urgent Appeal", "", "« C’est une grande joie pour nous d’apprendre que les deux journalistes sont libres »."]
        let appeal = self.reading(action)
        #expect(!Self.isStatement(appeal, numbers: appeal.findNumbers(header: appeal.findLayout().header)))
    }

    @Test func aClosingSentenceMakesAClosingWhereverItStands() {
        #expect(kind(of: Self.newAction) == .new)
        let closing = Self.newAction + ["Many thanks to all who wrote: no further action is requested from the network."]
        #expect(kind(of: closing) == .closing)
    }

    @Test func theEndOfAnActionIsSaidInManyWays() {
        for sentence in [
            "We have received updated information and require no further action from the network.",
            "Please stop all direct appeals to the Governor linked to this case.",
            "Die Frist zum Mitmachen ist abgelaufen.", "Esta acción ha finalizado. Hemos sido 4.414 firmantes",
            "Diese Urgent Action ist beendet.", "Honduras – Action lettre terminée / Good News",
        ] {
            #expect(kind(of: Self.newAction + [sentence]) == .closing, "\(sentence)")
        }
    }

    @Test func aHeadlineTellingThePeopleAreFreeClosesAPageWithoutANumber() {
        let freed = ["Russian prisoner of conscience freed as the letter marathon ends", "", "Jane Doe is free!"]
        #expect(kind(of: freed) == .closing)
        #expect(kind(of: ["UA 12/24 Jane Doe freed on bail, charges remain", "", "Jane Doe was released."]) == .new)
        // A statement that quotes someone is still closing when it says the action has ended.
        let quoted = [
            "Colombia: threats grow", "", "Esta acción ha finalizado.", "",
            "“Once años de exilio no fueron suficientes para que dejaran de amenazarme”, dijo José.",
        ]
        let reading = reading(quoted)
        #expect(!Self.isStatement(reading, numbers: reading.findNumbers(header: reading.findLayout().header)))
        #expect(kind(of: quoted) == .closing)
    }

    @Test func anOutcomeHeadingCountsBelowTheTopOnlyOnAShortLine() {
        let prose = Self.newAction + ["Her lawyers called the hearing a victory for everyone who has written so far."]
        #expect(kind(of: prose) == .new)
        #expect(kind(of: Self.newAction + ["Victory!"]) == .closing)
    }

    @Test func theHeadlineStartsAfterItsMarkersAndNumber() throws {
        let line = "URGENT ACTION: UA 30.24 Kyrgyzstan: Lawyer held"
        #expect(line[DocumentReading.headlineStart(of: line)...] == "Kyrgyzstan: Lawyer held")
        // A page's button label run into the headline goes; the same word beginning a sentence stays.
        let glued = "Écrire Guatemala. Le gouvernement refuse de protéger des communautés"
        #expect(glued[DocumentReading.headlineStart(of: glued)...] == "Guatemala. Le gouvernement refuse de protéger des communautés")
        let sentence = "Write to the President"
        #expect(sentence[DocumentReading.headlineStart(of: sentence)...] == sentence)
        let reading = reading(["URGENT ACTION", "UA 30/24", "Kyrgyzstan: Lawyer held", "", "Jane Doe was arrested on 1 May."])
        let (title, summaryStart) = reading.findTitle(header: reading.findLayout().header)
        #expect(title.value == "Kyrgyzstan: Lawyer held")
        #expect(summaryStart == 3)
    }

    @Test func aStatementIsKnownByItsHeading() {
        let reading = reading(["Press release", "12 May 2024", "Court frees lawyer", "", "“Justice was done,” said Jane Doe."])
        let layout = reading.findLayout()
        let numbers = reading.findNumbers(header: layout.header)
        #expect(Self.isStatement(reading, numbers: numbers))
        let kind = reading.findStatementKind()
        #expect(kind.value == .statement)
        #expect(kind.span == reading.source.span(line: 0))
    }

    @Test func anOrganisationTakingAStanceInItsOpeningMakesAStatement() {
        for lines in [
            ["Azerbaijan: Bloggers jailed", "", "ARTICLE 19 condemns the jail terms given to two bloggers."],
            ["Nach Stopp der Flottille fordert ROG Freilassung von zwei Journalisten", "", "Zwei Journalisten sind in Haft."],
            ["Hongkong: Festnahmen", "", "Amnesty International (AI) zeigt sich besorgt über die Festnahme zweier Beobachter."],
            // The publisher first named in a credit, a verb after an adverb.
            ["(RSF/IFEX) – RSF condena la detención del periodista.", "", "El periodista sigue detenido."],
            ["Cameroon: Death in detention", "", "The Observatory firmly condemns the death in detention of a journalist."],
            // Written as news: what was said today, a dateline.
            ["Lebanon: Journalist held", "", "The authorities must release the journalist at once, Human Rights Watch said today."],
            [
                "Lebanon: Journalist held", "",
                "(Beirut) – Lebanese authorities detained a journalist on 3 May for his reporting on the port.",
            ],
            [
                "Lebanon: Journalist held", "",
                "BEIRUT, 4 May 2024 – Lebanese authorities detained a journalist for his reporting on the port.",
            ],
            [
                "Nicaragua: La solidaridad no es delito", "",
                "París-Ginebra, 18 de noviembre de 2019. El Observatorio pide la liberación de las 16 personas defensoras.",
            ],
        ] {
            let reading = reading(lines)
            let numbers = reading.findNumbers(header: reading.findLayout().header)
            #expect(Self.isStatement(reading, numbers: numbers), "\(lines)")
            #expect(reading.findStatementKind().value == .statement)
        }
        // Asking supporters to write makes it an action, whoever takes a stance; and a stance needs its verb.
        for lines in [
            ["Amnesty International condemns the arrest.", "", "Please write to the Minister of Justice."],
            ["Amnesty International has learned of the arrest.", "", "Jane Doe was arrested."],
            ["The Observatory firmly condemns the arrest.", "", "Fordere jetzt, dass die Todesurteile aufgehoben werden!"],
            ["Lebanon: Journalist held", "", "Jane Doe - a journalist - was detained on 3 May for her reporting on the port of Beirut."],
            // An appeal's opening formula, a page headed as an action's outcome.
            [
                "Reliable sources have informed the Observatory that Mr. Aleksei Sokolov is still held.", "",
                "The Observatory condemns his detention.", "“We will not stop,” said his lawyer Jane Roe to the press on Monday.",
            ],
            ["Good News", "", "“I am so happy to be free and I thank everyone who wrote,” said Roberto Quiñones."],
        ] {
            let reading = reading(lines)
            let numbers = reading.findNumbers(header: reading.findLayout().header)
            #expect(!Self.isStatement(reading, numbers: numbers), "\(lines)")
        }
    }

    @Test func aStatementsDateMayStandUnderItsFirstParagraphAfterALabelOrInADatelineUnderASubtitle() throws {
        func date(_ text: String) throws -> String? { try DocumentImporter().read(text: text).statement?.date.value?.iso }
        let quote = "\n\n“We are glad most of them are free,” said Jane Roe, the group's director, in a statement on Tuesday."
        #expect(
            try date(
                "Somaliland: Free detained journalists\nThe arrests came after journalists protested against a police raid.\n18 January 2012\nARTICLE 19 is worried by the arrests."
                    + quote) == "2012-01-18")
        #expect(try date("Scotland writes for rights\n\nPosted: 09 December 2011\n\nMSPs support the campaign." + quote) == "2011-12-09")
        #expect(
            try date(
                "Égypte : des militants relâchés\n\nUn chercheur figure parmi les militants libérés\n\n(New York, le 4 février 2011) - Les autorités égyptiennes ont relâché des chercheurs."
                    + quote) == "2011-02-04")
    }

    @Test func aCallToWriteInTheProseMakesANewAction() {
        for call in [
            "Please send courteous letters appealing for a re-trial to: His Highness the Amir.",
            "Dieser Appell richtet sich an die Oberste Justizautorität.",
            "Unterstütze unsere Aktion: Schick eine E-Mail an den Generalstaatsanwalt.",
        ] {
            #expect(kind(of: ["Bahrain", "", "Jane Doe was arrested in 1988.", "", call]) == .new, "\(call)")
        }
        #expect(kind(of: ["Bahrain", "", "Jane Doe was arrested in 1988.", "", "She was tortured."]) == nil)
    }

    @Test func quotesGoToTheSpeakerNamedAfterThem() {
        let reading = reading([
            "Court frees lawyer", "", "The court freed Jane Doe today.", "",
            "“Justice was done,” said John Roe, director of the project.", "", "“We will keep watching.”",
        ])
        let statement = reading.readStatement(reading.findLayout())
        #expect(statement.title.value == "Court frees lawyer")
        #expect(statement.lead.value == ["The court freed Jane Doe today."])
        let quote = ImportedQuote(
            speaker: "John Roe", role: "director of the project", paragraphs: ["Justice was done.", "We will keep watching."])
        #expect(statement.quotes.value == [quote])
    }

    @Test func aSpeakerNamedBeforeTheVerbInsideTheMarksOrLeadingIntoTheQuoteOnItsLine() {
        func quotes(_ paragraph: String) -> [ImportedQuote]? {
            let reading = reading(["Journalists freed", "", "Two journalists were freed today.", "", paragraph])
            return reading.readStatement(reading.findLayout()).quotes.value
        }
        #expect(
            quotes("“We are glad our colleagues are free,” CPJ Executive Director Ann Cooper said.") == [
                ImportedQuote(speaker: "Ann Cooper", role: "CPJ Executive Director", paragraphs: ["We are glad our colleagues are free."])
            ])
        #expect(
            quotes(
                "« C’est une grande joie d’apprendre qu’ils sont libres, déclare Souhaieb Khayati directeur du Bureau Afrique du Nord. »")
                == [
                    ImportedQuote(
                        speaker: "Souhaieb Khayati", role: "directeur du Bureau Afrique du Nord",
                        paragraphs: ["C’est une grande joie d’apprendre qu’ils sont libres."])
                ])
        #expect(
            quotes("Amnesty International Australia Refugee Rights Advisor, Dr Graham Thom, said: “The timing is odd.”") == [
                ImportedQuote(speaker: "Graham Thom", role: nil, paragraphs: ["The timing is odd."])
            ])
        // Where or when it was said, after the verb, is no part of the speaker.
        #expect(
            quotes("“Free him at once,” CPJ Program Coordinator Sherif Mansour said in the statement. “Journalists must report.”")
                == [
                    ImportedQuote(
                        speaker: "Sherif Mansour", role: "CPJ Program Coordinator",
                        paragraphs: ["Free him at once. Journalists must report."])
                ])
    }

    @Test func aSpeakerAfterTheirRoleBetweenDashesOrByTheirSurnameAgain() {
        func speakers(_ paragraphs: [String]) -> [String]? {
            let reading = reading(["Journalists freed", "", "Two journalists were freed today."] + paragraphs.flatMap { ["", $0] })
            return reading.readStatement(reading.findLayout()).quotes.value?.map(\.speaker)
        }
        #expect(speakers(["“The state must not kill,” says Amnesty's Chief Executive Officer, Patrick Holmes."]) == ["Patrick Holmes"])
        #expect(speakers(["“Her release is welcome,” said OMCT Secretary General Gerald Staberock."]) == ["Gerald Staberock"])
        #expect(speakers(["„Wir sind froh, dass sie frei sind“, sagte ROG-Geschäftsführer Christian Mihr."]) == ["Christian Mihr"])
        #expect(
            speakers([
                "“La salida de prisión es un triunfo de la justicia –ha señalado Perseo Quiroz, director ejecutivo–. Llega tarde.”"
            ]) == ["Perseo Quiroz"])
        #expect(
            speakers([
                "“The attacks were a horrific atrocity,” says Amnesty's Chief Executive Officer, Patrick Holmes.",
                "Indonesia executed three men on Sunday.", "“It is a disappointment to see more executions,” adds Holmes.",
            ]) == ["Patrick Holmes"])
    }

    @Test func theLetterAndItsRequests() {
        let reading = reading([
            "UA 12/24", "", "Sample letter", "Dear Minister,", "I urge you to release Jane Doe immediately.", "Yours sincerely,",
        ])
        let found = reading.findLetter(reading.findLayout())
        #expect(found.letter.value?.salutation.value == "Dear Minister,")
        #expect(found.letter.value?.paragraphs == ["I urge you to release Jane Doe immediately."])
        #expect(found.letter.value?.closing.value == "Yours sincerely,")
        #expect(found.lines == 2..<6)
        #expect(reading.findAsks(letter: found, skipping: found.usedLines).value == ["release Jane Doe immediately."])
    }

    @Test func listedRequestsStartAtTheirVerb() {
        #expect(DocumentReading.ask(fromListItem: "Urging the authorities to release her now;") == "release her now")
        #expect(DocumentReading.ask(fromListItem: "Release her now and") == "Release her now")
        #expect(DocumentReading.ask(fromListItem: "Expressing concern at her detention") == nil)
    }

    @Test func officialsUnderContactLabelsAndCopies() {
        let reading = reading([
            "Write to:", "Minister Jane Roe", "Ministry of Justice", "12 Main Street", "Bishkek", "",
            "Copies to:", "Ambassador John Smith", "Embassy of Kyrgyzstan", "1 High Street", "London",
        ])
        let layout = reading.findLayout()
        let officials = reading.findOfficials(layout, letter: nil, skipping: layout.fieldLabelLines)
        #expect(officials.targets.map(\.role) == [.primary, .copy])
        #expect(officials.targets.map(\.organisation.value) == ["Ministry of Justice", "Embassy of Kyrgyzstan"])
        #expect(officials.lines == Set(0...4).union(6...10))
    }

    @Test func aContactRegionEndsWithItsLastOfficialAndALoneSalutationIsTheLastOnes() {
        let reading = reading([
            "SEND APPEALS BEFORE 25 JANUARY 2011 TO:", "", "Pennsylvania Acting Attorney General", "William H. Ryan Jr", ".",
            "Pennsylvania Office of Attorney General", "16th Floor, Strawberry Square", "Harrisburg, PA 17120, USA", "Fax: 1 717 787-8242",
            "", "The address has not changed; only the Attorney General's name is different.", "", "In solidarity,", "",
            "Individuals at Risk Team", "", "Further information on UA 97/10 – Legal concern", "USA Jordan Brown (m)",
        ])
        let layout = reading.findLayout()
        let officials = reading.findOfficials(layout, letter: nil, skipping: layout.fieldLabelLines)
        #expect(officials.targets.map(\.name.value) == ["William H. Ryan Jr"])
        #expect(officials.targets.first?.organisation.value == "Pennsylvania Office of Attorney General")
        #expect(officials.targets.first?.addressLines.value == ["16th Floor, Strawberry Square", "Harrisburg, PA 17120, USA"])
        #expect(!officials.lines.contains(17))
        let two = self.reading([
            "Jane Doe was arrested.", "", "Public Prosecutor Mohamed Shawky", "Office of the Public Prosecutor",
            "Madinat al-Rehab, Cairo 11511", "",
            "Ambassador Motaz Zahran", "Embassy of Egypt", "3521 International Court NW, Washington DC 20008", "",
            "Salutation: Dear Ambassador",
        ])
        let targets = two.findOfficials(two.findLayout(), letter: nil, skipping: two.findLayout().fieldLabelLines).targets
        #expect(targets.map(\.salutation.value) == [nil, "Dear Ambassador"])
    }

    @Test func anOfficeBeforeANameAndAnEnvelopesHonorificsInOtherLanguages() {
        let reading = reading([
            "Write to:", "Presidente de la República", "Nicolás Maduro", "Palacio de Miraflores, Av. Nte. 10, Caracas 1012,",
            "Caracas, Venezuela", "",
            "Copies to:", "S. E. Herrn Alireza Sheikh Attar", "Podbielskiallee 65-67", "14195 Berlin", "",
            "President Abdelfattah al-Sisi Office of the President, Al Ittihadia Palace Cairo, Arab Republic of Egypt Fax: +202 2391 1441",
        ])
        let layout = reading.findLayout()
        let targets = reading.findOfficials(layout, letter: nil, skipping: layout.fieldLabelLines).targets
        #expect(targets.map(\.name.value) == ["Nicolás Maduro", "Alireza Sheikh Attar", "Abdelfattah al-Sisi"])
        #expect(targets.map(\.title.value) == ["Presidente de la República", nil, "President"])
        #expect(targets[1].honorific.value == "S. E. Herrn")
        #expect(targets[2].organisation.value == "Office of the President")
        #expect(targets[2].addressLines.value == ["Al Ittihadia Palace Cairo", "Arab Republic of Egypt"])
    }

    @Test func anInstructionInsideABlockIsPassedOverAndTheChannelsAfterItKept() {
        let reading = reading([
            "Jane Doe was arrested on 1 May for her reporting.", "",
            "Public Prosecutor Hamada al-Sawi",
            "Due to postal restrictions caused by COVID-19, please only send physical mail to the Embassy, not to his office",
            "Fax: +202 2577 4716", "Ambassador Yasser Reda", "Embassy of the Arab Republic of Egypt",
            "3521 International Ct NW, Washington DC 20008", "Phone: 202 895 5400",
        ])
        let layout = reading.findLayout()
        let targets = reading.findOfficials(layout, letter: nil, skipping: layout.fieldLabelLines).targets
        #expect(targets.map(\.name.value) == ["Hamada al-Sawi", "Yasser Reda"])
        #expect(targets.map(\.fax.value) == ["+202 2577 4716", nil])
        #expect(targets.map(\.phone.value) == [nil, "202 895 5400"])
    }

    @Test func aSpacedOutBlockAndABodyBeforeItsAddressAreOneOfficialsWithoutNotesOrTheLettersDate() {
        let spaced = reading([
            "Jane Doe was arrested on 1 May for her reporting.", "", "Secretary Menardo I. Guevarra,", "", "Department of Justice,", "",
            "DOJ Building,", "", "Padre Faura Street,", "", "", "Manila 1000,", "", "Email: communications@doj.gov.ph", "",
            "Im September 2025",
        ])
        let layout = spaced.findLayout()
        let official = spaced.findOfficials(layout, letter: nil, skipping: layout.fieldLabelLines).targets.first
        #expect(official?.name.value == "Menardo I. Guevarra")
        #expect(official?.organisation.value == "Department of Justice")
        #expect(official?.addressLines.value == ["DOJ Building", "Padre Faura Street", "Manila 1000"])
        #expect(official?.emails.value == ["communications@doj.gov.ph"])
        let reader = ContactReader(source: SourceText(""))
        #expect(reader.classify("Aldea el Ocotal Antiguo Local de la Academia, Tegucigalpa, Honduras") == .address)
        let block = reading([
            "Schreiben Sie an:", "", "Ayatollah Sayed 'Ali Khamenei", "The Office of the Supreme Leader, Islamic Republic Street",
            "Tehran, IRAN", "(Standardbrief Luftpost bis 20 g: 1,10 €)", "Twitter: @HassanRouhani (Englisch) und", "@Rouhani_ir (Persisch)",
            "Correo-e: info@leader.ir",
        ])
        let target = ContactReader(source: block.source).targets(lines: Array(2..<9), role: .primary).first
        #expect(target?.organisation.value == "The Office of the Supreme Leader")
        #expect(target?.addressLines.value == ["Islamic Republic Street", "Tehran, IRAN"])
        #expect(target?.socialHandles.value?.map(\.handle) == ["@HassanRouhani", "@Rouhani_ir"])
        #expect(target?.emails.value == ["info@leader.ir"])
    }

    @Test func theDocumentsHeadingLinesAreNoOfficialsBlock() {
        for heading in [
            ["EXTERNO", "AU 300/97", "Índice AI: AMR 34/36/97/s", "16 de septiembre de 1997", "Temor por la seguridad"],
            ["AMNISTÍA INTERNACIONAL", "Colombia Fecha: 27 de octubre de 2014", "ACCIÓN URGENTE"],
        ] {
            let document = reading(
                heading + ["", "Marlon García, fotógrafo, recibió amenazas de muerte el 12 de septiembre en su casa de la capital."])
            let layout = document.findLayout()
            #expect(document.findOfficials(layout, letter: nil, skipping: layout.fieldLabelLines).targets.isEmpty)
        }
        // An address block with a number is still one.
        let block = reading(["Jane Doe was held.", "", "Fiscal General Jane Roe", "Ministerio Público", "Avenida México 1", "Caracas"])
        let layout = block.findLayout()
        #expect(block.findOfficials(layout, letter: nil, skipping: layout.fieldLabelLines).targets.first?.name.value == "Jane Roe")
    }

    @Test func anAccountWrappedIntoShortLinesIsNoOfficialsBlock() {
        // An old bulletin's account, wrapped at 70 characters, with an office and a date in it.
        let wrapped = reading([
            "Jane Doe was arrested on 6 September 1998. Because of her age, Amnesty",
            "International is especially worried about her health in detention. The",
            "Supreme Court had confirmed the sentence and sent it to the Ministry of",
            "Justice in the capital for implementation on 12 October.",
        ])
        let layout = wrapped.findLayout()
        #expect(wrapped.findOfficials(layout, letter: nil, skipping: layout.fieldLabelLines).targets.isEmpty)
        // An address's lines name offices and places, however many words they have.
        let block = reading([
            "Jane Doe was held.", "", "Minister of Justice of the Republic", "Ministry of Justice", "12 Freedom Avenue", "Capital City",
        ])
        let blockLayout = block.findLayout()
        #expect(block.findOfficials(blockLayout, letter: nil, skipping: blockLayout.fieldLabelLines).targets.count == 1)
    }

    @Test func theLinesALetterIsHeadedWithAreItsAddresseeWithoutAStreet() throws {
        // An open letter: the office and the name over the salutation, no address.
        let letter = try DocumentImporter().read(
            text: [
                "Iran: Jane Doe", "", "April 22nd 2009", "", "Supreme Leader of the Islamic Republic", "Ayatollah Jane Roe", "",
                "Your Excellency", "", "We are gravely concerned by the eight-year prison sentence passed on the journalist Jane Doe.",
                "", "Yours sincerely",
            ].joined(separator: "\n"))
        let official = letter.action?.targets.value?.first
        #expect(official?.title.value == "Supreme Leader of the Islamic Republic")
        #expect(official?.name.value == "Jane Roe")
        #expect(official?.honorific.value == "Ayatollah")
        // The same lines with no letter under them are no official: a heading and a name, not an address.
        let heading = reading([
            "Supreme Leader of the Islamic Republic", "Ayatollah Jane Roe", "", "Jane Doe was sentenced to eight years.",
        ])
        let layout = heading.findLayout()
        #expect(heading.findOfficials(layout, letter: nil, skipping: layout.fieldLabelLines).targets.isEmpty)
    }

    @Test func aBodyNamedByItsKindIsABodyThoughItNamesAPlace() {
        let reader = ContactReader(source: SourceText(""))
        for body in [
            "Embassy of the People's Republic of China", "Zhuhai City People’s Procuratorate",
            "Comité de Derechos Humanos de Nuevo Laredo", "The Office of the President",
        ] {
            #expect(reader.classify(body) == .organisation, "\(body)")
        }
        // A number, a street or a building makes it an address; an office stays an office.
        for address in [
            "3505 International Place NW", "Parliament House", "Embassy Street", "Office of the President, Al Ittihadia Palace",
        ] {
            #expect(reader.classify(address) == .address, "\(address)")
        }
        #expect(reader.classify("Head of the Judiciary") == .title)
    }

    @Test func aNumberEndsWhereWordsBeginAndANameWithoutItsHonoursOrOffice() {
        let block = reading([
            "HIS EXCELLENCY DR ALEXANDER V YAKOVENKO", "Embassy of the Russian Federation", "6/7 Kensington Palace Gardens",
            "Tel: +86 10 66262114 (Chinese Only)", "Fax: 0207 727 8625 kanc@rusemb.org.uk", "", "Hon Kevin Rudd MP", "Parliament House",
            "Canberra ACT 2600", "Fax: on request", "", "Wen Jiabao Guojia Zongli", "Guowuyuan", "9 Xihuangchenggen Beijie",
        ])
        let reader = ContactReader(source: block.source)
        let embassy = reader.targets(lines: Array(0..<5), role: .copy).first
        #expect(embassy?.honorific.value == "HIS EXCELLENCY DR")
        #expect(embassy?.name.value == "ALEXANDER V YAKOVENKO")
        #expect(embassy?.phone.value == "+86 10 66262114")
        #expect(embassy?.fax.value == "0207 727 8625")
        #expect(embassy?.emails.value == ["kanc@rusemb.org.uk"])
        let member = reader.targets(lines: Array(6..<10), role: .primary).first
        #expect(member?.honorific.value == "Hon")
        #expect(member?.name.value == "Kevin Rudd")
        // A value that opens on words is kept as it is written.
        #expect(member?.fax.value == "on request")
        #expect(reader.targets(lines: Array(11..<14), role: .primary).first?.name.value == "Wen Jiabao")
    }

    @Test func anInstructionAboveABlockIsNoneOfItsLines() {
        // "Actúen" is a call to act as a label is; an instruction in running text above the block is passed over too.
        for instruction in [
            "Actúen: Redacten su propio llamamiento o utilicen la siguiente carta modelo",
            "Redacten su propio llamamiento o utilicen la siguiente carta modelo",
        ] {
            // A text spaced out line by line, as a web page copied whole.
            let document = reading([
                "Martes, 03 de marzo, 2020", "",
                "Desde diciembre de 2019, personas de la oposición han sido detenidas arbitrariamente por las autoridades del país.", "",
                instruction, "", "Presidente Jane Roe", "", "Palacio de Miraflores", "", "Av. Nte. 10, Caracas 1012, Distrito Capital,",
                "", "Venezuela", "", "Tel: +58 212-8063111",
            ])
            let layout = document.findLayout()
            let official = document.findOfficials(layout, letter: nil, skipping: layout.fieldLabelLines).targets.first
            #expect(official?.name.value == "Jane Roe")
            #expect(official?.title.value == "Presidente")
            #expect(official?.addressLines.value == ["Palacio de Miraflores", "Av. Nte. 10, Caracas 1012, Distrito Capital", "Venezuela"])
            #expect(official?.phone.value == "+58 212-8063111")
        }
    }

    @Test func aYearOrALibrarysWordBeforeTheHeadlineIsNoPartOfIt() {
        for (line, headline) in [
            ("2016 Iran: Concern for Narges Mohammadi", "Iran: Concern for Narges Mohammadi"),
            ("2009: Iran: Roxana Saberi", "Iran: Roxana Saberi"),
            ("Document - Colombia: Fear for safety: Human Rights Defenders", "Colombia: Fear for safety: Human Rights Defenders"),
            // A year that begins a sentence, or a number too small to be a year, stays.
            ("2016 was the year of the trial", "2016 was the year of the trial"),
            ("1500 protesters detained", "1500 protesters detained"),
        ] {
            #expect(String(line[DocumentReading.headlineStart(of: line)...]) == headline)
        }
        let statement = reading(["2020 Vietnam: Pham Doan Trang", "", "“Free her now,” said Jane Roe, the centre's director."])
        #expect(statement.findStatementHeading(skipping: []).title.value == "Vietnam: Pham Doan Trang")
    }

    @Test func aLineLongerThanAnyWrappingIsAParagraphOfItsOwn() {
        let sentence = "The authorities arrested the activist at her home and took her to a police station where she was held for days. "
        let long = String(repeating: sentence, count: 3).trimmingCharacters(in: .whitespaces)
        let document = reading([long, long + " " + sentence, "“Free her now,” said Jane Roe, the centre's director."])
        let paragraphs = document.paragraphs(in: 0..<3, skipping: [])
        #expect(paragraphs.count == 3)
        #expect(paragraphs.last?.text.startsWith("“Free her now") == true)
    }

    @Test func aLetterStartsRightUnderTheOfficialsBlockWhenItsProseFollows() {
        let prose =
            "Aleksandra Skochilenko muss umgehend und ohne Bedingungen freikommen, denn sie sitzt nur deshalb in Haft, weil sie Preisschilder austauschte."
        for (salutation, expected) in [
            ("Sehr geehrter Herr Staatsanwalt,", "Sehr geehrter Herr Staatsanwalt,"), ("Presidente Maduro:", "Presidente Maduro:"),
            (
                "Monsieur le Premier Ministre / Monsieur le Ministre des Affaires étrangères",
                "Monsieur le Premier Ministre / Monsieur le Ministre des Affaires étrangères"
            ),
        ] {
            let reading = reading([
                "Schreiben Sie an:", "Generalstaatsanwalt Viktor Melnik", "c/o Botschaft der Russischen Föderation", "Reisnerstraße 45-47",
                "1030 Wien", salutation, prose,
            ])
            #expect(reading.findLetter(reading.findLayout()).letter.value?.salutation.value == expected)
        }
        // Without the letter's prose after it, an office and a colon is no salutation.
        let label = reading(["Jane Doe was held.", "", "Presidente Maduro:", "Palacio de Miraflores, Caracas"])
        #expect(!label.findLetter(label.findLayout()).letter.isFound)
    }

    @Test func anOfficeThenItsHoldersNameAndABlockUnderATakeActionLabel() {
        let reading = reading([
            "Venezuela: detenciones masivas", "", "Más de dos mil personas fueron detenidas entre julio y agosto.", "",
            "Actúa: redacta tu propio llamamiento o utiliza esta carta modelo", "Fiscal General de la República, Tarek William Saab",
            "Edificio Sede Principal del Ministerio Público, Avenida México 1", "Caracas, Venezuela",
        ])
        let layout = reading.findLayout()
        let official = reading.findOfficials(layout, letter: nil, skipping: layout.fieldLabelLines).targets.first
        #expect(official?.title.value == "Fiscal General de la República")
        #expect(official?.name.value == "Tarek William Saab")
        #expect(official?.organisation.value == "Edificio Sede Principal del Ministerio Público")
        #expect(official?.addressLines.value == ["Avenida México 1", "Caracas, Venezuela"])
    }

    @Test func aLettersHeadingRunIntoItsSalutationIsNoPartOfIt() {
        let reading = reading([
            "Take action", "",
            "SAMPLE LETTER Your Excellency, On September 28, 2021, human rights defender Jane Doe was sent for trial before a special court.",
        ])
        let letter = reading.findLetter(reading.findLayout()).letter.value
        #expect(letter?.salutation.value == "Your Excellency,")
        #expect(letter?.paragraphs.first?.hasPrefix("On September 28, 2021") == true)
    }

    @Test func anOldBulletinsConcernAndAFlattenedPagesCapitalsAreItsHeadline() {
        let bulletin = reading([
            "Subject: AI UA232/95 MYANMAR Torture fear (fwd)", "+ Paper reprints authorised. +",
            "UA 232/95 Fear of ill-treatment or torture",
            "MYANMAR Jane Doe (f)", "", "Jane Doe was arrested on 1 May.",
        ])
        #expect(bulletin.findTitle(header: bulletin.findLayout().header).title.value == "Fear of ill-treatment or torture")
        let flattened = reading([
            "First UA 61/21 Index: ASA 17/4243/2021 China Date: June 10, 2021 URGENT ACTION MISSING AND ARBITRARILY DETAINED IN XINJIANG Over 60 people have been held."
        ])
        #expect(flattened.findTitle(header: flattened.findLayout().header).title.value == "MISSING AND ARBITRARILY DETAINED IN XINJIANG")
        // A series' edition and a page's line of fields are no headline; an update's earlier dates are no part of one.
        let series = reading([
            "BRIEFE GEGEN DAS VERGESSEN - AKTION DES MONATS DEZEMBER 2007", "Cuarta AU: 72/24 | Índice: AMR 53/0225/2025 | Venezuela",
            "Lawyer held", "", "Jane Doe was arrested.",
        ])
        #expect(series.findTitle(header: series.findLayout().header).title.value == "Lawyer held")
        let update = "Further information on UA 97/10 (28 April 2010) and follow-up (10 August 2010) – Legal concern"
        #expect(update[DocumentReading.headlineStart(of: update)...] == "Legal concern")
    }

    @Test func aSitesSectionOrNameIsNoHeadlineAndABulletinsHeadingMayBeLong() {
        func title(_ lines: [String]) -> String? {
            let reading = reading(lines)
            return reading.findTitle(header: reading.findLayout().header).title.value
        }
        let body = ["", "Jane Doe was arrested on 1 May for her reporting and is held without charge."]
        for site in [
            "Actions urgentes", "Amnesty Urgent Actions", "Actualités", "Good News", "Amnistía Internacional España",
            "Amnesty International UK / www.amnesty.org.uk", "Amnesty International Gruppe Miesbach (1431)", "Category: Front Line",
        ] {
            #expect(title([site, "Journalist held without charge"] + body) == "Journalist held without charge", "\(site)")
        }
        #expect(
            title(["EXTRA 127/99        Fear for safety              9 September 1999"] + body) == "EXTRA 127/99        Fear for safety")
        let long =
            "Further information on EXTRA 80/91 (AFR 32/32/91, 15 November) - Kenya: fear of torture / legal concern: Oginga Odinga, Gitobu Imanyara, Dennis Akumu, George Nthenge, Luke Obok, Philip Gachoka and others"
        #expect(title([long] + body)?.hasSuffix("Philip Gachoka and others") == true)
        let parts = "Kenya: Further information on fear of torture while being illegally detained: Patrick Wangamati:"
        #expect(title([parts] + body) == parts)
        #expect(title(["To learn about recent successes, go to:"] + body) == nil)
        // A statement's headline is not the site's name above it.
        let statement = reading([
            "Amnistía Internacional España", "Liberan a Jane Doe tras diez años", "", "“Es una gran noticia”, dijo Ana Ruiz.",
        ])
        #expect(statement.findStatementHeading(skipping: []).title.value == "Liberan a Jane Doe tras diez años")
    }

    @Test func aHeadlinesWordsMayBePunctuatedAndALetterheadAnAsideOrASourceIsNone() {
        func title(_ lines: [String]) -> String? {
            let reading = reading(lines)
            return reading.findTitle(header: reading.findLayout().header).title.value
        }
        #expect(
            title(["Aserbaidschan: Journalist*innen (Januar 2026)", "", "Sie sind in Haft."])
                == "Aserbaidschan: Journalist*innen (Januar 2026)")
        #expect(title(["Nassima al-Sada: Haft", "", "Sie ist frei."]) == "Nassima al-Sada: Haft")
        #expect(title(["E-Mail: info@example.org", "", "Sie ist frei."]) == nil)
        #expect(
            title([
                "AMNESTY INTERNATIONAL Schweizer Sektion . Section Suisse . Speichergasse 33 . 3001 Bern",
                "ARRÊTÉ À L’ÂGE DE 14 ANS, EMPRISONNÉ DEPUIS DES ANNÉES", "", "Aser Mohamed a été arrêté.",
            ]) == "ARRÊTÉ À L’ÂGE DE 14 ANS, EMPRISONNÉ DEPUIS DES ANNÉES")
        #expect(title(["(Sólo para residentes en México)", "", "Más de dos mil personas fueron detenidas."]) == nil)
        #expect(
            title(["Source: Amnesty International Aotearoa", "Open letter to the Prime Minister", "", "Dear Prime Minister,"])
                == "Open letter to the Prime Minister")
        // A site's name after a dash, the letter's addressee, a form's example: none is the headline.
        #expect(
            title([
                "Ciberacción Detalle – Amnistía Internacional Argentina | Defendemos los derechos humanos",
                "Para Fiscal General de la República de Venezuela", "Ejemplos: 2299562315, cel. 5535168660",
                "Venezuela: detenciones masivas", "", "Más de dos mil personas fueron detenidas.",
            ]) == "Venezuela: detenciones masivas")
        #expect(title(["Au Chef du pouvoir judiciaire, Gholamhossein Mohseni Ejei", "", "Monsieur,"]) == nil)
        // An update whose heading says no more than what it follows is headed by it.
        let heading = "Further Information on UA 47/07 (ASA 37/003/2007, 27 February 2007) and follow-up (ASA 37/008/2007, 29 March 2007)"
        #expect(title(["ASA 37/015/2007", heading, "29 June 2007", "Jane Doe was freed without charge on 15 May."]) == heading)
    }

    @Test func namesListedInAnyLanguageAreSplit() {
        #expect(DocumentReading.listingNamesApart("Jane Doe und John Roe y Ana Ruiz") == "Jane Doe, John Roe, Ana Ruiz")
        let reading = reading(["Names: Jane Doe (she/her) and John Roe", "", "Both were arrested."])
        #expect(
            reading.findPeople(
                labels: reading.findLayout().labels, account: [], letter: nil, officials: []
            ).value == ["Jane Doe", "John Roe"])
    }

    @Test func anOfficialRunTogetherOnOneLineIsCutIntoItsParts() throws {
        let parts = try #require(
            ContactReader.runOnParts(
                "Alexander Ivanovich Bastrykin Chairman of the Investigative Committee of the Russian Federation Tekhnichesky per. 2 105005 Moscow Russian Federation"
            ))
        #expect(
            parts.map(\.text) == [
                "Alexander Ivanovich Bastrykin", "Chairman of the Investigative Committee of the Russian Federation",
                "Tekhnichesky per. 2 105005 Moscow Russian Federation",
            ])
        let ambassador = try #require(
            ContactReader.runOnParts(
                "Ambassador Anatoly Antonov Embassy of the Russian Federation 2650 Wisconsin Ave. NW, Washington DC 20007"))
        #expect(
            ambassador.map(\.text) == [
                "Ambassador Anatoly Antonov", "Embassy of the Russian Federation", "2650 Wisconsin Ave. NW", "Washington DC 20007",
            ])
        let prose = try #require(
            ContactReader.runOnParts("Public Prosecutor Hamada al-Sawi Due to postal restrictions, please only send mail to the Embassy"))
        #expect(prose.map(\.text) == ["Public Prosecutor", "Hamada al-Sawi"], "the sentence after the name is no address")
        #expect(ContactReader.runOnParts("Please write to the authorities in your own words today") == nil)
        // An office of several words, or of a body, before the name; a royal title with the honorific.
        let offices = [
            "Secretary General and State President Nguyễn Phú Trọng Số 2 Hùng Vương, Ngọc Hồ, Ba Đình Hà Nội 118708, Viet Nam",
            "Head of Judiciary Ebrahim Raisi c/o Permanent Mission of the Islamic Republic of Iran 622 Third Avenue, New York",
            "Prosecutor General of the Russian Federation Igor Viktorovich Krasnov 15a Bolshaya Dmitrovka, Moscow",
            // An honorific between the office and the name; the office's second word in lower case.
            "Charge d’Affaires Mr. Pavel Shidlovsky Embassy of Belarus 1619 New Hampshire Ave NW Washington, DC 20009",
        ].map { ContactReader.runOnParts($0)?.prefix(2).map(\.text) }
        #expect(
            offices == [
                ["Secretary General and State President", "Nguyễn Phú Trọng"], ["Head of Judiciary", "Ebrahim Raisi"],
                ["Prosecutor General of the Russian Federation", "Igor Viktorovich Krasnov"],
                ["Charge d’Affaires", "Mr. Pavel Shidlovsky"],
            ])
        #expect(
            ContactReader.honorific(of: "His Majesty King Salman bin Abdul Aziz Al Saud") == (
                "His Majesty King", "Salman bin Abdul Aziz Al Saud"
            ))
        // The place an office is of before it, a contact label in capitals before all.
        #expect(
            ContactReader.runOnParts(
                "CONTACT INFORMATION Texas Governor Greg Abbott Office of the Governor, PO Box 12428, Austin Texas 78711")?
                .prefix(3).map(\.text) == ["Texas Governor", "Greg Abbott", "Office of the Governor"])
        // An official's line running on into the letter is no instruction to the reader.
        let letter = reading([
            "Head of Judiciary Ebrahim Raisi c/o Permanent Mission of Iran 622 Third Avenue, New York, NY 10017 Phone: 212 687-2020 Fax: 212 867 7086 Dear Mr Raisi, please release her before 12 May 2020."
        ])
        #expect(ContactReader(source: letter.source).targets(lines: [0], role: .primary).first?.name.value == "Ebrahim Raisi")
        // A line with one channel is an official when it opens on an office and gives an address.
        let vietnam = reading([
            "Secretary General and State President Nguyễn Phú Trọng Số 2 Hùng Vương, Hà Nội 118708, Viet Nam Fax: +84 37335256"
        ])
        #expect(ContactReader(source: vietnam.source).isRunOnOfficial(0))
        let sentence = reading([
            "Jane Doe, a teacher from Hanoi, was sentenced to 24 years in prison on 12 May 2020 for her posts. Fax: +84 37335256"
        ])
        #expect(!ContactReader(source: sentence.source).isRunOnOfficial(0))
    }

    /// Copied from a web page, every line stands between blank lines; an address may hold no number; an office
    /// may ask for copies in its own words; a member of parliament's letters are no part of the name.
    @Test func addressBlocksAreFoundSpacedOutWithoutNumbersAndWithoutSeatLetters() throws {
        func targets(_ lines: [String]) throws -> [ImportedTarget] {
            try #require(DocumentImporter().read(text: lines.joined(separator: "\n")).action).targets.value ?? []
        }
        let spaced = [
            "Urgent Action", "Jane Doe faces execution in Ruritania on 12 June", "Jane Doe was sentenced after an unfair trial.",
            "Please write immediately, in your own words:", "Contact this official by 1 June:", "Governor Ann Smith",
            "State Capitol", "600 River Avenue", "Springfield 36130", "Fax: +1 334 353 0004",
            "Jane Doe has always said she is innocent, and the only witness has since withdrawn his statement.",
        ].flatMap { [$0, ""] }
        let governor = try #require(try targets(spaced).first)
        #expect(governor.name.value == "Ann Smith")
        #expect(governor.title.value == "Governor")
        #expect(governor.addressLines.value == ["State Capitol", "600 River Avenue", "Springfield 36130"])
        #expect(governor.fax.value == "+1 334 353 0004")

        let copies = try targets([
            "Urgent Action", "Jane Doe detained in Ruritania", "", "Jane Doe was arrested at her home on 3 May.", "",
            "Bitte schicken Sie Kopien der Schreiben an", "", "Secretary General, High Council for Human Rights", "John Roe",
            "High Council for Human Rights", "c/o Office of the Head of the Judiciary", "Pasteur St, Vali Asr Ave.", "",
        ])
        #expect(copies.map(\.name.value) == ["John Roe"], "an address of street words, without a number")
        #expect(copies.first?.role == .copy, "copies asked for in German")

        let member = try targets([
            "Urgent Action", "Family kept apart in Ruritania", "", "Jane Doe has not seen her children for four years.", "",
            "Rt. Hon John Roe MP,", "Home Secretary,", "2 Marsham Street,", "London SW1P 4DF", "",
        ])
        #expect(member.first?.name.value == "John Roe")
        #expect(member.first?.honorific.value == "Rt. Hon")
    }

    /// Short lines spaced apart at the top of a page are headings, not an official's block, even with a
    /// publisher's reference number among them; and a block with no one in it leaves its lines to other readers.
    @Test func spacedHeadingsAreNoOfficialAndKeepTheirCountry() throws {
        let action = try #require(
            DocumentImporter().read(
                text: [
                    "URGENT APPEAL - THE OBSERVATORY", "RUR 003 / 0620 / OBS 071", "Killing / Threats", "Ruritania",
                    "2 June 2020", "LETTERS AGAINST OBLIVION - 1/3 JULY 2020", "ARRESTED AT 14, IN PRISON FOR YEARS", "EGYPT",
                    "Aser Mohamed",
                    "Aser Mohamed was arrested on 12 January 2016, when he was 14, and held in secret for 34 days before a court saw him.",
                ].flatMap { [$0, ""] }.joined(separator: "\n")
            ).action)
        #expect(action.targets.value == nil)
        #expect(action.country.value?.code == "EG")
    }

    @Test func aLetterMayStartOnItsSalutationsLineAndSupportersAreNotOfficials() {
        let reading = reading([
            "Dear Chairman of the Investigative Committee, I write about the prosecution of Daniil Konon and Egor Zhukov for taking part in protests.",
            "", "Yours sincerely,",
        ])
        let letter = reading.findLetter(reading.findLayout()).letter.value
        #expect(letter?.salutation.value == "Dear Chairman of the Investigative Committee,")
        #expect(letter?.paragraphs.first?.hasPrefix("I write about the prosecution") == true)
        let friends = self.reading(["Dear friends,", "", "Thank you for all your letters.", "", "Yours sincerely,"])
        #expect(friends.findLetter(friends.findLayout()).letter.value?.salutation.value == nil)
        // The letter's heading, then the salutation alone on its line.
        let majesty = self.reading([
            "SAMPLE LETTER Your Majesty King Salman bin Abdulaziz Al Saud,",
            "I am writing to you about Abdullah al-Huwaiti, who was 14 when he was arrested and now faces execution.", "Yours sincerely,",
        ])
        let royal = majesty.findLetter(majesty.findLayout()).letter.value
        #expect(royal?.salutation.value == "Your Majesty King Salman bin Abdulaziz Al Saud,")
        #expect(royal?.paragraphs.count == 1)
    }

    /// The rules' cues, which the shipped name model weighs among its features (`NameTaggerTests`).
    @Test func theRulesFindPeopleByHonorificsAgesAndRepeatedFullNamesInAnyLanguage() {
        #expect(
            NameFinder.people(in: "Frau Ronak Safarzadeh Frau Hana Abdi, 21 Jahre, sind in Haft.", decision: .rules) == [
                "Ronak Safarzadeh", "Hana Abdi",
            ])
        #expect(NameFinder.people(in: "SPAIN Ali Aarrass (m), Mohamed el Bay (m)", decision: .rules) == ["Ali Aarrass", "Mohamed el Bay"])
        let account = "Egyptian authorities have held Ibrahim Metwaly since 2017. Ibrahim Metwaly is kept at the Badr Prison Complex."
        #expect(NameFinder.people(in: account, decision: .rules) == ["Ibrahim Metwaly"])
        #expect(NameFinder.people(in: account, excluding: ["Ibrahim Metwaly"], decision: .rules).isEmpty)
        #expect(NameFinder.people(in: "Le défenseur M. Jean-Paul Abdi Noël a été arrêté.", decision: .rules) == ["Jean-Paul Abdi Noël"])
        #expect(
            NameFinder.people(
                in: "Seit Dezember sitzen Khayala Agayeva, Aytaj Ahmadova, Aynur Ganbarova und Natig Javadli in Haft.", decision: .rules)
                == ["Khayala Agayeva", "Aytaj Ahmadova", "Aynur Ganbarova", "Natig Javadli"])
        #expect(
            NameFinder.people(in: "Abdel Rahman al-Shumayri, a lawyer, was arrested.", decision: .rules) == ["Abdel Rahman al-Shumayri"])
        #expect(NameFinder.people(in: "Der Regierungskritiker Gubad Ibadoghlu ist in Haft.", decision: .rules) == ["Gubad Ibadoghlu"])
        #expect(NameFinder.people(in: "President Juan Orlando Hernández met Juan Orlando Hernández supporters.", decision: .rules).isEmpty)
    }

    @Test func everyLanguageJoinsEveryRoleInLanguageOrder() {
        for role in Mirror(reflecting: ImportVocabulary.all).children {
            let joined = ImportVocabulary.languages.flatMap { language in
                Mirror(reflecting: language).children.first { $0.label == role.label }?.value as? [String] ?? []
            }
            #expect(role.value as? [String] == joined, "\(role.label ?? "")")
        }
    }
}
