import OutcryCore
import OutcryTestSupport
import Testing

/// A record in another language: its words replaced field by field, its letter printed in one language
/// throughout, and a translation known to be older than the original once the original changes.
@Suite struct TranslationTests {
    static let president = Target(
        id: "sadyr-japarov", name: "Sadyr Japarov", salutation: "Dear Mr. President,", preferredLanguage: "ky, ru")
    static let ambassador = Target(id: "baktybek-amanbaev", honorific: "Ambassador", name: "Baktybek Amanbaev", preferredLanguage: "en")

    static func action() -> UrgentAction {
        var action = UrgentAction.readyToPublish()
        action.targets = [UrgentActionTarget(target: president.id), UrgentActionTarget(target: ambassador.id)]
        action.letters = [
            SampleLetter(salutation: "Dear Mr. President,", paragraphs: ["Please release them."], closing: "Yours sincerely,")
        ]
        return action
    }

    static func russian(_ action: UrgentAction) -> Translation {
        Translation(
            kind: .urgentAction, recordID: action.id.rawValue, language: "ru",
            fields: [
                "title": ["Освободите журналистов"], "asks": ["Освободить их", "Снять обвинения"],
                "letter.salutation": ["Уважаемый господин Президент!"], "letter.body": ["Прошу освободить их."],
                "letter.closing": ["С уважением,"],
            ],
            sourceFingerprint: action.sourceFingerprint)
    }

    @Test func aTranslationReplacesOnlyTheFieldsItHas() {
        let action = Self.action()
        let shown = action.applying(Self.russian(action))
        #expect(shown.title == "Освободите журналистов")
        #expect(shown.asks == ["Освободить их", "Снять обвинения"])
        #expect(shown.summary == action.summary, "a field the translation leaves out keeps the original's words")
        #expect(shown.letterLanguages == ["en", "ru"])
        #expect(action.addingLetter(of: Self.russian(action)).title == action.title, "only the letter")
    }

    @Test func aLetterIsInOneLanguageThroughout() throws {
        let action = Self.action().applying(Self.russian(Self.action()))
        let russian = LetterDefaults(salutation: "Уважаемые дамы и господа!", closing: "С уважением,")
        let day = try HistoricalDate(iso: "2026-11-29")
        let toPresident = try action.letter(to: Self.president, in: "ru", on: day, defaults: russian)
        #expect(toPresident.salutation == "Уважаемый господин Президент!", "not the English salutation the official has")
        #expect(toPresident.paragraphs == ["Прошу освободить их."])
        #expect(toPresident.closing == "С уважением,")
        let toAmbassador = try action.letter(to: Self.ambassador, in: "ru", on: day, defaults: russian)
        #expect(toAmbassador.salutation == "Уважаемые дамы и господа!", "the general letter greets the first official only")
        #expect(try action.letter(to: Self.ambassador, in: "en", on: day).salutation == "Dear Ambassador Amanbaev,")
        #expect(try action.letter(to: Self.president, in: "de", on: day).paragraphs == ["Please release them."], "no German: the original")
    }

    @Test func theReadersLanguageComesFirstThenTheOfficials() {
        let action = Self.action().applying(Self.russian(Self.action()))
        #expect(action.letterLanguage(to: Self.president, reader: "ru") == "ru")
        #expect(action.letterLanguage(to: Self.president, reader: "en") == "en")
        #expect(action.letterLanguage(to: Self.president, reader: "fr") == "ru", "ky has no letter; ru is the official's next")
        #expect(action.letterLanguage(to: Self.ambassador, reader: "fr") == "en")
        #expect(Self.president.preferredLanguages == ["ky", "ru"])
    }

    @Test func aTranslationIsOlderThanTheOriginalOnceTheOriginalChanges() {
        var action = Self.action()
        let translation = Self.russian(action)
        #expect(action.state(of: translation) == .current)
        #expect(action.state(of: nil) == .missing)
        action.people = []
        #expect(action.state(of: translation) == .current, "who the action names is not a word to translate")
        action.asks.append("Let them work freely")
        #expect(action.state(of: translation) == .outdated)
    }
}
