import Foundation

/// Turns the published text of an Urgent Action or a statement into a draft an editor only has to
/// review: every field found says where it was read, and a field the text does not give stays missing.
///
/// Pure and bounded: no I/O, and every pass over the text is linear in its length, so any input —
/// empty, binary, huge, repetitive — gives a draft or an `ImportError` quickly.
public struct DocumentImporter: Sendable {
    /// Texts longer than this are refused: real documents are a few kilobytes.
    public static let maximumBytes = 1_000_000

    /// The day "N days left" counts from.
    public var today: HistoricalDate?

    /// How names are judged people at risk: the shipped choice, or another for measuring them side by side.
    var nameDecision = NameDecision.shipped
    /// What decides a kind the rules find no evidence of: the shipped model, another for measuring it, or nothing.
    var kindModel: KindClassifier? = .shipped
    /// What chooses the headline among the first lines: the shipped model, another being trained, or the rules alone.
    var titleModel: TitleModel? = .shipped

    public init(today: HistoricalDate? = nil) {
        self.today = today
    }

    /// Reads raw bytes, refusing what is not UTF-8 text.
    public func read(bytes: some Collection<UInt8>) throws(ImportError) -> ImportedDocument {
        try read(text: Self.text(of: bytes))
    }

    /// The UTF-8 text `bytes` hold, or why they are not a document to read.
    public static func text(of bytes: some Collection<UInt8>) throws(ImportError) -> String {
        guard bytes.count <= maximumBytes else { throw .tooLarge(bytes: bytes.count, limit: maximumBytes) }
        var controls = 0
        for byte in bytes where byte < 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 && byte != 0x0C {
            if byte == 0 { throw .notText }
            controls += 1
        }
        if controls > max(8, bytes.count / 100) { throw .notText }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .notUTF8 }
        return text
    }

    public func read(text: String) throws(ImportError) -> ImportedDocument {
        guard text.utf8.count <= Self.maximumBytes else {
            throw .tooLarge(bytes: text.utf8.count, limit: Self.maximumBytes)
        }
        var body = text
        if body.startsWith("\u{FEFF}") { body.removeFirst() }
        guard body.unicodeScalars.contains(where: { !$0.properties.isWhitespace && !Self.invisible.contains($0) }) else {
            throw .empty
        }
        return reading(body).document()
    }

    /// The reading of `text`, which must be non-empty and within the size limit.
    func reading(_ text: String) -> DocumentReading {
        var reading = DocumentReading(source: SourceText(text), today: today)
        reading.nameDecision = nameDecision
        reading.kindModel = kindModel
        reading.titleModel = titleModel
        return reading
    }

    /// Byte-order marks and zero-width characters: a text of only these is empty.
    private static let invisible: Set<Unicode.Scalar> = ["\u{FEFF}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}"]
}
