import SQLKit

/// A case's own picture, stored like people's portraits.
struct M0021_AddCasePictures: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.alter(table: "cases").column("picture_image_id", type: .text).run()
        try await database.alter(table: "cases").column("picture_alt", type: .text).run()
    }
}
