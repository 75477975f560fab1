/// Why a text could not be read at all. Anything that can be read gives a draft, however incomplete.
public enum ImportError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case tooLarge(bytes: Int, limit: Int)
    /// Bytes that are not text: a PDF, an image, a word-processor file.
    case notText
    /// Text in an encoding other than UTF-8.
    case notUTF8
    /// A PDF, and `pdftotext` (Debian's poppler-utils) is not installed to read it.
    case pdfNeedsPdftotext
    /// A PDF of pictures of pages (a scan): no text to read.
    case pdfHasNoText
    /// A PDF that `pdftotext` could not read: damaged, protected, or too slow to read.
    case pdfUnreadable

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
        case .pdfNeedsPdftotext:
            "reading a PDF needs pdftotext (Debian's poppler-utils), which is not installed: install it, or copy the text into a .txt file"
        case .pdfHasNoText:
            "the PDF has only pictures of pages (a scan), no text: type or copy its text into a .txt file"
        case .pdfUnreadable:
            "the PDF could not be read (it may be damaged or protected): copy its text into a .txt file"
        }
    }
}
