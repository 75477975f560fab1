import Foundation
import HTTPTypes
import Hummingbird
import OutcryCore
import OutcryStore
import ServiceLifecycle
import Synchronization

/// Rendered public pages kept in memory, so a page under a viral spike costs about what a static
/// file does. What changes between requests — live totals, a form's signed token — is left as a hole
/// in the cached bytes and filled at serve time, so a new report never throws a page away; a change
/// of content (on any instance) does.
final class PageCache: Sendable {
    /// A place in a page filled per request. Written in templates as an HTML comment, which escaped
    /// content can never produce.
    enum Hole: Hashable, Sendable {
        /// An action's totals on its page, with progress toward its goal if it has one, and on a card, in a language.
        case totals(Identifier<UrgentAction>, Language, goal: Int?)
        case cardTotals(Identifier<UrgentAction>, Language)
        case reportToken(Identifier<UrgentAction>)

        var marker: String {
            switch self {
            case .totals(let id, let language, let goal):
                "<!--outcry:totals.\(language.rawValue)\(goal.map { ".\($0)" } ?? ""):\(id.rawValue)-->"
            case .cardTotals(let id, let language): "<!--outcry:card.\(language.rawValue):\(id.rawValue)-->"
            case .reportToken(let id): "<!--outcry:token:\(id.rawValue)-->"
            }
        }

        init?(kind: Substring, id: Substring) {
            let id = Identifier<UrgentAction>(String(id))
            let parts = kind.split(separator: ".", maxSplits: 2)
            let language = parts.count >= 2 ? Language(rawValue: String(parts[1])) : nil
            let goal = parts.count == 3 ? Int(parts[2]) : nil
            guard parts.count < 3 || goal != nil else { return nil }
            switch (parts.first, language) {
            case ("totals"?, let language?): self = .totals(id, language, goal: goal)
            case ("card"?, let language?) where parts.count == 2: self = .cardTotals(id, language)
            case ("token"?, nil) where parts.count == 1: self = .reportToken(id)
            default: return nil
            }
        }
    }

    private struct Entry: Sendable {
        let segments: [ByteBuffer]
        /// The same segments compressed, each on its own, for browsers that accept gzip.
        let compressed: [Gzip.Part]
        let holes: [Hole]
        let version: ContentVersion
        /// The UTC day it was rendered on: pages say "12 days left" and "Deadline passed", so a new day renders anew.
        var day = 0
    }

    private let store: Store
    private let fill: @Sendable (Hole) async throws -> String
    /// The same, from memory only; nil when that needs a wait.
    private let immediateFill: @Sendable (Hole) -> String?
    private let clock: any WallClock
    private let entries = Mutex<[String: Entry]>([:])
    /// The shared content version and when it was last read; read again at most once a second, unless
    /// another instance's changes are announced (PostgreSQL's notifications), which keep it current.
    private let shared = Mutex<(version: Int, readAt: Date)?>(nil)
    /// True while notifications of other instances' changes arrive: then the version is not polled.
    private let notified = Atomic<Bool>(false)
    /// Each hole's last fill, compressed: totals change far less often than they are read.
    private let compressedFills = Mutex<[Hole: (text: String, part: Gzip.Part)]>([:])
    private let metrics: OutcryMetrics?

    init(
        store: Store, clock: any WallClock, fill: @escaping @Sendable (Hole) async throws -> String,
        immediateFill: @escaping @Sendable (Hole) -> String?, metrics: OutcryMetrics? = nil
    ) {
        self.metrics = metrics
        self.store = store
        self.clock = clock
        self.fill = fill
        self.immediateFill = immediateFill
    }

    /// Rendered HTML with its holes filled, kept nowhere: for pages that must never be cached (previews).
    func filled(_ html: String) async throws -> String {
        let entry = Self.split(html, version: ContentVersion(shared: 0, local: 0), compressing: false)
        var page = String(buffer: entry.segments[0])
        for (index, hole) in entry.holes.enumerated() {
            page += try await fill(hole)
            page += String(buffer: entry.segments[index + 1])
        }
        return page
    }

    /// The page at `route`, from the cache when its content is current, else from `render`.
    func respond(
        to request: Request, route: SiteRoute, language: Language, render: () async throws -> String
    ) async throws -> Response {
        let key = route.path(language: language.rawValue)
        let version = try await currentVersion()
        let day = today
        let entry: Entry
        if let cached = entries.withLock({ $0[key] }), cached.version == version, cached.day == day {
            entry = cached
            metrics?.pageCache(hit: true)
        } else {
            metrics?.pageCache(hit: false)
            var rendered = Self.split(try await render(), version: version)
            rendered.day = day
            entry = rendered
            entries.withLock { $0[key] = entry }
        }
        var fills: [String] = []
        fills.reserveCapacity(entry.holes.count)
        for hole in entry.holes { fills.append(try await fill(hole)) }
        let page = assemble(
            entry, fills: fills, ifNoneMatch: request.headers[.ifNoneMatch].map { Substring($0) },
            gzip: request.headers[.acceptEncoding].map(Gzip.isAccepted(by:)) ?? false)
        var body = ByteBuffer()
        body.reserveCapacity(page.contentLength)
        for var part in page.parts { body.writeBuffer(&part) }
        return Response(status: page.status, headers: page.headers, body: .init(byteBuffer: body))
    }

    /// The page at `path` without waiting for anything: only when it is cached and current, and every hole
    /// can be filled from memory. Otherwise nil, and the request takes the ordinary way through the router.
    func immediateResponse(path: String, ifNoneMatch: Substring?, gzip: Bool) -> CachedPage? {
        guard let known = shared.withLock({ $0 }), notified.load(ordering: .relaxed) || clock.now.timeIntervalSince(known.readAt) < 1,
            let entry = entries.withLock({ $0[path] }),
            entry.version == ContentVersion(shared: known.version, local: store.localContentChanges), entry.day == today
        else { return nil }
        var fills: [String] = []
        fills.reserveCapacity(entry.holes.count)
        for hole in entry.holes {
            guard let text = immediateFill(hole) else { return nil }
            fills.append(text)
        }
        metrics?.pageCache(hit: true)
        return assemble(entry, fills: fills, ifNoneMatch: ifNoneMatch, gzip: gzip)
    }

    /// The response for an entry with these fills: its parts point into the cached segments, never copied.
    private func assemble(_ entry: Entry, fills: [String], ifNoneMatch: Substring?, gzip: Bool) -> CachedPage {
        var fingerprint = Fingerprint()
        fingerprint.add("\(entry.version.shared).\(entry.version.local).\(entry.day)")
        for (hole, text) in zip(entry.holes, fills) {
            // Tokens differ on every response; an ETag that changed with them would never match.
            if case .reportToken = hole {} else { fingerprint.add(text) }
        }
        let eTag = "W/\"\(fingerprint.value)\""
        let personal = entry.holes.contains { if case .reportToken = $0 { true } else { false } }
        if let ifNoneMatch, ifNoneMatch == eTag {
            return CachedPage(status: .notModified, eTag: eTag, parts: [], personal: personal)
        }
        if gzip {
            var parts: [Gzip.Part] = []
            parts.reserveCapacity(entry.compressed.count + fills.count)
            for (index, segment) in entry.compressed.enumerated() {
                parts.append(segment)
                if index < fills.count { parts.append(compressed(fills[index], for: entry.holes[index])) }
            }
            return CachedPage(status: .ok, eTag: eTag, parts: Gzip.member(parts, firstHasHeader: true), personal: personal, gzip: true)
        }
        var parts: [ByteBuffer] = []
        parts.reserveCapacity(entry.segments.count + fills.count)
        for (index, segment) in entry.segments.enumerated() {
            parts.append(segment)
            if index < fills.count { parts.append(ByteBuffer(string: fills[index])) }
        }
        return CachedPage(status: .ok, eTag: eTag, parts: parts, personal: personal)
    }

    /// A fill compressed: a form's token, new on every response, goes as it is; the rest is compressed once
    /// per change of its text.
    private func compressed(_ text: String, for hole: Hole) -> Gzip.Part {
        if case .reportToken = hole { return Gzip.stored(ByteBuffer(string: text)) }
        if let known = compressedFills.withLock({ $0[hole] }), known.text == text { return known.part }
        let part = Gzip.compressed(ByteBuffer(string: text))
        compressedFills.withLock { $0[hole] = (text, part) }
        return part
    }

    /// Days since 1970-01-01 in UTC: a division, as cheap as the serving path needs.
    private var today: Int { Int((clock.now.timeIntervalSince1970 / 86_400).rounded(.down)) }

    /// The content version, read from the database at most once a second (plus this instance's own saves).
    func currentVersion() async throws -> ContentVersion {
        let now = clock.now
        if let known = shared.withLock({ $0 }), notified.load(ordering: .relaxed) || now.timeIntervalSince(known.readAt) < 1 {
            return ContentVersion(shared: known.version, local: store.localContentChanges)
        }
        let version = try await store.contentVersion()
        shared.withLock { $0 = (version.shared, now) }
        return version
    }

    /// Whether other instances' changes are announced; when they stop being (a lost connection), the
    /// version is polled again, once a second.
    func setNotified(_ on: Bool) {
        if !on { shared.withLock { $0 = nil } }
        notified.store(on, ordering: .relaxed)
    }

    /// Another instance changed content: the version is read at once.
    func contentChanged() async {
        guard let version = try? await store.contentVersion() else {
            shared.withLock { $0 = nil }
            return
        }
        let now = clock.now
        shared.withLock { $0 = (version.shared, now) }
    }

    /// Cuts rendered HTML at every hole marker: segment i is followed by hole i.
    private static func split(_ html: String, version: ContentVersion, compressing: Bool = true) -> Entry {
        var segments: [ByteBuffer] = []
        var holes: [Hole] = []
        var current = ""
        var rest = Substring(html)
        while let start = rest.range(of: "<!--outcry:"), let end = rest[start.upperBound...].range(of: "-->") {
            let parts = rest[start.upperBound..<end.lowerBound].split(separator: ":", maxSplits: 1)
            if parts.count == 2, let hole = Hole(kind: parts[0], id: parts[1]) {
                current += rest[..<start.lowerBound]
                segments.append(ByteBuffer(string: current))
                current = ""
                holes.append(hole)
            } else {
                current += rest[..<end.upperBound]
            }
            rest = rest[end.upperBound...]
        }
        current += rest
        segments.append(ByteBuffer(string: current))
        return Entry(
            segments: segments,
            compressed: compressing
                ? segments.enumerated().map { $0.offset == 0 ? Gzip.compressed($0.element).withHeader() : Gzip.compressed($0.element) }
                : [], holes: holes, version: version)
    }
}

/// A cached page as it goes out: its status, its ETag and its body in parts, in order.
struct CachedPage: Sendable {
    let status: HTTPResponse.Status
    let eTag: String
    let parts: [ByteBuffer]
    /// It carries a form token made for this response: no shared cache may keep it for someone else.
    let personal: Bool
    /// The parts make one gzip member.
    var gzip = false

    var contentLength: Int { parts.reduce(0) { $0 + $1.readableBytes } }

    /// The page's own headers; the security headers, `Date` and `Server` are added on the way out.
    var headers: HTTPFields {
        var headers = HTTPFields()
        headers[.eTag] = eTag
        headers[.cacheControl] = personal ? Self.personalCacheControl : Self.cacheControl
        // Whichever way it went, the answer depends on `Accept-Encoding`.
        headers[.vary] = "Accept-Encoding"
        if status == .ok { headers[.contentType] = Self.contentType }
        if gzip { headers[.contentEncoding] = "gzip" }
        return headers
    }

    static let cacheControl = "no-cache"
    static let personalCacheControl = "private, no-cache"
    static let contentType = "text/html; charset=utf-8"
}

/// FNV-1a over text: a fingerprint for ETags, not a security measure.
struct Fingerprint {
    private(set) var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        var text = text
        // Over the bytes in place: it runs over each live fill of every page served.
        hash = text.withUTF8 { bytes in
            var hash = self.hash
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return hash
        }
        hash = (hash ^ 0xff) &* 0x100_0000_01b3
    }

    var value: String { String(hash, radix: 16) }
}

/// Keeps the page cache current with other instances' changes as they are announced (PostgreSQL's
/// `LISTEN`), so a page edited on one instance is new on every other at once; polling once a second
/// stays for the time the announcements do not arrive.
struct ContentChangesService: Service {
    let store: Store
    let cache: PageCache

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await store.watchContent(listening: { cache.setNotified($0) }, changed: { await cache.contentChanged() })
        }
        cache.setNotified(false)
        // SQLite has nothing to listen to: the service stays until the server stops, as a service that
        // returned would stop the others.
        try? await gracefulShutdown()
    }
}
