/// Cutting a line of a contact block into its lead and its labelled fields.
extension ContactReader {
    func readLine(_ index: Int, from start: String.Index? = nil) -> ReadLine {
        let line = source.lines[index]
        let skipped = start.map { line.text.distance(from: line.text.startIndex, to: $0) } ?? 0
        let text = String(line.text.dropFirst(skipped))
        let folded = String(line.folded.dropFirst(skipped))
        let sameLength = folded.count == text.count
        var found: [(start: Int, valueStart: Int, field: Field)] = []
        if sameLength {
            // A line in ASCII, as most are, is read as bytes: its bytes are its characters, and comparing them costs
            // a fraction of comparing characters.
            found =
                folded.utf8.allSatisfy({ $0 < 0x80 })
                ? Self.labels(in: Array(folded.utf8), Self.asciiFieldLabels) : Self.labels(in: Array(folded), Self.fieldLabels)
        }
        let offsets = Array(text.indices) + [text.endIndex]
        var fields: [(Field, Piece)] = []
        for (number, entry) in found.enumerated() {
            let end = number + 1 < found.count ? found[number + 1].start : text.count
            var range = offsets[entry.valueStart]..<offsets[max(entry.valueStart, end)]
            // "0207 727 8625 kanc@rusemb.org.uk", "+86 10 66262114 (Chinese Only)": a number ends where words begin;
            // an e-mail address after it is one more way to write.
            if Self.takesBareNumbers(entry.field), let numberEnd = Self.numberEnd(in: text[range]) {
                let rest = text[numberEnd..<range.upperBound]
                if let email = Self.emailAddresses(in: String(rest)).first, let at = rest.range(of: email) {
                    fields.append((.email, Piece(text: email, span: span(index, at, in: text, skipped: skipped))))
                }
                range = range.lowerBound..<numberEnd
            }
            let isSalutation = if case .salutation = entry.field { true } else { false }
            var value = Self.cleanValue(text[range], keepingComma: isSalutation)
            // "(Anrede: Your Excellency / Exzellenz)": the bracket closes around the label, not the salutation.
            if value.endsWith(")"), !value.contains("(") { value = String(value.dropLast()).trimmingWhitespace }
            guard !value.isEmpty else { continue }
            fields.append((entry.field, Piece(text: value, span: span(index, range, in: text, skipped: skipped))))
        }
        let leadEnd = found.first?.start ?? text.count
        var leadText = String(text[offsets[0]..<offsets[leadEnd]]).trimmingWhitespace
        while let last = leadText.last, last == "|" || last == ";" || last == "," || last == "/" {
            leadText = String(leadText.dropLast()).trimmingWhitespace
        }
        // Bare addresses, handles and links with no label.
        if found.isEmpty, !leadText.has(" ") || leadText.startsWith("http") || leadText.startsWith("www.") {
            if let field = Self.bareField(leadText) {
                fields.append((field, Piece(text: leadText, span: source.span(line: index))))
                leadText = ""
            }
        } else if found.isEmpty, leadText.has("@"), !leadText.startsWith("@"), Self.emailAddresses(in: leadText).count > 0,
            leadText.split(separator: " ").allSatisfy({ $0.contains("@") || $0.count <= 3 })
        {
            fields.append((.email, Piece(text: leadText, span: source.span(line: index))))
            leadText = ""
        }
        let leadSpan = span(index, offsets[0]..<offsets[leadEnd], in: text, skipped: skipped)
        // "(" before "Anrede: …)" is what is left of a bracket around a label, not a line of the address.
        let lead = leadText.contains(where: { $0.isLetter || $0.isNumber }) ? Piece(text: leadText, span: leadSpan) : nil
        return ReadLine(lead: lead, fields: fields, line: index)
    }

    /// The span of `range` of `text`, which is the line's text without its first `skipped` characters.
    private func span(_ index: Int, _ range: Range<String.Index>, in text: String, skipped: Int) -> TextSpan {
        let line = source.lines[index].text
        let prefix = line.utf8.distance(from: line.startIndex, to: line.index(line.startIndex, offsetBy: skipped))
        let lower = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
        let upper = text.utf8.distance(from: text.startIndex, to: range.upperBound)
        return source.span(line: index, bytes: (prefix + lower)..<(prefix + upper))
    }

    /// Where each label of `labels` stands in a folded line's `units` (its characters, or its bytes), where its value
    /// starts (past a colon, or at a number that follows a phone's label without one), and what it labels.
    private static func labels<Unit: LabelUnit>(
        in units: [Unit], _ labels: [Unit: [([Unit], Field)]]
    ) -> [(
        start: Int, valueStart: Int, field: Field
    )] {
        var found: [(start: Int, valueStart: Int, field: Field)] = []
        var position = 0
        while position < units.count {
            if position == 0 || units[position - 1].isLabelBoundary, let candidates = labels[units[position]] {
                for (label, field) in candidates where units[position...].starts(with: label) {
                    var end = position + label.count
                    while end < units.count, units[end] == Unit.space || units[end] == Unit.stop { end += 1 }
                    if end < units.count, units[end] == Unit.colon {
                        found.append((position, end + 1, field))
                        position = end
                        break
                    }
                    // "Tel +12 345", "Fax (01) 234": a number may follow its label without a colon.
                    guard takesBareNumbers(field), end < units.count, end > position + label.count, units[end].opensNumber else { continue }
                    found.append((position, end, field))
                    position = end
                    break
                }
            }
            position += 1
        }
        return found
    }

    /// Every label, longest first: "e-mail address" is read whole before "e-mail".
    private static let labelNames: [(String, Field)] = {
        var labels: [(String, Field)] = []
        let emails = [
            "e-mail", "email", "e-post", "epost", "e-mail address", "email address", "sähköposti", "courriel", "correo electrónico",
            "correo", "correo-e", "mail",
        ]
        for name in emails { labels.append((name, .email)) }
        for name in ["fax", "telefax", "faksi", "fax number"] { labels.append((name, .fax)) }
        let phones = ["phone", "telephone", "tél", "tel", "telefon", "puhelin", "téléphone", "teléfono", "tfn", "mobile", "phone number"]
        for name in phones { labels.append((name, .phone)) }
        for name in ["twitter handle", "twitter", "x (twitter)", "x/twitter", "twitter/x", "x"] { labels.append((name, .social(.x))) }
        for name in ["facebook", "página de facebook", "page facebook", "facebook page"] { labels.append((name, .social(.facebook))) }
        for name in ["instagram"] { labels.append((name, .social(.instagram))) }
        for name in ["telegram"] { labels.append((name, .social(.telegram))) }
        for name in ["bluesky"] { labels.append((name, .social(.bluesky))) }
        for name in ["mastodon"] { labels.append((name, .social(.mastodon))) }
        let contactForms = [
            "contact form", "online contact form", "online form", "web form", "kontaktformular", "kontaktformulär", "yhteydenottolomake",
            "formulaire de contact",
        ]
        for name in contactForms { labels.append((name, .contactForm)) }
        for name in ["website", "web", "homepage", "webbplats", "verkkosivu"] { labels.append((name, .website)) }
        for name in ["salutation", "anrede", "korrekte anrede", "hälsningsfras", "tervehdys", "formule d'appel", "tratamiento"] {
            labels.append((name, .salutation))
        }
        return labels.sorted { $0.0.count > $1.0.count }
    }()

    /// The labels by their first character, longest first.
    private static let fieldLabels = Dictionary(grouping: labelNames.map { (Array($0.0), $0.1) }, by: { $0.0[0] })
    /// The labels written in ASCII by their first byte, longest first: the others never stand in an ASCII line.
    private static let asciiFieldLabels = Dictionary(
        grouping: labelNames.filter { $0.0.utf8.allSatisfy { $0 < 0x80 } }.map { (Array($0.0.utf8), $0.1) }, by: { $0.0[0] })

    private static func takesBareNumbers(_ field: Field) -> Bool {
        switch field {
        case .phone, .fax: true
        default: false
        }
    }

    /// Where the number a phone's or a fax's label gives ends, when words follow it; nil when nothing does, or when
    /// the value opens on words ("on request").
    private static func numberEnd(in value: Substring) -> String.Index? {
        var end: String.Index?
        var position = value.startIndex
        while position < value.endIndex {
            while position < value.endIndex, value[position] == " " { position = value.index(after: position) }
            guard position < value.endIndex else { break }
            let wordEnd = value[position...].firstIndex(of: " ") ?? value.endIndex
            let word = value[position..<wordEnd]
            guard word.allSatisfy({ $0.isNumber || "+-–()./,;".contains($0) }) else {
                return end.map { _ in position }
            }
            if word.contains(where: \.isNumber) { end = wordEnd }
            position = wordEnd
        }
        return nil
    }

    private static func cleanValue(_ value: Substring, keepingComma: Bool = false) -> String {
        var text = value.trimmingWhitespace
        for separator in [" I", " |", " /", ";", ",", "|"] where text.endsWith(separator) && !(keepingComma && separator == ",") {
            text = String(text.dropLast(separator.count)).trimmingWhitespace
        }
        if text.endsWith("."), !text.endsWith("..") { text.removeLast() }
        return text
    }

    private static func bareField(_ text: String) -> Field? {
        let folded = text.lowercased()
        if isHidden(text) { return .email }
        if folded.has("facebook.com") { return .social(.facebook) }
        if folded.has("twitter.com/") || folded.has("x.com/") { return .social(.x) }
        if folded.has("instagram.com") { return .social(.instagram) }
        if folded.has("t.me/") { return .social(.telegram) }
        if folded.has("bsky.app") { return .social(.bluesky) }
        if folded.startsWith("http://") || folded.startsWith("https://") || folded.startsWith("www.") {
            return looksLikeContactForm(folded) ? .contactForm : .website
        }
        if folded.startsWith("@"), folded.utf8.count > 2, !folded.dropFirst().contains("@") { return .social(.x) }
        if !emailAddresses(in: text).isEmpty { return .email }
        return nil
    }

    static func looksLikeContactForm(_ text: String) -> Bool {
        let folded = text.lowercased()
        return ["contact", "form", "kontakt", "feedback", "appeal", "obrashcheni", "write"].contains { folded.has($0) }
    }

    static func isHidden(_ text: String) -> Bool {
        let folded = text.lowercased()
        return folded.has("[email") && folded.has("protected]") || folded.has("email protected")
    }

    static func emailAddresses(in text: String) -> [String] {
        var addresses: [String] = []
        let separators: Set<Character> = [" ", ",", ";", "<", ">", "(", ")"]
        for token in text.split(whereSeparator: separators.contains) {
            var candidate = Substring(token)
            while let last = candidate.last, last == "." || last == ":" { candidate = candidate.dropLast() }
            if candidate.startsWith("mailto:") { candidate = candidate.dropFirst(7) }
            if let address = EmailAddress(String(candidate)) { addresses.append(address.value) }
        }
        return addresses
    }
}

/// What the label scan of `ContactReader.readLine` reads a line as: its characters, or the bytes of an ASCII line.
private protocol LabelUnit: Hashable {
    static var space: Self { get }
    static var stop: Self { get }
    static var colon: Self { get }
    /// What may stand before a label: the line's start is checked apart.
    var isLabelBoundary: Bool { get }
    /// What a phone number may start with when no colon follows its label.
    var opensNumber: Bool { get }
}

extension Character: LabelUnit {
    fileprivate static var space: Character { " " }
    fileprivate static var stop: Character { "." }
    fileprivate static var colon: Character { ":" }
    fileprivate var isLabelBoundary: Bool { " |;,/(•".contains(self) }
    fileprivate var opensNumber: Bool { self == "+" || self == "(" || isNumber }
}

extension UInt8: LabelUnit {
    fileprivate static var space: UInt8 { 0x20 }
    fileprivate static var stop: UInt8 { 0x2E }
    fileprivate static var colon: UInt8 { 0x3A }
    fileprivate var isLabelBoundary: Bool { self == 0x20 || self == 0x7C || self == 0x3B || self == 0x2C || self == 0x2F || self == 0x28 }
    fileprivate var opensNumber: Bool { self == 0x2B || self == 0x28 || (0x30...0x39).contains(self) }
}
