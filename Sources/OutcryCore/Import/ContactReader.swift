/// Reads officials from contact blocks: many lines or one, a field per line or several per line
/// ("Fax: +12 345 I Phone: +12 678"), names with honorifics, offices, bodies and postal addresses.
struct ContactReader {
    let source: SourceText

    enum Field {
        case email, fax, phone
        case social(SocialHandle.Network)
        case contactForm, website, salutation
    }

    struct Piece {
        let text: String
        let span: TextSpan
    }

    /// A line of a block cut into the text before any contact label and the labelled values after it.
    struct ReadLine {
        let lead: Piece?
        let fields: [(Field, Piece)]
        let line: Int
        /// What the lead is, worked out once.
        var role: LineRole = .contact
    }

    /// What a line of a block holds; `name` is a person's name, with its honorific if it has one.
    enum LineRole { case contact, address, title, organisation, name, other }

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
            var read = readLine(index, from: position == 0 ? firstLineFrom : nil)
            // "." alone between a name and its body: nothing to read.
            if read.lead == nil, read.fields.isEmpty { continue }
            let role = read.lead.map { classify($0.text.endsWith(",") ? String($0.text.dropLast()) : $0.text) } ?? .contact
            // Instructions between blocks, and their wrapped lines, are not contact details; a labelled channel or an
            // official's name, office or body after them is ("…please only send mail to the Embassy / Fax: …").
            let endsProse = role == .contact || role == .name || role == .title || role == .organisation
            if (inProse && !endsProse) || Self.isProse(line.text)
                || line.text.endsWith(".") && DeadlineReader.phrase(in: line.folded) != nil,
                // An official run together on one line with the letter after it is no instruction.
                !Self.isRunOn(read)
            {
                blankBefore = true
                inProse = true
                continue
            }
            inProse = false
            // "In solidarity," after a blank line below a whole block: the region ran on past its officials.
            if blankBefore, currentHasAddress, role == .other, read.fields.isEmpty, let lead = read.lead, !Self.plausibleName(lead.text) {
                break
            }
            read.role = role
            let startsOfficial = role == .name || role == .organisation || role == .title
            let groupHasManyLines = position + 1 < lines.count && !source.lines[lines[position + 1]].isBlank
            // "Mr Anura Wickramasinghe, Minister of …, 14 Sir Baron …": a whole official on one line, not an address
            // written on one ("Madinat al-Rehab, Cairo, Arab Republic of Egypt").
            let oneLineOfficial =
                read.lead.map { lead in
                    guard commaCount(lead.text) >= 2, let first = lead.text.split(separator: ",").first.map(String.init) else {
                        return false
                    }
                    let firstRole = classify(first)
                    return firstRole == .name || firstRole == .title || firstRole == .organisation || Self.plausibleName(first)
                } ?? false
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

    /// A long line holding an official whole, name to labelled channels: "Ambassador Anatoly Antonov Embassy of the
    /// Russian Federation 2650 Wisconsin Ave. NW, Washington DC 20007 Phone: … I Fax: … Salutation: Dear Ambassador".
    func isRunOnOfficial(_ index: Int) -> Bool {
        let line = source.lines[index]
        guard line.text.utf8.count > 90, line.text.utf8.contains(UInt8(ascii: ":")) else { return false }
        let read = readLine(index)
        guard let lead = read.lead else { return false }
        if read.fields.count >= 2 { return Self.isRunOn(read) }
        // With one channel ("… Hà Nội 118708, Viet Nam Fax: +84 …"), the line must open on an office or an honorific
        // and give an address.
        guard read.fields.count == 1, lead.text.first?.isUppercase == true, let parts = Self.runOnParts(lead.text) else { return false }
        return (parts.first?.role == .title || Self.honorific(of: lead.text).0 != nil) && parts.contains { $0.role == .address }
    }

    /// A line read as an official's parts with two channels or more: "Ambassador … Embassy of … Phone: … Fax: …".
    private static func isRunOn(_ read: ReadLine) -> Bool {
        read.fields.count >= 2 && read.lead.map { runOnParts($0.text) != nil } ?? false
    }

    /// Instructions between blocks ("Also send copies to diplomatic representatives…") and form templates.
    /// Words of running text: six or more, most of them in lower case, where an address's lines name places and offices.
    static func isRunningText(_ words: [Substring]) -> Bool {
        words.count >= 6 && words.count(where: { $0.first?.isLowercase == true }) * 2 > words.count
    }

    static func isProse(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        let folded = Phrase.fold(text)
        if words.count >= 4, folded.has("address 1") || folded.startsWith("name address") { return true }
        guard isRunningText(words), !folded.has("@"), !folded.has("http") else { return false }
        // "The address has not changed; only the Attorney General's name is different.": a sentence.
        if words.count >= 8, text.endsWith(".") { return true }
        return Phrase.words(in: folded).contains { wordsToTheReader.contains($0.word) }
    }

    private static let wordsToTheReader: [Substring] = [
        "please", "your", "you", "send", "check", "also", "if", "bitte", "sie", "skicka", "vous", "veuillez",
    ]

    private func commaCount(_ text: String) -> Int { text.filter { $0 == "," }.count }

    private func target(from block: [ReadLine], role: UrgentActionTarget.Role) -> ImportedTarget? {
        var target = ImportedTarget(role: role)
        var addressLines: [Piece] = []
        var emails: [Piece] = []
        var socials: [(SocialHandle, TextSpan)] = []
        var wrappedHandles: [(SocialHandle, TextSpan)] = []
        var inAddress = false
        var leads: [(piece: Piece, role: LineRole?)] = []
        for read in block {
            guard let lead = read.lead else { continue }
            // "(Standardbrief Luftpost bis 20 g: 1,10 €)", "(Betreff: FAO …)": a note to the writer.
            if block.count > 1, lead.text.startsWith("("), lead.text.endsWith(")") { continue }
            // "Twitter: @HassanRouhani (Englisch) und" / "@Rouhani_ir (Persisch)": a handle wrapped to the next line.
            if lead.text.startsWith("@"), let handle = lead.text.split(separator: " ").first, handle.count > 2 {
                wrappedHandles.append((SocialHandle(network: Self.lastNetwork(in: block) ?? .x, handle: String(handle)), lead.span))
                continue
            }
            if block.count == 1, !read.fields.isEmpty, let parts = Self.runOnParts(lead.text) {
                leads += parts.map { (Piece(text: $0.text, span: lead.span), $0.role) }
                continue
            }
            // "Minister Jane Roe, Ministry of Justice, 12 Main Street, Capital City" on one line.
            let commas = commaCount(lead.text)
            if block.count == 1 || (leads.isEmpty && commas >= 2 && !lead.text.contains(where: \.isNumber)) || commas >= 3 {
                leads += split(lead).map { ($0, nil) }
            } else if read.role == .address, let body = bodyBeforeAddress(lead) {
                // "The Office of the Supreme Leader, Islamic Republic Street": the body, then where it is.
                leads += [(body.body, .organisation), (body.address, .address)]
            } else {
                leads.append((lead, read.role))
            }
        }
        for (lead, knownRole) in leads {
            var text = lead.text
            if text.endsWith(",") && !inAddress { text.removeLast() }
            let piece = Piece(text: text, span: lead.span)
            switch inAddress ? .address : knownRole ?? classify(text) {
            case .name where !target.name.isFound:
                let (honorific, rest) = Self.honorific(of: text)
                if let honorific { target.honorific = Found(honorific, at: piece.span) }
                let (name, office) = Self.nameAndOffice(rest)
                target.name = Found(name, at: piece.span)
                if let office, !target.title.isFound { target.title = Found(office, at: piece.span) }
            case .title where !target.title.isFound:
                if let (office, name) = Self.officeThenName(text), !target.name.isFound {
                    target.title = Found(office, at: piece.span)
                    target.name = Found(name, at: piece.span)
                } else if let comma = text.lastIndex(of: ","), !target.name.isFound,
                    case let name = text[text.index(after: comma)...].trimmingWhitespace, Self.plausibleName(name),
                    classify(name) != .title
                {
                    // "Fiscal General de la República, Tarek William Saab": the office, then the name.
                    target.title = Found(String(text[..<comma]).trimmingWhitespace, at: piece.span)
                    target.name = Found(name, at: piece.span)
                } else {
                    target.title = Found(text, at: piece.span)
                }
            case .organisation where !target.organisation.isFound:
                target.organisation = Found(text, at: piece.span)
            case .other where !target.name.isFound && !target.organisation.isFound && !target.title.isFound && Self.plausibleName(text):
                target.name = Found(Self.withoutPostnominals(text), at: piece.span)
            case .other where !target.name.isFound && Self.looksLikeName(text):
                target.name = Found(Self.withoutPostnominals(text), at: piece.span)
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
                case .social(let network):
                    // "@HassanRouhani (Englisch) und": the handle without the words around it.
                    let handle = piece.text.startsWith("@") ? String(piece.text.prefix { $0 != " " }) : piece.text
                    socials.append((SocialHandle(network: network, handle: handle), piece.span))
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
        socials += wrappedHandles
        if !addressLines.isEmpty { target.addressLines = Found(addressLines.map(\.text), at: merged(addressLines.map(\.span))) }
        if !emails.isEmpty { target.emails = Found(emails.map(\.text), at: merged(emails.map(\.span))) }
        if !socials.isEmpty { target.socialHandles = Found(socials.map(\.0), at: merged(socials.map(\.1))) }
        guard target.name.isFound || target.organisation.isFound || target.title.isFound || !addressLines.isEmpty || !emails.isEmpty else {
            return nil
        }
        target.span = merged(block.map { source.span(line: $0.line) })
        return target
    }

    private static func lastNetwork(in block: [ReadLine]) -> SocialHandle.Network? {
        block.flatMap(\.fields).compactMap { field, _ in if case .social(let network) = field { network } else { nil } }.last
    }

    /// A body named before the first comma of an address line, with no number in its name.
    private func bodyBeforeAddress(_ lead: Piece) -> (body: Piece, address: Piece)? {
        guard let comma = lead.text.firstIndex(of: ",") else { return nil }
        let body = lead.text[..<comma].trimmingWhitespace
        let address = lead.text[lead.text.index(after: comma)...].trimmingWhitespace
        guard !address.isEmpty, !body.contains(where: \.isNumber), classify(body) == .organisation else { return nil }
        return (Piece(text: body, span: lead.span), Piece(text: address, span: lead.span))
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
}
