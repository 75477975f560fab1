import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// POSTs one JSON body to a webhook's address and returns the receiver's status: one connection per
/// delivery, closed after the answer's head (only its status matters), with a deadline for the whole
/// exchange. Redirects are not followed: a hook's address is the one an administrator registered.
struct WebhookPoster: Sendable {
    var timeout: Duration = .seconds(10)

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func post(to address: String, body: [UInt8], headers: [(String, String)]) async throws -> Int {
        guard let url = URLComponents(string: address), let scheme = url.scheme?.lowercased(), let host = url.host else {
            throw Failure(description: "not an address")
        }
        let tls = scheme == "https"
        let port = url.port ?? (tls ? 443 : 80)
        var path = url.percentEncodedPath.isEmpty ? "/" : url.percentEncodedPath
        if let query = url.percentEncodedQuery { path += "?" + query }
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: path)
        head.headers.add(name: "Host", value: url.port.map { "\(host):\($0)" } ?? host)
        head.headers.add(name: "Content-Length", value: String(body.count))
        head.headers.add(name: "Connection", value: "close")
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        let deadline = timeout
        let request = head
        return try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask { try await Self.exchange(host: host, port: port, tls: tls, head: request, body: body) }
            group.addTask {
                try await Task.sleep(for: deadline)
                throw Failure(description: "no answer within \(deadline)")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    private static func exchange(host: String, port: Int, tls: Bool, head: HTTPRequestHead, body: [UInt8]) async throws -> Int {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(5))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if tls {
                        let context = try NIOSSLContext(configuration: .makeClientConfiguration())
                        // Certificates name hosts, not addresses: an address gets no SNI but is still verified.
                        let isAddress = (try? SocketAddress(ipAddress: host, port: 0)) != nil
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : host))
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(.head(head))
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body))))
            try await outbound.write(.end(nil))
            for try await part in inbound {
                if case .head(let response) = part { return Int(response.status.code) }
            }
            throw Failure(description: "the connection closed without an answer")
        }
    }
}
