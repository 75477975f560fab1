import Foundation
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL

/// Where and how to reach the SMTP server that delivers Outcry's mail.
public struct SMTPConfiguration: Sendable, Equatable {
    public enum Security: String, Sendable, Equatable, CaseIterable {
        /// Plain text: only for a server on the same host.
        case none
        /// Plain text upgraded with STARTTLS before anything else is said (port 587); refused if the server cannot.
        case startTLS = "starttls"
        /// TLS from the first byte (port 465).
        case tls
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// The name Outcry gives itself in EHLO.
    public var heloName: String
    /// A PEM file of certificates to trust instead of the system's (a private CA, a test server).
    public var trustRootsFile: String?
    public var timeout: TimeAmount

    public init(
        host: String, port: Int, security: Security, username: String? = nil, password: String? = nil, heloName: String = "localhost",
        trustRootsFile: String? = nil, timeout: TimeAmount = .seconds(30)
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.heloName = heloName
        self.trustRootsFile = trustRootsFile
        self.timeout = timeout
    }
}

/// What an SMTP conversation can end with, in words a coordinator can act on.
public enum SMTPError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotConnect(String)
    case connectionClosed
    case tlsUnavailable
    case authenticationFailed(code: Int, text: String)
    case recipientRefused(address: String, code: Int, text: String)
    case senderRefused(code: Int, text: String)
    case needsSMTPUTF8(String)
    case unexpectedReply(command: String, code: Int, text: String)

    public var description: String {
        switch self {
        case .cannotConnect(let reason): "cannot reach the SMTP server: \(reason)"
        case .connectionClosed: "the SMTP server closed the connection or stopped answering"
        case .tlsUnavailable: "the SMTP server does not offer STARTTLS, so nothing was sent in clear text"
        case .authenticationFailed(let code, let text): "the SMTP server refused the user name or password (\(code) \(text))"
        case .recipientRefused(let address, let code, let text): "the SMTP server refused the recipient \(address) (\(code) \(text))"
        case .senderRefused(let code, let text): "the SMTP server refused the sender address (\(code) \(text))"
        case .needsSMTPUTF8(let address): "\(address) is not ASCII and the SMTP server does not support SMTPUTF8"
        case .unexpectedReply(let command, let code, let text): "the SMTP server answered \(command) with \(code) \(text)"
        }
    }

    /// Whether trying again later may work (a full mailbox, a busy server), as opposed to a refusal that will stay.
    public var isTemporary: Bool {
        switch self {
        case .cannotConnect, .connectionClosed: true
        case .authenticationFailed(let code, _), .recipientRefused(_, let code, _), .senderRefused(let code, _),
            .unexpectedReply(_, let code, _):
            (400..<500).contains(code)
        case .tlsUnavailable, .needsSMTPUTF8: false
        }
    }
}

/// One reply: its code and the text of every line.
struct SMTPReply: Sendable {
    let code: Int
    let lines: [String]
    var text: String { lines.joined(separator: " ") }
}

/// An SMTP client on SwiftNIO: one connection per `withSession`, any number of messages over it.
public struct SMTPClient: Sendable {
    public let configuration: SMTPConfiguration
    let group: any EventLoopGroup

    public init(configuration: SMTPConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.group = group
    }

    /// Connects, greets, secures and authenticates, runs `body` with the session, then says QUIT and closes.
    public func withSession<T: Sendable>(_ body: (SMTPSession) async throws -> T) async throws -> T {
        let configuration = configuration
        let tls: NIOSSLContext?
        do {
            tls = try configuration.security == .none ? nil : NIOSSLContext(configuration: Self.tlsConfiguration(configuration))
        } catch {
            throw SMTPError.cannotConnect(
                "TLS cannot be set up (\(configuration.trustRootsFile.map { "is \($0) a readable PEM file? " } ?? "")\(error))")
        }
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(configuration.timeout)
                .connect(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if configuration.security == .tls, let tls {
                            try channel.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: tls, serverHostname: Self.serverName(configuration.host)))
                        }
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                        try channel.pipeline.syncOperations.addHandler(ReplyDeadline(timeout: configuration.timeout))
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw SMTPError.cannotConnect("\(configuration.host):\(configuration.port): \(error)")
        }
        return try await channel.executeThenClose { inbound, outbound in
            let session = SMTPSession(lines: inbound.makeAsyncIterator(), outbound: outbound, channel: channel.channel)
            try await session.open(configuration, tls: tls)
            let result = try await body(session)
            try? await session.quit()
            return result
        }
    }

    static func tlsConfiguration(_ configuration: SMTPConfiguration) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if let file = configuration.trustRootsFile { tls.trustRoots = .file(file) }
        return tls
    }

    /// SNI takes a name, never an address.
    static func serverName(_ host: String) -> String? {
        host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? nil : host
    }
}

/// An open, greeted and authenticated conversation with an SMTP server.
public final class SMTPSession {
    private var lines: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let channel: any Channel
    private(set) var extensions: Set<String> = []
    private(set) var authMechanisms: Set<String> = []

    init(
        lines: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        channel: any Channel
    ) {
        self.lines = lines
        self.outbound = outbound
        self.channel = channel
    }

    fileprivate func open(_ configuration: SMTPConfiguration, tls: NIOSSLContext?) async throws {
        try await expect(220, to: "the greeting", reply: try await reply())
        try await hello(configuration.heloName)
        if configuration.security == .startTLS, let tls {
            guard extensions.contains("STARTTLS") else { throw SMTPError.tlsUnavailable }
            try await expect(220, to: "STARTTLS", reply: try await command("STARTTLS"))
            try await channel.pipeline.addHandler(
                NIOSSLClientHandler(context: tls, serverHostname: SMTPClient.serverName(configuration.host)), position: .first)
            // What the server said before TLS no longer counts (RFC 3207 §4.2).
            try await hello(configuration.heloName)
        }
        if let username = configuration.username, let password = configuration.password {
            try await authenticate(username: username, password: password)
        }
    }

    private func hello(_ name: String) async throws {
        let reply = try await command("EHLO \(name)")
        try await expect(250, to: "EHLO", reply: reply)
        extensions = []
        authMechanisms = []
        for line in reply.lines.dropFirst() {
            let words = line.uppercased().split(separator: " ")
            guard let keyword = words.first else { continue }
            extensions.insert(String(keyword))
            if keyword == "AUTH" { authMechanisms.formUnion(words.dropFirst().map(String.init)) }
        }
    }

    private func authenticate(username: String, password: String) async throws {
        let reply: SMTPReply
        if authMechanisms.contains("PLAIN") || !authMechanisms.contains("LOGIN") {
            let token = Data(("\u{0}" + username + "\u{0}" + password).utf8).base64EncodedString()
            reply = try await command("AUTH PLAIN " + token)
        } else {
            try await expect(334, to: "AUTH LOGIN", reply: try await command("AUTH LOGIN"))
            let user = try await command(Data(username.utf8).base64EncodedString())
            guard user.code == 334 else { throw SMTPError.authenticationFailed(code: user.code, text: user.text) }
            reply = try await command(Data(password.utf8).base64EncodedString())
        }
        guard reply.code == 235 else { throw SMTPError.authenticationFailed(code: reply.code, text: reply.text) }
    }

    /// Sends one message; returns once the server has taken responsibility for it (250 after DATA).
    public func send(_ message: MailMessage) async throws {
        let needsUTF8 = !message.from.isASCII || !message.to.isASCII
        if needsUTF8, !extensions.contains("SMTPUTF8") {
            throw SMTPError.needsSMTPUTF8(message.from.isASCII ? message.to.address : message.from.address)
        }
        let mail = try await command(
            "MAIL FROM:<\(message.from.address)>" + (needsUTF8 ? " SMTPUTF8" : "")
                + (extensions.contains("8BITMIME") ? " BODY=8BITMIME" : ""))
        guard mail.code == 250 else {
            try? await reset()
            throw SMTPError.senderRefused(code: mail.code, text: mail.text)
        }
        let recipient = try await command("RCPT TO:<\(message.to.address)>")
        guard recipient.code == 250 || recipient.code == 251 else {
            try? await reset()
            throw SMTPError.recipientRefused(address: message.to.address, code: recipient.code, text: recipient.text)
        }
        try await expect(354, to: "DATA", reply: try await command("DATA"))
        try await write(MIMEWriter.dataSection(MIMEWriter.render(message)))
        try await expect(250, to: "the message", reply: try await reply())
    }

    private func reset() async throws {
        _ = try await command("RSET")
    }

    fileprivate func quit() async throws {
        _ = try await command("QUIT")
    }

    /// Sends a command line. Errors name the command by its purpose, never by the line (which may hold a password).
    private func command(_ line: String) async throws -> SMTPReply {
        try await write(line + "\r\n")
        return try await reply()
    }

    private func write(_ text: String) async throws {
        try await closedAsSMTPError { try await outbound.write(ByteBuffer(string: text)) }
    }

    /// A connection that is gone, whichever side ended it (the server, a reset, no answer in time), is
    /// `connectionClosed`: a pause the outbox retries, not an error only NIO can name.
    private func closedAsSMTPError<T>(_ io: () async throws -> T) async throws -> T {
        do {
            return try await io()
        } catch is ChannelError {
            throw SMTPError.connectionClosed
        } catch is IOError {
            throw SMTPError.connectionClosed
        }
    }

    private func expect(_ code: Int, to command: String, reply: SMTPReply) async throws {
        guard reply.code == code else { throw SMTPError.unexpectedReply(command: command, code: reply.code, text: reply.text) }
    }

    /// One reply, over as many lines as it takes (`250-…` continues, `250 …` ends).
    private func reply() async throws -> SMTPReply {
        var texts: [String] = []
        while true {
            guard let buffer = try await closedAsSMTPError({ try await lines.next() }) else { throw SMTPError.connectionClosed }
            var line = String(buffer: buffer)
            if line.hasSuffix("\r") { line.removeLast() }
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                throw SMTPError.unexpectedReply(command: "the conversation", code: 0, text: String(line.prefix(200)))
            }
            texts.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { return SMTPReply(code: code, lines: texts) }
            if texts.count > 1000 {
                throw SMTPError.unexpectedReply(command: "the conversation", code: code, text: "a reply of over 1,000 lines")
            }
        }
    }
}

/// Ends a connection on which the server owes an answer and has not given it within the configured time.
/// The clock runs only while an answer is owed: from the connection's start (the greeting) or a write (a
/// command, the message) to the last line of the reply. A client that is slow to send its next command,
/// because its own machine is busy, is never cut off for it.
private final class ReplyDeadline: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let timeout: TimeAmount
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount) { self.timeout = timeout }

    func channelActive(context: ChannelHandlerContext) {
        arm(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = unwrapInboundIn(data)
        // "250-…" says more lines follow; anything else ends the reply.
        if line.readableBytes > 3, line.getInteger(at: line.readerIndex + 3, as: UInt8.self) == UInt8(ascii: "-") {
            arm(context)
        } else {
            disarm()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        arm(context)
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    private func arm(_ context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { context.close(promise: nil) }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }
}
