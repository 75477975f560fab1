import Foundation

@testable import OutcryCore

/// Compares an importer draft with a fixture's `.expected.json`, field by field, and keeps the results
/// for the table printed after the run. A key absent from the expectation is not checked; a string
/// ending in "…" is a prefix; whitespace runs compare as one space.
struct FixtureExpectation {
    struct Result {
        let fixture: String
        let field: String
        /// ✓ found as expected, – missing as expected, ✗ wrong.
        let mark: Character
        let detail: String
        /// The text has this field (the expectation gives a value, not "missing").
        var expectedValue = true
        /// The importer gave a value for it, right or wrong.
        var foundValue = true
    }

    /// How values are compared.
    enum Reading {
        /// The tuned fixtures: every field exactly as expected, the people as one list in order.
        case exact
        /// The real-text corpus, scored as the organisation scores it: each person at risk apart (one found that is
        /// not at risk is a false positive), and an official's postal address as one text however it is split into lines.
        case corpus
    }

    let name: String
    let expected: [String: Any]
    let reading: Reading

    init(name: String, json: Data, reading: Reading = .exact) throws {
        self.name = name
        self.reading = reading
        guard let object = try JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        expected = object
    }

    var today: HistoricalDate? {
        (expected["options"] as? [String: Any])?["today"].flatMap { $0 as? String }.flatMap { try? HistoricalDate(iso: $0) }
    }

    func check(_ document: ImportedDocument) throws -> [Result] {
        let encoded = try JSONEncoder().encode(document)
        let actual = try JSONSerialization.jsonObject(with: encoded) as? [String: Any] ?? [:]
        let body = (actual["action"] as? [String: Any]) ?? (actual["statement"] as? [String: Any]) ?? [:]
        var results: [Result] = []
        func record(
            _ field: String, _ ok: Bool, missingExpected: Bool = false, found: Bool = true, _ detail: @autoclosure () -> String
        ) {
            results.append(
                Result(
                    fixture: name, field: field, mark: ok ? (missingExpected ? "–" : "✓") : "✗", detail: ok ? "" : detail(),
                    expectedValue: !missingExpected, foundValue: found))
        }
        for (key, value) in expected.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "options", "source":
                continue
            case "country" where reading == .corpus && expected["kind"] as? String == "statement":
                // Outcry's statements have no country (their cases do): the importer gives none to score.
                continue
            case "title" where reading == .corpus:
                // The marker and number a headline may begin with are the kind and number fields, not its words.
                let found = Self.value(body["title"])
                record(
                    key, Self.matches(Self.headlineWords(value), (found as? String).map(Self.headlineWords)), found: Self.isGiven(found),
                    "expected \(Self.describe(value)), found \(Self.describe(found))")
            case "people" where reading == .corpus:
                results += checkPeople(value as? [String] ?? [], found: Self.value(body["people"]) as? [String] ?? [])
            case "kind":
                let found = (actual["kind"] as? [String: Any])?["value"] as? String
                record("kind", found == value as? String, found: found != nil, "expected \(value), found \(found ?? "nothing")")
            case "missing":
                for field in value as? [String] ?? [] {
                    let entry = body[bodyKey(field, in: body)] as? [String: Any]
                    let isMissing = entry == nil || entry?["found"] as? Bool == false
                    record(
                        field, isMissing, missingExpected: true, found: !isMissing,
                        "expected missing, found \(Self.describe(entry?["value"]))")
                }
            case "targets":
                results += checkTargets(value as? [[String: Any]] ?? [], found: Self.value(body["targets"]) as? [[String: Any]] ?? [])
            case "letter":
                results += checkLetter(value as? [String: Any] ?? [:], found: Self.value(body["letter"]) as? [String: Any])
            case "quotes":
                results += checkQuotes(value as? [[String: Any]] ?? [], found: Self.value(body["quotes"]) as? [[String: Any]] ?? [])
            default:
                let found = Self.value(body[bodyKey(key, in: body)])
                record(
                    key, Self.matches(value, found), found: Self.isGiven(found),
                    "expected \(Self.describe(value)), found \(Self.describe(found))")
            }
        }
        return results
    }

    private func checkTargets(_ expected: [[String: Any]], found: [[String: Any]]) -> [Result] {
        var results: [Result] = []
        let countOK = expected.count == found.count
        results.append(
            Result(
                fixture: name, field: "targets", mark: countOK ? "✓" : "✗",
                detail: countOK
                    ? ""
                    : "expected \(expected.count) officials, found \(found.count): "
                        + "\(found.map { Self.describe(Self.value($0["name"]) ?? Self.value($0["organisation"])) })",
                expectedValue: !expected.isEmpty, foundValue: !found.isEmpty))
        for (number, target) in expected.enumerated() {
            let actual = number < found.count ? found[number] : [:]
            for (key, value) in target.sorted(by: { $0.key < $1.key }) {
                let field = "targets[\(number)].\(key)"
                let ok: Bool
                var shown: Any?
                switch key {
                case "missing":
                    for subfield in value as? [String] ?? [] {
                        let entry = actual[Self.targetKey(subfield)] as? [String: Any]
                        let isMissing = entry == nil || entry?["found"] as? Bool == false
                        results.append(
                            Result(
                                fixture: name, field: "targets[\(number)].\(subfield)", mark: isMissing ? "–" : "✗",
                                detail: isMissing ? "" : "expected missing, found \(Self.describe(entry?["value"]))",
                                expectedValue: false, foundValue: !isMissing))
                    }
                    continue
                case "role":
                    shown = actual["role"]
                    ok = (actual["role"] as? String) == value as? String
                case "unusable":
                    let count = (actual["unusableContacts"] as? [Any])?.count ?? 0
                    shown = count
                    ok = count == value as? Int
                case "social":
                    let handles = (Self.value(actual["socialHandles"]) as? [[String: Any]] ?? []).map {
                        "\($0["network"] ?? ""):\($0["handle"] ?? "")"
                    }
                    shown = handles
                    ok = Self.matches(value, handles)
                case "address" where reading == .corpus:
                    shown = Self.value(actual["addressLines"])
                    ok = Self.matches(Self.joinedAddress(value), Self.joinedAddress(shown))
                default:
                    shown = Self.value(actual[Self.targetKey(key)])
                    ok = Self.matches(value, shown)
                }
                results.append(
                    Result(
                        fixture: name, field: field, mark: ok ? "✓" : "✗",
                        detail: ok ? "" : "expected \(Self.describe(value)), found \(Self.describe(shown))", foundValue: Self.isGiven(shown)
                    ))
            }
        }
        return results
    }

    private func checkLetter(_ expected: [String: Any], found: [String: Any]?) -> [Result] {
        let absent = (expected["missing"] as? [String] ?? []).map { key in
            let isMissing = !Self.isGiven(Self.value(found?[key]))
            return Result(
                fixture: name, field: "letter.\(key)", mark: isMissing ? "–" : "✗",
                detail: isMissing ? "" : "expected missing, found \(Self.describe(found?[key]))", expectedValue: false,
                foundValue: !isMissing)
        }
        return absent
            + expected.filter { $0.key != "missing" }.sorted(by: { $0.key < $1.key }).map { key, value in
                let actual: Any? = key == "paragraphs" ? found?["paragraphs"] : Self.value(found?[key])
                let ok: Bool
                if key == "paragraphs", let count = value as? Int {
                    ok = (actual as? [Any])?.count == count
                } else {
                    ok = Self.matches(value, actual)
                }
                return Result(
                    fixture: name, field: "letter.\(key)", mark: ok ? "✓" : "✗",
                    detail: ok ? "" : "expected \(Self.describe(value)), found \(Self.describe(actual))", foundValue: Self.isGiven(actual))
            }
    }

    private func checkQuotes(_ expected: [[String: Any]], found: [[String: Any]]) -> [Result] {
        var results = [
            Result(
                fixture: name, field: "quotes", mark: expected.count == found.count ? "✓" : "✗",
                detail: "expected \(expected.count) speakers' quotes, found \(found.count)", expectedValue: !expected.isEmpty,
                foundValue: !found.isEmpty)
        ]
        for (number, quote) in expected.enumerated() {
            let actual = number < found.count ? found[number] : [:]
            for (key, value) in quote.sorted(by: { $0.key < $1.key }) {
                let ok: Bool
                if key == "paragraphs", let count = value as? Int {
                    ok = (actual["paragraphs"] as? [Any])?.count == count
                } else {
                    ok = Self.matches(value, actual[key])
                }
                results.append(
                    Result(
                        fixture: name, field: "quotes[\(number)].\(key)", mark: ok ? "✓" : "✗",
                        detail: ok ? "" : "expected \(Self.describe(value)), found \(Self.describe(actual[key]))",
                        foundValue: Self.isGiven(actual[key])))
            }
        }
        return results
    }

    /// Each person at risk apart: one expected and found, one expected and not found, one found and not expected.
    private func checkPeople(_ expected: [String], found: [String]) -> [Result] {
        let want = expected.map(Whitespace.collapsed)
        let have = found.map(Whitespace.collapsed)
        var results = want.map { person in
            Result(
                fixture: name, field: "people", mark: have.contains(person) ? "✓" : "✗", detail: "\(person) not found",
                foundValue: have.contains(person))
        }
        results += have.filter { !want.contains($0) }.map {
            Result(fixture: name, field: "people", mark: "✗", detail: "\($0) is not at risk", expectedValue: false)
        }
        if results.isEmpty {
            results.append(Result(fixture: name, field: "people", mark: "–", detail: "", expectedValue: false, foundValue: false))
        }
        return results
    }

    /// "Urgent Action Update: Free Jane Doe" → "Free Jane Doe", "UA 229/10 Risk of Forced Eviction" → "Risk of Forced Eviction",
    /// "Further information on UA 118/10 (18 May 2010) - Imminent execution" → "Imminent execution": the marker, the
    /// number and the earlier documents' dates are the kind, number and updates fields.
    /// A headline without the marker and number it may begin with, as the title model learns it.
    private static func headlineWords(_ title: Any) -> String {
        (title as? String).map(TitleModel.headlineWords) ?? ""
    }

    /// A statement's date is what an action calls its issue date.
    private func bodyKey(_ key: String, in body: [String: Any]) -> String {
        key == "issued" && body["issued"] == nil && body["date"] != nil ? "date" : key
    }

    /// Address lines as one text, "Street 1 1000 Town Country", however the lines and commas split it.
    private static func joinedAddress(_ lines: Any?) -> String {
        Whitespace.collapsed(((lines as? [String]) ?? []).joined(separator: " ").replacing(",", with: " "))
    }

    private static func targetKey(_ key: String) -> String {
        switch key {
        case "address": "addressLines"
        case "social": "socialHandles"
        case "unusable": "unusableContacts"
        default: key
        }
    }

    /// The value of a `Found` field as encoded: `{"found": true, "value": …}`.
    private static func value(_ field: Any?) -> Any? {
        guard let field = field as? [String: Any] else { return field }
        if field["found"] != nil { return field["value"] }
        return field
    }

    static func matches(_ expected: Any, _ found: Any?) -> Bool {
        switch expected {
        case let text as String:
            guard let found = found as? String else { return false }
            let want = Whitespace.collapsed(text)
            let have = Whitespace.collapsed(found)
            if want.hasSuffix("…") { return have.hasPrefix(String(want.dropLast())) }
            return have == want
        case let list as [Any]:
            guard let found = found as? [Any], found.count == list.count else { return false }
            return zip(list, found).allSatisfy { matches($0, $1) }
        case let count as Int:
            if let found = found as? [Any] { return found.count == count }
            return (found as? Int) == count
        default:
            return false
        }
    }

    /// Whether the importer gave anything: a value, a non-empty list.
    static func isGiven(_ value: Any?) -> Bool {
        guard let value, !(value is NSNull) else { return false }
        if let list = value as? [Any] { return !list.isEmpty }
        if let text = value as? String { return !text.isEmpty }
        return true
    }

    static func describe(_ value: Any?) -> String {
        guard let value else { return "nothing" }
        if let text = value as? String { return "“\(text.count > 90 ? String(text.prefix(90)) + "…" : text)”" }
        if let list = value as? [Any] { return "[" + list.map { describe($0) }.joined(separator: ", ") + "]" }
        if let dictionary = value as? [String: Any] { return describe(dictionary["value"] ?? dictionary.description) }
        return "\(value)"
    }
}

enum Whitespace {
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
