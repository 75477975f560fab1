/// Why a text could not be read at all. Anything that can be read gives a draft, however incomplete.
public enum ImportError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case tooLarge(bytes: Int, limit: Int)
    /// Bytes that are not text: a PDF, an image, a word-processor file.
    case notText
    /// Text in an encoding other than UTF-8.
    case notUTF8

    public var description: String {
        switch self {
        case .empty:
            "the document is empty"
        case .tooLarge(let bytes, let limit):
            "the document is \(bytes / 1_000) KB; an Urgent Action or a statement is far shorter (at most \(limit / 1_000) KB are read)"
        case .notText:
            "the file is not plain text (it looks like a PDF, an image or a word-processor file): copy its text into a .txt file"
        case .notUTF8:
            "the text is not UTF-8: save it again as UTF-8 text"
        }
    }
}
