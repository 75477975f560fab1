/// Reads officials from contact blocks: many lines or one, a field per line or several per line
/// ("Fax: +12 345 I Phone: +12 678"), names with honorifics, offices, bodies and postal addresses.
struct ContactReader {
    let source: SourceText

    private enum Field {
        case email, fax, phone, social(SocialHandle.Network), contactForm, website, salutation
    }

    private struct Piece {
        let text: String
        let span: TextSpan
    }

    /// A line of a block cut into the text before any contact label and the labelled values after it.
    private struct ReadLine {
        let lead: Piece?
        let fields: [(Field, Piece)]
        let line: Int
        /// What the lead is, worked out once.
        var role: LineRole = .contact
    }

    private enum LineRole { case contact, address, title, organisation, honorificName, other }

    /// The officials in `lines` (indices into the source; blank lines allowed).
    /// `firstLineFrom` skips a label on the first line ("Write to: Minister…").
    func targets(lines: [Int], role: UrgentActionTarget.Role, firstLineFrom: String.Index? = nil) -> [ImportedTarget] {
        var blocks: [[ReadLine]] = []
        var current: [ReadLine] = []
        var currentHasAddress = false
        var blankBefore = false
        var inProse = false
        for (position, index) in lines.enumerated() {
            let line = source.lines[index]
            if line.isBlank {
                blankBefore = true
                inProse = false
                continue
            }
            // Instructions between blocks, and their wrapped lines, are not contact details.
            if inProse || Self.isProse(line.text) || line.text.hasSuffix(".") && DeadlineReader.phrase(in: line.folded) != nil {
                blankBefore = true
                inProse = true
                continue
            }
            var read = readLine(index, from: position == 0 ? firstLineFrom : nil)
            let role = read.lead.map { classify($0.text.hasSuffix(",") ? String($0.text.dropLast()) : $0.text) } ?? .contact
            read.role = role
            let startsOfficial = role == .honorificName || role == .organisation || role == .title
            let groupHasManyLines = position + 1 < lines.count && !source.lines[lines[position + 1]].isBlank
            let oneLineOfficial = read.lead.map { commaCount($0.text) >= 2 } ?? false
            if !current.isEmpty,
                (currentHasAddress && role != .contact && role != .address && (startsOfficial || (blankBefore && groupHasManyLines)))
                    || (blankBefore && oneLineOfficial)
            {
                blocks.append(current)
                current = []
                currentHasAddress = false
            }
            current.append(read)
            if role == .address || role == .contact || oneLineOfficial { currentHasAddress = true }
            blankBefore = false
        }
        if !current.isEmpty { blocks.append(current) }
        return blocks.compactMap { target(from: $0, role: role) }
    }

    /// Instructions between blocks ("Also send copies to diplomatic representatives…") and form templates.
    static func isProse(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        let folded = Phrase.fold(text)
        if words.count >= 4, folded.has("address 1") || folded.hasPrefix("name address") { return true }
        guard words.count >= 6, !folded.has("@"), !folded.has("http") else { return false }
        let lower = words.filter { $0.first?.isLowercase == true }.count
        guard lower * 2 > words.count else { return false }
        let addressesTheReader = Phrase.words(in: folded).contains { ["please", "your", "you", "send", "check", "also", "if", "bitte", "sie", "skicka", "vous", "veuillez"].contains($0.word) }
        return addressesTheReader
    }

    private func commaCount(_ text: String) -> Int { text.filter { $0 == "," }.count }

    // MARK: - One official

    private func target(from block: [ReadLine], role: UrgentActionTarget.Role) -> ImportedTarget? {
        var target = ImportedTarget(role: role)
        var addressLines: [Piece] = []
        var emails: [Piece] = []
        var socials: [(SocialHandle, TextSpan)] = []
        var inAddress = false
        var leads: [(piece: Piece, role: LineRole?)] = []
        for read in block {
            guard let lead = read.lead else { continue }
            // "Minister Jane Roe, Ministry of Justice, 12 Main Street, Capital City" on one line.
            if block.count == 1 || (leads.isEmpty && commaCount(lead.text) >= 2 && !lead.text.contains(where: \.isNumber)) || commaCount(lead.text) >= 3 {
                leads += split(lead).map { ($0, nil) }
            } else {
                leads.append((lead, read.role))
            }
        }
        for (lead, knownRole) in leads {
            var text = lead.text
            if text.hasSuffix(",") && !inAddress { text.removeLast() }
            let piece = Piece(text: text, span: lead.span)
            switch inAddress ? .address : knownRole ?? classify(text) {
            case .honorificName where !target.name.isFound:
                let (honorific, rest) = Self.honorific(of: text)
                if let honorific { target.honorific = Found(honorific, at: piece.span) }
                let (name, office) = Self.nameAndOffice(rest)
                target.name = Found(name, at: piece.span)
                if let office, !target.title.isFound { target.title = Found(office, at: piece.span) }
            case .title where !target.title.isFound:
                if let (office, name) = Self.officeThenName(text), !target.name.isFound {
                    target.title = Found(office, at: piece.span)
                    target.name = Found(name, at: piece.span)
                } else {
                    target.title = Found(text, at: piece.span)
                }
            case .organisation where !target.organisation.isFound:
                target.organisation = Found(text, at: piece.span)
            case .other where !target.name.isFound && !target.organisation.isFound && !target.title.isFound:
                target.name = Found(text, at: piece.span)
            case .other where !target.name.isFound && Self.looksLikeName(text):
                target.name = Found(text, at: piece.span)
            default:
                inAddress = true
                addressLines.append(Piece(text: lead.text, span: lead.span))
            }
        }
        for read in block {
            for (field, piece) in read.fields {
                switch field {
                case .email:
                    if Self.isHidden(piece.text) {
                        target.unusableContacts.append(
                            "E-mail: the source shows “\(piece.text)”: the publishing site hid the address, so it must be found again")
                    } else {
                        for address in Self.emailAddresses(in: piece.text) { emails.append(Piece(text: address, span: piece.span)) }
                    }
                case .fax where !target.fax.isFound: target.fax = Found(piece.text, at: piece.span)
                case .phone where !target.phone.isFound: target.phone = Found(piece.text, at: piece.span)
                case .social(let network): socials.append((SocialHandle(network: network, handle: piece.text), piece.span))
                case .contactForm where !target.contactForm.isFound: target.contactForm = Found(piece.text, at: piece.span)
                case .website:
                    if !target.contactForm.isFound, Self.looksLikeContactForm(piece.text) {
                        target.contactForm = Found(piece.text, at: piece.span)
                    } else {
                        socials.append((SocialHandle(network: .other, handle: piece.text), piece.span))
                    }
                case .salutation where !target.salutation.isFound: target.salutation = Found(piece.text, at: piece.span)
                default: break
                }
            }
        }
        if !addressLines.isEmpty { target.addressLines = Found(addressLines.map(\.text), at: merged(addressLines.map(\.span))) }
        if !emails.isEmpty { target.emails = Found(emails.map(\.text), at: merged(emails.map(\.span))) }
        if !socials.isEmpty { target.socialHandles = Found(socials.map(\.0), at: merged(socials.map(\.1))) }
        guard target.name.isFound || target.organisation.isFound || target.title.isFound || !addressLines.isEmpty || !emails.isEmpty else {
            return nil
        }
        target.span = merged(block.map { source.span(line: $0.line) })
        return target
    }

    private func merged(_ spans: [TextSpan]) -> TextSpan? {
        guard let first = spans.first else { return nil }
        return TextSpan(start: spans.map(\.start).min() ?? first.start, end: spans.map(\.end).max() ?? first.end, line: first.line)
    }

    private func split(_ lead: Piece) -> [Piece] {
        var pieces: [Piece] = []
        for part in lead.text.split(separator: ",") {
            let text = part.trimmingWhitespace
            if !text.isEmpty { pieces.append(Piece(text: text, span: lead.span)) }
        }
        return pieces
    }

    // MARK: - Reading a line

    private func readLine(_ index: Int, from start: String.Index? = nil) -> ReadLine {
        let line = source.lines[index]
        let skipped = start.map { line.text.distance(from: line.text.startIndex, to: $0) } ?? 0
        let text = String(line.text.dropFirst(skipped))
        let folded = String(line.folded.dropFirst(skipped))
        let sameLength = folded.count == text.count
        var found: [(start: Int, valueStart: Int, field: Field)] = []
        if sameLength {
            let characters = Array(folded)
            var position = 0
            while position < characters.count {
                if position == 0 || " |;,/(•".contains(characters[position - 1]) {
                    for (label, field) in Self.fieldLabels where matches(label, in: characters, at: position) {
                        var end = position + label.count
                        while end < characters.count, characters[end] == " " || characters[end] == "." { end += 1 }
                        if end < characters.count, characters[end] == ":" {
                            found.append((position, end + 1, field))
                            position = end
                            break
                        }
                        if case .phone = field, end < characters.count, characters[end] == "+" || characters[end] == "(" || characters[end].isNumber, end > position + label.count {
                            found.append((position, end, field))
                            position = end
                            break
                        }
                        if case .fax = field, end < characters.count, characters[end] == "+" || characters[end] == "(" || characters[end].isNumber, end > position + label.count {
                            found.append((position, end, field))
                            position = end
                            break
                        }
                    }
                }
                position += 1
            }
        }
        let offsets = Array(text.indices) + [text.endIndex]
        var fields: [(Field, Piece)] = []
        for (number, entry) in found.enumerated() {
            let end = number + 1 < found.count ? found[number + 1].start : text.count
            let range = offsets[entry.valueStart]..<offsets[max(entry.valueStart, end)]
            let isSalutation = if case .salutation = entry.field { true } else { false }
            let value = Self.cleanValue(text[range], keepingComma: isSalutation)
            guard !value.isEmpty else { continue }
            fields.append((entry.field, Piece(text: value, span: span(index, range, in: text, skipped: skipped))))
        }
        let leadEnd = found.first?.start ?? text.count
        var leadText = String(text[offsets[0]..<offsets[leadEnd]]).trimmingWhitespace
        while let last = leadText.last, last == "|" || last == ";" || last == "," || last == "/" { leadText = String(leadText.dropLast()).trimmingWhitespace }
        // Bare addresses, handles and links with no label.
        if found.isEmpty, !leadText.has(" ") || leadText.hasPrefix("http") || leadText.hasPrefix("www.") {
            if let field = Self.bareField(leadText) {
                fields.append((field, Piece(text: leadText, span: source.span(line: index))))
                leadText = ""
            }
        } else if found.isEmpty, leadText.has("@"), !leadText.hasPrefix("@"), Self.emailAddresses(in: leadText).count > 0,
            leadText.split(separator: " ").allSatisfy({ $0.contains("@") || $0.count <= 3 })
        {
            fields.append((.email, Piece(text: leadText, span: source.span(line: index))))
            leadText = ""
        }
        let lead = leadText.isEmpty ? nil : Piece(text: leadText, span: span(index, offsets[0]..<offsets[leadEnd], in: text, skipped: skipped))
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

    private func matches(_ label: [Character], in characters: [Character], at position: Int) -> Bool {
        guard position + label.count <= characters.count else { return false }
        for offset in 0..<label.count where characters[position + offset] != label[offset] { return false }
        return true
    }

    private static let fieldLabels: [([Character], Field)] = {
        var labels: [(String, Field)] = []
        for name in ["e-mail", "email", "e-post", "epost", "e-mail address", "email address", "sähköposti", "courriel", "correo electrónico", "correo", "mail"] { labels.append((name, .email)) }
        for name in ["fax", "telefax", "faksi", "fax number"] { labels.append((name, .fax)) }
        for name in ["phone", "telephone", "tél", "tel", "telefon", "puhelin", "téléphone", "teléfono", "tfn", "mobile", "phone number"] { labels.append((name, .phone)) }
        for name in ["twitter handle", "twitter", "x (twitter)", "x/twitter", "twitter/x", "x"] { labels.append((name, .social(.x))) }
        for name in ["facebook"] { labels.append((name, .social(.facebook))) }
        for name in ["instagram"] { labels.append((name, .social(.instagram))) }
        for name in ["telegram"] { labels.append((name, .social(.telegram))) }
        for name in ["bluesky"] { labels.append((name, .social(.bluesky))) }
        for name in ["mastodon"] { labels.append((name, .social(.mastodon))) }
        for name in ["contact form", "online contact form", "online form", "web form", "kontaktformular", "kontaktformulär", "yhteydenottolomake", "formulaire de contact"] { labels.append((name, .contactForm)) }
        for name in ["website", "web", "homepage", "webbplats", "verkkosivu"] { labels.append((name, .website)) }
        for name in ["salutation", "anrede", "hälsningsfras", "tervehdys"] { labels.append((name, .salutation)) }
        return labels.sorted { $0.0.count > $1.0.count }.map { (Array($0.0), $0.1) }
    }()

    private static func cleanValue(_ value: Substring, keepingComma: Bool = false) -> String {
        var text = value.trimmingWhitespace
        for separator in [" I", " |", " /", ";", ",", "|"] where text.hasSuffix(separator) && !(keepingComma && separator == ",") {
            text = String(text.dropLast(separator.count)).trimmingWhitespace
        }
        if text.hasSuffix("."), !text.hasSuffix("..") { text.removeLast() }
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
        if folded.hasPrefix("http://") || folded.hasPrefix("https://") || folded.hasPrefix("www.") {
            return looksLikeContactForm(folded) ? .contactForm : .website
        }
        if folded.hasPrefix("@"), folded.utf8.count > 2, !folded.dropFirst().contains("@") { return .social(.x) }
        if !emailAddresses(in: text).isEmpty { return .email }
        return nil
    }

    private static func looksLikeContactForm(_ text: String) -> Bool {
        let folded = text.lowercased()
        return ["contact", "form", "kontakt", "feedback", "appeal", "obrashcheni", "write"].contains { folded.has($0) }
    }

    static func isHidden(_ text: String) -> Bool {
        let folded = text.lowercased()
        return folded.has("[email") && folded.has("protected]") || folded.has("email protected")
    }

    static func emailAddresses(in text: String) -> [String] {
        var addresses: [String] = []
        for token in text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0 == "<" || $0 == ">" || $0 == "(" || $0 == ")" }) {
            var candidate = Substring(token)
            while let last = candidate.last, last == "." || last == ":" { candidate = candidate.dropLast() }
            if candidate.hasPrefix("mailto:") { candidate = candidate.dropFirst(7) }
            if let address = EmailAddress(String(candidate)) { addresses.append(address.value) }
        }
        return addresses
    }

    // MARK: - What a line is

    private func classify(_ text: String) -> LineRole {
        let folded = Phrase.fold(text)
        let words = Phrase.words(in: folded).map { String($0.word) }
        guard let first = words.first else { return .other }
        if Self.honorific(of: text, folded: folded).0 != nil { return .honorificName }
        if text.contains(where: \.isNumber) || words.contains(where: { Self.addressWords.contains($0) })
            || NameFinder.country(namedBy: words) != nil || Self.cjkAddress(text)
        {
            return .address
        }
        if let last = words.last, Self.organisationWords.contains(last) { return .organisation }
        if Self.titleWords.contains(first) || (words.count > 1 && Self.titleWords.contains(words[0] + " " + words[1])) {
            return .title
        }
        if words.contains(where: { Self.organisationWords.contains($0) }) { return .organisation }
        if words.contains(where: { Self.titleWords.contains($0) }) { return .title }
        return .other
    }

    private static func cjkAddress(_ text: String) -> Bool {
        ["路", "街", "号", "號", "市", "省", "区", "區", "улица", "ул.", "проспект", "пр."].contains { text.has($0) }
    }

    private static let addressWords: Set<String> = [
        "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "square", "box", "p.o", "po", "building",
        "floor", "str", "straße", "strasse", "gatan", "katu", "rue", "calle", "avenida", "plaza", "district", "province",
        "city", "town", "village", "block", "house", "road", "highway", "nw", "ne", "sw", "se", "dc",
    ]

    private static let organisationWords: Set<String> = [
        "ministry", "embassy", "office", "administration", "presidency", "council", "committee", "court", "department",
        "parliament", "government", "service", "commission", "bureau", "agency", "mission", "procuracy",
        "directorate", "secretariat", "consulate", "cabinet", "police", "headquarters", "prison", "ministerium",
        "botschaft", "büro", "regierung", "departementet", "ministeriet", "ambassad", "ambassaden", "ministeriö",
        "suurlähetystö", "министерство", "администрация", "посольство", "аппарат", "прокуратура", "suprema",
        "ministère", "ambassade", "ministerio", "embajada", "institution", "chancellery", "kremlin", "diwan", "court",
        "centre", "center", "bakanlığı", "fiscalía", "procuraduría", "secretaría", "prosecution",
        "staatsanwaltschaft", "generalstaatsanwaltschaft", "kansliet", "virasto",
    ]

    private static let titleWords: Set<String> = [
        "president", "minister", "prime minister", "ambassador", "attorney", "prosecutor", "procurator", "governor", "mayor",
        "chief", "director", "head", "chair", "chairman", "chairperson", "commissioner", "secretary", "king", "queen",
        "emir", "sultan", "speaker", "judge", "justice", "ombudsman", "commander", "chancellor", "premier", "präsident",
        "präsidentin", "ministerin", "botschafter", "botschafterin", "president", "presidentti", "ministeri",
        "suurlähettiläs", "президент", "министр", "посол", "генеральный", "主席", "总理", "部长", "ombudsperson",
        "inspector", "general", "deputy", "vice", "high", "special", "rapporteur", "generalstaatsanwalt", "ministre",
        "procureur", "fiscal", "bakanı", "kung", "kuningas", "pääministeri", "oikeusministeri",
    ]

    /// Honorifics as they go on an envelope, longest first.
    private static let honorifics: [String] = [
        "his royal highness", "her royal highness", "his excellency", "her excellency", "his majesty", "her majesty",
        "his highness", "her highness", "the honourable", "the honorable", "his holiness", "h.e.", "h.e", "mr.", "mr", "mrs.",
        "mrs", "ms.", "ms", "miss", "dr.", "dr", "prof.", "prof", "professor", "ambassador", "sheikh", "shaikh", "hon.",
        "excmo. sr.", "excma. sra.", "sr.", "sra.", "herrn botschafter", "frau botschafterin", "herrn", "herr", "frau",
        "mme", "m.", "s.e.", "s.e", "judge",
    ].sorted { $0.count > $1.count }

    /// The first words of every honorific, to rule most lines out at once.
    private static let honorificStarts = Set(honorifics.map { Substring($0.split(separator: " ")[0]) })

    /// "H.E. Sadyr Japarov" → ("H.E.", "Sadyr Japarov").
    static func honorific(of text: String, folded: String? = nil) -> (String?, String) {
        let folded = folded ?? Phrase.fold(text)
        guard let firstSpace = folded.firstIndex(of: " "), honorificStarts.contains(folded[..<firstSpace]) else { return (nil, text) }
        for honorific in honorifics where folded.hasPrefix(honorific + " ") {
            let printed = String(text.prefix(honorific.count))
            let rest = String(text.dropFirst(honorific.count)).trimmingWhitespace
            guard let first = rest.first, first.isUppercase || !first.isCased else { continue }
            return (printed, rest)
        }
        return (nil, text)
    }

    /// "Sadyr Japarov, President of Kyrgyzstan" → ("Sadyr Japarov", "President of Kyrgyzstan").
    private static func nameAndOffice(_ text: String) -> (String, String?) {
        guard let comma = text.firstIndex(of: ",") else { return (text, nil) }
        let office = text[text.index(after: comma)...].trimmingWhitespace
        return (String(text[..<comma]).trimmingWhitespace, office.isEmpty ? nil : office)
    }

    /// "Minister Jane Roe" → ("Minister", "Jane Roe"); nil unless the words after the office are a name.
    private static func officeThenName(_ text: String) -> (String, String)? {
        let words = text.split(separator: " ")
        for length in [2, 1] where words.count > length {
            let office = words.prefix(length).joined(separator: " ")
            let name = words.dropFirst(length)
            guard titleWords.contains(Phrase.fold(office)), (2...4).contains(name.count),
                name.allSatisfy({ $0.first?.isUppercase == true && !$0.contains(where: \.isNumber) }),
                !name.contains(where: { ["of", "for", "the"].contains($0.lowercased()) })
            else { continue }
            return (office, name.joined(separator: " "))
        }
        return nil
    }

    private static func looksLikeName(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return (2...5).contains(words.count) && words.allSatisfy { $0.first?.isUppercase == true || !($0.first?.isCased ?? false) }
            && !text.contains(where: \.isNumber)
    }
}
