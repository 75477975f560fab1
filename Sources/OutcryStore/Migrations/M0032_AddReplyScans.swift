import SQLKit

/// A scan of an official's reply as received, stored as pictures are, with what it shows.
struct M0032_AddReplyScans: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.alter(table: "official_replies").column("scan_image_id", type: .text).run()
        try await database.alter(table: "official_replies").column("scan_alt", type: .text).run()
    }
}
