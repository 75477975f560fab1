import Hummingbird
import NIOCore

/// Every request's context: Hummingbird's own, the peer address the abuse caps hash, and in the
/// coordinator area the signed-in coordinator.
public struct OutcryRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The signed-in coordinator, on the routes of the coordinator area that need a session.
    var coordinator: Coordinator?
    /// The words of the page asked for, in the language of its address's prefix (`/ru/…`), English without one.
    var messages = Messages.english
    var language: Language { messages.language }

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Forms are small; a larger body is refused before it is read.
    public var maxUploadSize: Int { FormBody.sizeLimit }
}
