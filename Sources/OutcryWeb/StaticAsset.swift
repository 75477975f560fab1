import Foundation
import Hummingbird

/// A small file served from memory with an ETag, so a phone that has it never downloads it again.
struct StaticAsset: Sendable {
    let body: ByteBuffer
    /// The same, compressed once when the server starts.
    let gzipBody: ByteBuffer
    let contentType: String
    let etag: String

    /// The file `name` of the theme folder when it has one, else the built-in one.
    init(resource name: String, contentType: String, themeDirectory: String? = nil) throws {
        guard let builtIn = Bundle.module.url(forResource: "public", withExtension: nil)?.appendingPathComponent(name) else {
            throw PageRendererError.missingTemplates("\(name) is missing from the build")
        }
        let themed = themeDirectory.map { URL(fileURLWithPath: $0).appendingPathComponent(name) }
        let url = themed.flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil } ?? builtIn
        let data = try Data(contentsOf: url)
        body = ByteBuffer(bytes: data)
        gzipBody = Gzip.member([Gzip.compressed(body)]).reduce(into: ByteBuffer()) { whole, part in
            var part = part
            whole.writeBuffer(&part)
        }
        self.contentType = contentType
        var fingerprint = Fingerprint()
        fingerprint.add(String(decoding: data, as: UTF8.self))
        etag = "\"\(fingerprint.value)\""
    }

    func response(to request: Request) -> Response {
        var headers = HTTPFields()
        headers[.eTag] = etag
        headers[.cacheControl] = "public, max-age=86400"
        headers[.vary] = "Accept-Encoding"
        if request.headers[.ifNoneMatch] == etag {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = contentType
        if request.headers[.acceptEncoding].map(Gzip.isAccepted(by:)) ?? false {
            headers[.contentEncoding] = "gzip"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: gzipBody))
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}
