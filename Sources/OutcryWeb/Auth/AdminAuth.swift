import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdOTP
import NIOPosix
import OutcryCore
import OutcryStore
import Synchronization

/// A signed-in coordinator, as a handler sees them.
struct Coordinator: Sendable {
    let session: CoordinatorSession
    let token: String
    /// The coordinator area's words for this coordinator: the account's language, or the browser's.
    var messages = Messages.english

    var account: Account { session.account }
    var email: String { session.account.email }
    /// The account's role, named in the coordinator's language.
    var role: String { messages.role(account.role) }

    func audit(_ action: String, _ kind: String, _ id: String, _ summary: String, at now: Date) -> AuditEntry {
        AuditEntry(at: now, actor: email, action: action, recordKind: kind, recordID: id, summary: summary)
    }
}

/// Sessions, passwords, codes and CSRF for the coordinator area.
struct AdminAuth: Sendable {
    static let cookieName = "outcry_session"
    /// A signed-in session lasts a working day; the half-way stage before the second factor, ten minutes.
    static let sessionLifetime: TimeInterval = 12 * 3600
    static let secondFactorLifetime: TimeInterval = 600
    /// Five wrong passwords or codes within fifteen minutes pause sign-in for that address for fifteen minutes.
    static let failureLimit = 5
    static let failureWindow: TimeInterval = 900
    static let lockout: TimeInterval = 900

    let store: Store
    let clock: any WallClock
    let secureCookies: Bool
    let passwordCost: UInt8
    /// Keys the sign-in throttle by a keyed hash of the address typed, never the address itself.
    private let throttleSecret: SymmetricKey
    /// Seals authenticator secrets: the database keeps them only sealed.
    let vault: ContactVault

    /// Sign-in attempts per client, counted before any password is checked: a flood of guesses from one
    /// place is turned away without costing bcrypt.
    let signInThrottle: ClientThrottle
    static let signInsPerClient = ClientThrottle.Limit(count: 20, window: 600)
    /// Password checks running or waiting at once (bcrypt runs on the two-thread pool): past that, a sign-in
    /// is asked to try again in a moment rather than queued behind a flood.
    private let passwordChecks = BoundedWork(limit: 8)

    init(store: Store, clock: any WallClock, secureCookies: Bool, passwordCost: UInt8, vault: ContactVault, trustForwardedFor: Bool) {
        self.store = store
        self.clock = clock
        self.secureCookies = secureCookies
        self.passwordCost = passwordCost
        self.vault = vault
        signInThrottle = ClientThrottle(Self.signInsPerClient, trustForwardedFor: trustForwardedFor)
        throttleSecret = SymmetricKey(data: Data(base64Encoded: vault.secret(for: "sign-in throttle"))!)
    }

    /// An authenticator secret as the database keeps it.
    func sealed(secret: String) throws -> String { try vault.sealMarked(secret) }

    /// An authenticator secret as the database keeps it, opened.
    func opened(secret: String?) throws -> String? { try secret.map(vault.openMarked) }

    func throttleKey(_ email: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(email.utf8), using: throttleSecret)).base64URL
    }

    var now: Date { clock.now }

    /// The coordinator whose complete session the request carries; without one, a redirect to sign in
    /// that comes back to the page asked for.
    func coordinator(for request: Request) async throws -> Coordinator {
        guard let token = Self.sessionToken(in: request), let session = try await store.session(token: token, now: now),
            session.stage == .complete
        else { throw AdminRedirect.signIn(next: request.uri.path) }
        return Coordinator(session: session, token: token)
    }

    static func checkCSRF(_ form: FormBody, session: CoordinatorSession) throws {
        guard let sent = form["csrf"], constantTimeEqual(sent, session.csrf) else {
            throw RefusalError(status: .forbidden, key: "admin.refused.csrf")
        }
    }

    static func sessionToken(in request: Request) -> String? {
        cookie(named: cookieName, in: request)
    }

    /// The cookie that binds the sign-in form to the browser it was shown in, so that another site cannot
    /// post it with an account of its choosing (login CSRF).
    static let signInCookieName = "outcry_sign_in"

    static func cookie(named name: String, in request: Request) -> String? {
        guard let header = request.headers[.cookie] else { return nil }
        for part in header.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces) == name {
                let value = pair[1].trimmingCharacters(in: .whitespaces)
                return value.isEmpty || value.count > 100 ? nil : value
            }
        }
        return nil
    }

    /// `Set-Cookie` for the sign-in form's cookie: this site's pages only, for the browser's session.
    func signInCookie(_ value: String) -> String {
        "\(Self.signInCookieName)=\(value); Path=\(AdminRoute.home.path); HttpOnly; SameSite=Strict" + (secureCookies ? "; Secure" : "")
    }

    /// `Set-Cookie` for a session token, or for removing it (nil).
    func cookie(_ token: String?) -> String {
        var cookie = "\(Self.cookieName)=\(token ?? ""); Path=\(AdminRoute.home.path); HttpOnly; SameSite=Lax"
        if token == nil { cookie += "; Max-Age=0" }
        if secureCookies { cookie += "; Secure" }
        return cookie
    }

    // MARK: Passwords and codes, off the event loop: bcrypt is deliberately slow.

    func hash(password: String) async throws -> String {
        let cost = passwordCost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Checks a password; with no hash (unknown account), still spends the same time so the answer
    /// does not tell which addresses have accounts.
    /// Nil when too many checks are already running or waiting.
    func verify(password: String, hash: String?) async throws -> Bool? {
        let cost = passwordCost
        return try await passwordChecks.run {
            try await NIOThreadPool.singleton.runIfActive {
                guard let hash else {
                    _ = Bcrypt.verify(password, hash: Self.decoyHash(cost: cost))
                    return false
                }
                return Bcrypt.verify(password, hash: hash)
            }
        }
    }

    private static let decoys = Mutex<[UInt8: String]>([:])
    private static func decoyHash(cost: UInt8) -> String {
        if let hash = decoys.withLock({ $0[cost] }) { return hash }
        let hash = Bcrypt.hash(randomToken(bytes: 16), cost: cost)
        decoys.withLock { $0[cost] = hash }
        return hash
    }

    /// The time step whose code matches, allowing one step of clock drift either way.
    static func matchingStep(of code: String, secret: String, at now: Date) -> Int64? {
        let digits = code.filter(\.isNumber)
        guard digits.count == 6, let value = Int(digits) else { return nil }
        let step = Int64(now.timeIntervalSince1970 / 30)
        let totp = TOTP(secret: secret)
        for candidate in [step, step - 1, step + 1]
        where totp.compute(date: Date(timeIntervalSince1970: TimeInterval(candidate * 30))) == value {
            return candidate
        }
        return nil
    }
}

/// A redirect thrown from deep in a handler, turned into a 303 by `AdminRedirectMiddleware`.
enum AdminRedirect: Error {
    case signIn(next: String)
    case to(String)

    var location: String {
        switch self {
        case .signIn(let next):
            SiteRoute.admin(.signIn).path(query: ["next": next == AdminRoute.home.path ? nil : next])
        case .to(let path): path
        }
    }
}

/// Placed outside the error pages, so that it also marks them: nothing from the coordinator area or from
/// a supporter's own alert links, not even a refusal, is kept by browsers or proxies.
struct AdminRedirectMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path == AdminRoute.home.path || path.hasPrefix(AdminRoute.home.path + "/") || path.hasPrefix(SiteRoute.alerts.path + "/")
        else {
            return try await next(request, context)
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let redirect as AdminRedirect {
            response = seeOther(redirect.location)
        }
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

func seeOther(_ location: String, cookie: String? = nil) -> Response {
    var headers = HTTPFields()
    headers[.location] = location
    if let cookie { headers[.setCookie] = cookie }
    return Response(status: .seeOther, headers: headers)
}
