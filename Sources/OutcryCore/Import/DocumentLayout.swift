/// Where a document's labelled sections lie, worked out once from its labels.
struct DocumentLayout {
    struct Region {
        let section: Section?
        let lines: Range<Int>
    }

    let labels: [SectionLabel]
    let labelAtLine: [Int: SectionLabel]
    /// The document cut at its labels; the lines before the first label have no section.
    let regions: [Region]
    /// The lines above the first label: number, headline, date and often the account.
    let header: Range<Int>
    /// The regions listing officials to write to or to copy.
    let contactRegions: [Region]
    let inContactRegion: [Bool]
    /// Label lines that are fields, not the start of a section read for prose or officials.
    let fieldLabelLines: Set<Int>
}

extension DocumentReading {
    func findLayout() -> DocumentLayout {
        let labels = lines.indices.compactMap { SectionLabel.label(of: lines[$0], at: $0) }
        let labelAtLine = Dictionary(labels.map { ($0.line, $0) }, uniquingKeysWith: { first, _ in first })
        let regions = regions(from: labels)
        let header = regions.first { $0.section == nil && $0.lines.lowerBound == 0 }?.lines ?? 0..<0
        let contactRegions = regions.filter { $0.section == .contacts || $0.section == .copies }
        var inContactRegion = [Bool](repeating: false, count: lines.count)
        for region in contactRegions { for index in region.lines { inContactRegion[index] = true } }
        let sections: [Section] = [.letter, .takeAction, .contacts, .copies, .background]
        let fieldLabelLines = Set(labels.filter { !sections.contains($0.section) && !inContactRegion[$0.line] }.map(\.line))
        return DocumentLayout(
            labels: labels, labelAtLine: labelAtLine, regions: regions, header: header, contactRegions: contactRegions,
            inContactRegion: inContactRegion, fieldLabelLines: fieldLabelLines)
    }

    private func regions(from labels: [SectionLabel]) -> [DocumentLayout.Region] {
        var regions: [DocumentLayout.Region] = []
        var start = 0
        var section: Section?
        for label in labels {
            // Single-line fields inside a contact block stay in it ("Salutation: Dear Minister").
            if label.section == .salutation, section == .contacts || section == .copies { continue }
            if label.line > start || section != nil {
                regions.append(DocumentLayout.Region(section: section, lines: start..<label.line))
            }
            start = label.line
            section = label.section
        }
        regions.append(DocumentLayout.Region(section: section, lines: start..<lines.count))
        return regions.filter { !$0.lines.isEmpty }
    }
}
