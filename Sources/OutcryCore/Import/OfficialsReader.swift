/// The officials a document asks supporters to write to, and the lines they take up.
struct OfficialsFinding {
    var targets: [ImportedTarget] = []
    var lines: Set<Int> = []
}

extension DocumentReading {
    /// Officials under contact labels; without such labels, address blocks standing between paragraphs.
    func findOfficials(_ layout: DocumentLayout, letter: Range<Int>?, skipping consumed: Set<Int>) -> OfficialsFinding {
        var found = OfficialsFinding()
        let contactReader = ContactReader(source: source)
        for region in layout.contactRegions {
            var indices = Array(region.lines).filter { !consumed.contains($0) && !(letter?.contains($0) ?? false) }
            let label = layout.labelAtLine[region.lines.lowerBound]
            if label?.inlineStart == nil, indices.first == region.lines.lowerBound { indices.removeFirst() }
            let role: UrgentActionTarget.Role = region.section == .copies ? .copy : .primary
            // Someone to address, or a way to reach them: not the lines a region runs on into ("In solidarity").
            let targets = contactReader.targets(lines: indices, role: role, firstLineFrom: label?.inlineStart).filter {
                $0.name.isFound || $0.title.isFound || $0.organisation.isFound || $0.emails.isFound || $0.fax.isFound
                    || $0.phone.isFound || $0.socialHandles.isFound || $0.contactForm.isFound
            }
            found.targets += targets
            // The lines after the last official are the document's again: an update may follow a mail's officials.
            let end = targets.compactMap(\.span?.end).max().flatMap { end in region.lines.last { lines[$0].start < end } }
            found.lines.formUnion(end.map { region.lines.lowerBound...$0 }.map(Set.init) ?? Set(region.lines))
        }
        // A label's line ("Actúa: redacta tu propio llamamiento…") is no line of the block under it.
        let labelLines = Set(layout.labels.map(\.line))
        for region in layout.regions where layout.contactRegions.isEmpty && (region.section == nil || region.section == .takeAction) {
            for block in addressBlocks(in: region.lines, skipping: consumed.union(labelLines), letter: letter) {
                let role: UrgentActionTarget.Role = isCopyIntroduction(before: block.lowerBound) ? .copy : .primary
                // Without a label, a block counts only with someone to address: a name, an office or a body.
                let targets = contactReader.targets(lines: Array(block), role: role).filter {
                    $0.name.isFound || $0.title.isFound || $0.organisation.isFound
                }
                // A block with no one in it keeps its lines for the other readers: a heading, a country.
                if !targets.isEmpty { found.lines.formUnion(block) }
                found.targets += targets
            }
        }
        found.targets.sort { ($0.span?.start ?? 0) < ($1.span?.start ?? 0) }
        found.targets = withSalutationLines(found.targets, layout)
        return found
    }

    /// A lone "Salutation:" line speaks for the official just before it, if that one has none: "Salutation: Dear
    /// Ambassador" under the embassy's block is not how the prosecutor named above it is addressed.
    private func withSalutationLines(_ targets: [ImportedTarget], _ layout: DocumentLayout) -> [ImportedTarget] {
        var targets = targets
        for label in layout.labels where label.section == .salutation && !layout.inContactRegion[label.line] {
            guard let value = label.inline, let start = label.inlineStart else { continue }
            let span = source.span(line: label.line, start..<lines[label.line].text.endIndex)
            let before = targets.indices.last { (targets[$0].span?.start ?? 0) < span.start }
            if let index = before, !targets[index].salutation.isFound { targets[index].salutation = Found(value, at: span) }
        }
        return targets
    }

    /// The officials as one field, spanning all their blocks.
    func field(_ targets: [ImportedTarget]) -> Found<[ImportedTarget]> {
        guard !targets.isEmpty, let first = targets.first?.span else { return .missing }
        let span = targets.compactMap(\.span).reduce(first) {
            TextSpan(start: min($0.start, $1.start), end: max($0.end, $1.end), line: min($0.line, $1.line))
        }
        return Found(targets, at: span)
    }

    /// Contact details the editor has to find again, one note each.
    func unusableContactNotes(_ targets: [ImportedTarget]) -> [String] {
        targets.flatMap { target in
            target.unusableContacts.map { "\(target.name.value ?? target.organisation.value ?? "An official"): \($0)" }
        }
    }

    /// Groups of short lines that read as a postal address with a name, standing between paragraphs.
    private func addressBlocks(in range: Range<Int>, skipping: Set<Int>, letter: Range<Int>?) -> [ClosedRange<Int>] {
        var blocks: [ClosedRange<Int>] = []
        var run: [Int] = []
        /// Whether the run went on over a blank line.
        var spaced = false
        let contactReader = ContactReader(source: source)
        func flush() {
            defer {
                run = []
                spaced = false
            }
            // "Actúen: Redacten su propio llamamiento o utilicen la siguiente carta modelo": an instruction above the
            // block, in running text, is none of its lines.
            while let first = run.first, ContactReader.isRunningText(lines[first].text.split(separator: " ")) {
                run.removeFirst()
            }
            // "Igor Viktorovich Krasnov" over "Prosecutor General of the Russian Federation": a name and an office alone.
            if run.count == 2,
                ContactReader.plausibleName(lines[run[0]].text) || contactReader.classify(lines[run[0]].text) == .name,
                [.title, .organisation].contains(contactReader.classify(lines[run[1]].text)), !lines[run[1]].text.endsWith(".")
            {
                blocks.append(run[0]...run[1])
                return
            }
            // "Supreme Leader of the Islamic Republic" / "Ayatollah Sayed Ali Khamenei" over "Your Excellency": the
            // lines the letter is headed with are its addressee, a street or not.
            if let last = run.last, let letter, run.count <= 6, nextWritten(after: last) == letter.lowerBound,
                run.contains(where: { [.name, .title, .organisation].contains(contactReader.classify(lines[$0].text)) })
            {
                blocks.append(run[0]...last)
                return
            }
            // An address spaced out over blank lines is a few lines long; a text of short lines is not one.
            guard run.count >= 3, !spaced || run.count <= 16 else { return }
            let kept = run.filter { !ContactReader.isProse(lines[$0].text) }
            let texts = kept.map { lines[$0].text }
            guard texts.allSatisfy({ $0.count <= 90 }), !texts.contains(where: { $0.endsWith(".") && $0.count > 50 }) else { return }
            // "was arrested on 6 September. Because of his age, Amnesty": an account wrapped into short lines reads in
            // lower-case words, where an address's lines name places and offices.
            guard texts.count(where: { ContactReader.isRunningText($0.split(separator: " ")) }) * 2 < texts.count else { return }
            // Short lines spaced apart may be a document's headings, one with a reference number ("GTM 003 / 0620 /
            // OBS 071"): those of an address show a street, an e-mail address or more than one number.
            let numbered = texts.count { line in line.contains(where: \.isNumber) }
            let hasAddress =
                numbered > (spaced ? 1 : 0)
                || texts.contains { ContactReader.emailAddresses(in: $0).count > 0 || ContactReader.isHidden($0) }
                || kept.contains { ContactReader.namesAStreet(folded: lines[$0].folded) }
            if hasAddress { blocks.append(run[0]...run[run.count - 1]) }
        }
        for index in range {
            // "Secretary Menardo I. Guevarra," / "" / "Department of Justice,": a block spaced out, its lines
            // ending in commas, or in a text whose every line is spaced out.
            if lines[index].isBlank, let last = run.last, lines[last].text.endsWith(",") || source.isDoubleSpaced {
                spaced = true
                continue
            }
            if lines[index].isBlank || skipping.contains(index) || (letter?.contains(index) ?? false) || isDateLine(index)
                || isHeaderLine(index)
            {
                flush()
            } else if contactReader.isRunOnOfficial(index) {
                flush()
                blocks.append(index...index)
            } else if lines[index].text.utf8.count > 90 {
                // An instruction inside a block ("Due to postal restrictions…, please only send mail to the Embassy")
                // stays in it, to be passed over; one before the block ("2. Click here to let us know…") or an
                // account running into it ends it.
                if !run.isEmpty, ContactReader.isProse(lines[index].text),
                    index + 1 < range.upperBound, !lines[index + 1].isBlank, lines[index + 1].text.utf8.count <= 90
                {
                    run.append(index)
                } else {
                    flush()
                }
            } else {
                run.append(index)
            }
        }
        flush()
        return blocks
    }

    /// The first line with text after a line.
    private func nextWritten(after index: Int) -> Int {
        var next = index + 1
        while next < lines.count, lines[next].isBlank { next += 1 }
        return next
    }

    /// "Im September 2025", "Berlin, 12. Mai 2025": the letter's date under the address.
    private func isDateLine(_ index: Int) -> Bool {
        let text = lines[index].text
        return text.utf8.count < 40 && text.contains(where: \.isNumber) && DateReader.isMostlyDate(text, otherCharacters: 11)
    }

    /// "AU 300/97", "Índice AI: AMR 34/36/97/s", "ACCIÓN URGENTE", "Colombia Fecha: 27 de octubre de 2014": the
    /// document's own heading lines, which no official's block holds.
    private func isHeaderLine(_ index: Int) -> Bool {
        let text = lines[index].text
        guard text.utf8.count <= 60 else { return false }
        let folded = lines[index].folded
        guard folded.utf8.count >= 2 else { return false }
        if Self.markerLines.contains(Self.bare(folded)) { return true }
        // Markers, numbers and dashes only ("FURTHER INFORMATION", "UA 12/34", "-"). Most lines open on a letter and
        // hold no number and no marker: they are told apart before the markers are read.
        let mayBeMarkers =
            text.hasDigit || !(text.first?.isLetter ?? false)
            || folded.utf8.first.map(Self.openerStarts.contains) == true && Self.headlineOpeners.contains(where: folded.startsWith)
        if mayBeMarkers, Self.headlineStart(of: text) == text.endIndex { return true }
        return folded.startsWith("index") || folded.startsWith("índice") || folded.startsWith("ai index")
            || NumberReader.isIndexNumber(text) || ImportVocabulary.all.dateLabels.contains { folded.has($0 + ":") }
            || Self.isReferenceCode(text)
    }

    /// "GTM 003 / 0620 / OBS 071": a publisher's reference, capitals and numbers between slashes.
    private static func isReferenceCode(_ text: String) -> Bool {
        text.contains("/") && text.hasDigit && !text.contains(where: \.isLowercase)
            && text.split(separator: "/").count >= 3
    }

    private static let openerStarts = Set(headlineOpeners.compactMap(\.utf8.first))

    private func isCopyIntroduction(before line: Int) -> Bool {
        var index = line - 1
        while index >= 0, lines[index].isBlank { index -= 1 }
        guard index >= 0 else { return false }
        let folded = lines[index].folded
        guard folded.utf8.count < 120 else { return false }
        // "Copies to:", and "Bitte schicken Sie Kopien der Schreiben an": copies asked for, the addressee next.
        let vocabulary = ImportVocabulary.all
        if vocabulary.copyIntroductions.contains(where: folded.has) { return true }
        return vocabulary.copyWords.contains(where: folded.has)
            && (folded.endsWith(":") || vocabulary.addresseePrepositions.contains(where: folded.endsWith))
    }
}
