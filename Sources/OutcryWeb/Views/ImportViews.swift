import Foundation
import OutcryCore

struct ImportView: Sendable {
    var form: FormView
    var drafts: [ListView.Row]
}

extension Messages {
    /// Why a text could not be read, in the coordinator's language; any other error as it describes itself.
    func importError(_ error: any Error) -> String {
        guard let error = error as? ImportError else { return "\(error)" }
        switch error {
        case .empty: return self("admin.import.error-empty")
        case .tooLarge(let bytes, let limit):
            return self("admin.import.error-too-large", ["size": number(bytes / 1_000), "limit": number(limit / 1_000)])
        case .notText: return self("admin.import.error-not-text")
        case .notUTF8: return self("admin.import.error-not-utf8")
        case .pdfNeedsPdftotext: return self("admin.import.error-pdf-tool")
        case .pdfHasNoText: return self("admin.import.error-pdf-no-text")
        case .pdfUnreadable: return self("admin.import.error-pdf-unreadable")
        }
    }
}
