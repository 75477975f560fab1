import NIOCore

/// How long a connection may take over its part of an exchange before it is closed, so that connections
/// left idle or sent a byte at a time cannot hold the server's file descriptors until `accept` fails for
/// everyone. The server's own part (a page being rendered, a report being stored) has no deadline.
public struct ConnectionTimeouts: Sendable, Equatable {
    /// From a request's first byte to the end of its head.
    public var head: TimeAmount
    /// From the end of a request's head to the end of its body.
    public var body: TimeAmount
    /// From the end of the last answer (or from the connection's start) to the next request's first byte.
    public var idle: TimeAmount

    public init(head: TimeAmount = .seconds(10), body: TimeAmount = .seconds(60), idle: TimeAmount = .seconds(15)) {
        self.head = head
        self.body = body
        self.idle = idle
    }
}

/// What one connection is doing, shared by its handlers on its event loop: how many requests the router
/// is still answering (neither fast lane may answer ahead of them), and whose turn it is, which sets the
/// connection's deadline. Each lane tells it about the requests it reads and answers.
final class ConnectionProgress {
    enum Reading: Equatable {
        /// Between requests: waiting for the next one, or for the server to answer.
        case nothing
        /// Bytes of a request have come, its head is not complete yet.
        case head
        /// The head is complete, its body is not.
        case body
    }

    /// Requests passed on to the router whose responses have not ended yet.
    var atRouter = 0
    private(set) var reading = Reading.nothing
    /// When `reading` began, or when the connection went idle.
    private(set) var since: NIODeadline
    /// Requests read in full, on either lane, and not answered yet: while there are any, it is the
    /// server's turn and no deadline runs.
    private(set) var unanswered = 0
    /// The raw lane is storing a report: a graceful stop waits for its answer.
    var storingOnRawLane = false
    /// A graceful stop has begun: the raw lane answers what it stored, then closes the connection.
    var quiescing = false
    /// Called when an answer ends, when the deadline may move earlier.
    var answered: () -> Void = {}

    init(now: NIODeadline) {
        since = now
    }

    func bytesArrived(at now: NIODeadline) {
        guard reading == .nothing else { return }
        reading = .head
        since = now
    }

    func headRead(at now: NIODeadline) {
        reading = .body
        since = now
    }

    func requestRead(at now: NIODeadline) {
        reading = .nothing
        since = now
        unanswered += 1
    }

    /// A request the raw lane took goes to the router after all, which reads it again.
    func requestReturned() {
        unanswered = max(0, unanswered - 1)
    }

    func requestAnswered(at now: NIODeadline) {
        unanswered = max(0, unanswered - 1)
        if unanswered == 0, reading == .nothing { since = now }
        answered()
    }

    /// When the connection is closed if nothing changes; nil while the server is answering.
    func deadline(_ timeouts: ConnectionTimeouts) -> NIODeadline? {
        switch reading {
        case .nothing: unanswered > 0 ? nil : since + timeouts.idle
        case .head: since + timeouts.head
        case .body: since + timeouts.body
        }
    }
}

/// First in a connection's pipeline: closes it when the client overstays its turn (`ConnectionTimeouts`),
/// with a 408 when a request was left half-sent and nothing else is being answered; and holds back a
/// graceful stop while the raw lane is storing a report, so that every report stored is answered.
/// One timer per connection, moved only when a deadline comes earlier: serving a request costs a
/// comparison.
final class ConnectionDeadlineHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let timeouts: ConnectionTimeouts
    private let progress: ConnectionProgress
    private var timer: Scheduled<Void>?
    private var timerDeadline: NIODeadline?

    init(timeouts: ConnectionTimeouts, progress: ConnectionProgress) {
        self.timeouts = timeouts
        self.progress = progress
    }

    func handlerAdded(context: ChannelHandlerContext) {
        progress.answered = { [unowned self] in self.arm(context: context) }
        if context.channel.isActive { arm(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stop()
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        progress.bytesArrived(at: context.eventLoop.now)
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        arm(context: context)
        context.fireChannelReadComplete()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // The raw lane answers the report it is storing, then closes; the handlers after it see the stop
        // only then, so they cannot close the connection under it.
        if event is ChannelShouldQuiesceEvent, progress.storingOnRawLane {
            progress.quiescing = true
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func stop() {
        timer?.cancel()
        timer = nil
        timerDeadline = nil
        progress.answered = {}
    }

    private func arm(context: ChannelHandlerContext) {
        guard let deadline = progress.deadline(timeouts) else { return }
        if let timerDeadline, timerDeadline <= deadline { return }
        timer?.cancel()
        schedule(at: deadline, context: context)
    }

    private func schedule(at deadline: NIODeadline, context: ChannelHandlerContext) {
        timerDeadline = deadline
        timer = context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(deadline: deadline) { [self] in
            expire(context: context)
        }
    }

    /// The timer went off: close if the deadline it stood for still holds, else wait for the current one
    /// (or, while the server is answering, for the answer).
    private func expire(context: ChannelHandlerContext) {
        timer = nil
        timerDeadline = nil
        guard context.channel.isActive, let deadline = progress.deadline(timeouts) else { return }
        guard deadline <= context.eventLoop.now else {
            schedule(at: deadline, context: context)
            return
        }
        guard progress.reading != .nothing, progress.unanswered == 0 else {
            context.close(promise: nil)
            return
        }
        let answer = ResponseHead.http1RequestTimeout(allocator: context.channel.allocator)
        context.writeAndClose(wrapOutboundOut(answer))
    }
}
