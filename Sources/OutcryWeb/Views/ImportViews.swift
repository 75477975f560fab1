import Foundation
import OutcryCore

struct ImportView: Sendable {
    var form: FormView
    var drafts: [ListView.Row]
}

struct ImportReviewView: Sendable {
    struct Official: Sendable {
        var name: String
        var role: String
        var status: String
    }

    var form: FormView
    var officials: [Official]
    var addTargets: String?
    var notes: [String]
}
