import Foundation
import Hummingbird
import Logging
import OutcryAPI
import OutcryCore
import OutcryMail
import OutcryStore
import ServiceLifecycle

/// The one composition root: opens the store, migrates it, loads the demo data if asked, and wires
/// the routes. `outcry serve` and the tests both start here.
/// `onServerRunning` receives the port actually bound (useful with port 0).
public func buildApplication(
    configuration: Configuration, logger: Logger, clock: any WallClock = SystemWallClock(),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    try configuration.prepareDataDirectory()
    let renderer = try await PageRenderer(themeDirectory: configuration.themeDirectory)
    let stylesheet = try StaticAsset(resource: "outcry.css", contentType: "text/css; charset=utf-8")
    let printScript = try StaticAsset(resource: "print.js", contentType: "text/javascript; charset=utf-8")
    let theme = configuration.themeDirectory
    let favicon = try StaticAsset(resource: "favicon.svg", contentType: "image/svg+xml", themeDirectory: theme)
    let wordmark =
        renderer.identity.wordmark == nil
        ? nil : try StaticAsset(resource: "wordmark.svg", contentType: "image/svg+xml", themeDirectory: theme)
    // Resolving the configuration made sure there is a key (PostgreSQL) or a place for one (SQLite).
    guard let vault = try contactVault(configuration) else { throw ConfigurationError(reasons: [ConfigurationProblem("data-key-missing")]) }
    let store = try await Store.open(configuration.database, logger: logger)
    do {
        let applied = try await store.migrate()
        if !applied.isEmpty { logger.info("migrated", metadata: ["applied": .string(applied.joined(separator: ", "))]) }
        guard try await store.matchesDataKey(check: vault.check) else {
            throw ConfigurationError(reasons: [ConfigurationProblem("data-key-mismatch")])
        }
        if try await store.rebuildSearchIndexIfNeeded() { logger.info("search index built") }
        let sealed = try await store.sealTwoFactorSecrets(with: vault)
        if sealed > 0 { logger.notice("sealed the authenticator secrets of \(sealed) accounts with the data key") }
        if configuration.loadDemoData {
            let loaded = try await store.loadDemoData()
            logger.info(loaded ? "demo data loaded" : "demo data already present")
        }
    } catch {
        await store.shutdown()
        throw error
    }
    let formSecret = vault.secret(for: "forms")

    let tokens = FormTokens(secret: formSecret)
    let messageSource = Messages.Source(pseudo: configuration.pseudoLocale)
    let metrics = OutcryMetrics()
    let router = Router(context: OutcryRequestContext.self)
    router.middlewares.add(RequestMetricsMiddleware(metrics: metrics))
    router.middlewares.add(SecurityHeadersMiddleware())
    router.middlewares.add(AdminRedirectMiddleware())
    router.middlewares.add(ErrorPageMiddleware(renderer: renderer))
    let originCheck = OriginCheck(publicURL: configuration.publicURL)
    router.middlewares.add(OriginCheckMiddleware(check: originCheck))
    let totals = TotalsCache(store: store, clock: clock)
    let cache = PageCache(
        store: store, clock: clock,
        fill: { hole in
            switch hole {
            case .totals(let id, let language, let goal):
                return try await totals.html(of: id, rendering: TotalsView.rendering(card: false, language, goal: goal)) {
                    try renderer.html(TotalsView($0, messages: messageSource(language), goal: goal), card: false)
                }
            case .cardTotals(let id, let language):
                return try await totals.html(of: id, rendering: TotalsView.rendering(card: true, language, goal: nil)) {
                    try renderer.html(TotalsView($0, messages: messageSource(language)), card: true)
                }
            case .reportToken(let id): return tokens.issue(for: ReportForm.purpose(id), now: clock.now)
            }
        },
        immediateFill: { hole in
            switch hole {
            case .totals(let id, let language, let goal):
                totals.freshHTML(of: id, rendering: TotalsView.rendering(card: false, language, goal: goal))
            case .cardTotals(let id, let language):
                totals.freshHTML(of: id, rendering: TotalsView.rendering(card: true, language, goal: nil))
            case .reportToken(let id): tokens.issue(for: ReportForm.purpose(id), now: clock.now)
            }
        }, metrics: metrics)
    let alerts = Alerts(
        store: store, vault: vault, links: AlertLinks(secret: vault.secret(for: "alert links"), siteURL: configuration.siteURL),
        mailHost: configuration.mailHost)
    let mailLimits = AlertMailLimits(perHour: configuration.alertMailsPerHour, trustForwardedFor: configuration.trustForwardedFor)
    AlertsController(
        alerts: alerts, store: store, tokens: tokens, renderer: renderer, clock: clock, mailLimits: mailLimits,
        siteURL: configuration.siteURL
    ).addRoutes(to: router)
    MetricsController(metrics: metrics, token: configuration.metricsToken, outbox: store.outboxStatus).addRoutes(to: router)
    FeedsController(store: store, siteURL: configuration.siteURL, siteName: "Outcry").addRoutes(to: router)
    let pages = PublicPages(store: store, siteName: "Outcry", publicURL: configuration.siteURL, offersEmail: true, clock: clock)
    PublicPagesController(
        pages: pages, renderer: renderer, stylesheet: stylesheet, printScript: printScript, favicon: favicon, wordmark: wordmark,
        cache: cache, unreadiness: store.unreadiness,
        image: store.image
    )
    .addRoutes(to: router)
    FindingController(pages: FindingPages(store: store, siteURL: configuration.siteURL, clock: clock), renderer: renderer).addRoutes(
        to: router)
    let reportWriter = ReportWriter(store: store, committed: metrics.reportBatch)
    let actionPages = ActionPages(
        store: store, clock: clock, tokens: tokens, writer: reportWriter,
        hasher: ClientHasher(store: store, trustForwardedFor: configuration.trustForwardedFor),
        publicURL: configuration.siteURL, totalsCache: totals, vault: vault, signer: try TotalsSigner(vault: vault),
        actions: ActionCache(store: store, versions: cache))
    TakingActionController(pages: actionPages, renderer: renderer).addRoutes(to: router)
    let groupLinks = GroupLinks(secret: vault.secret(for: "group links"))
    GroupsController(
        pages: GroupPages(
            store: store, clock: clock, tokens: tokens, links: groupLinks, alerts: alerts, vault: vault, totals: totals,
            mailLimits: mailLimits, siteURL: configuration.siteURL, siteName: pages.siteName),
        renderer: renderer
    ).addRoutes(to: router)
    TotalsCheckController(
        pages: TotalsCheckPages(store: store, signer: actionPages.signer, publicURL: configuration.siteURL), renderer: renderer
    ).addRoutes(to: router)
    try OutcryAPI(
        store: store, clock: clock, links: .site(configuration.siteURL), writer: reportWriter, vault: vault,
        limits: configuration.apiRateLimits,
        reported: { totals.invalidate($0) }
    )
    .addRoutes(to: router) { [trust = configuration.trustForwardedFor] request, context in
        ClientHasher.address(peer: context.remoteAddress, forwardedFor: request.forwardedFor, trustForwardedFor: trust)
    }
    // The same handling as the report route's, for forms that come by the raw lane.
    let reportLane: ReportLane = { action, language, form, peer, forwardedFor in
        guard
            case .recorded(let held)? = try? await actionPages.speaking(messageSource(language)).submitReport(
                action, form: form, peer: peer, forwardedFor: forwardedFor)
        else { return nil }
        return TakingActionController.thanksLocation(action, language: language, heldForReview: held)
    }

    addCoordinatorRoutes(
        to: router,
        auth: AdminAuth(
            store: store, clock: clock, secureCookies: configuration.siteURL.hasPrefix("https://"),
            passwordCost: configuration.passwordCost, vault: vault,
            trustForwardedFor: configuration.trustForwardedFor),
        tokens: tokens, renderer: renderer, pages: pages, cache: cache, alerts: alerts, siteURL: configuration.siteURL,
        groupLinks: groupLinks, totals: totals)

    var services: [any Service] = [
        StoreService(store: store), AlertHousekeepingService(alerts: alerts, clock: clock, logger: logger),
        ContentChangesService(store: store, cache: cache),
        WebhookSenderService(
            store: store, vault: vault, clock: clock, logger: logger, reportInterval: configuration.webhookReportInterval),
    ]
    if let smtp = configuration.smtp {
        services.append(
            AlertSenderService(
                sender: OutboxSender(
                    outbox: StoreOutbox(store: store, vault: vault, from: configuration.mailFrom, clock: clock),
                    client: SMTPClient(configuration: smtp),
                    worker: "\(ProcessInfo.processInfo.hostName):serve:\(configuration.port)", connections: configuration.smtpConnections,
                    logger: logger),
                alerts: alerts, clock: clock, logger: logger))
    } else {
        logger.notice("OUTCRY_SMTP_URL is not set: alerts wait in the outbox until a server is configured")
    }

    return Application(
        responder: HeadAsGetResponder(inner: LanguageResponder(inner: router.buildResponder(), messages: messageSource)),
        server: .pageServingHTTP1(
            cache: cache, reports: reportLane, originCheck: originCheck, timeouts: configuration.timeouts, metrics: metrics),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: ResponseHead.serverName),
        services: services,
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}

/// The coordinator area: signing in and one-time links open to all, everything else behind a session
/// (`CoordinatorMiddleware`) with the role each route declares.
func addCoordinatorRoutes(
    to router: Router<OutcryRequestContext>, auth: AdminAuth, tokens: FormTokens, renderer: PageRenderer, pages: PublicPages,
    cache: PageCache, alerts: Alerts?, siteURL: String, groupLinks: GroupLinks, totals: TotalsCache
) {
    let signedIn = CoordinatorRoutes(
        // The error pages again, inside: they speak the language the coordinator chose.
        group: router.group().add(middleware: CoordinatorMiddleware(auth: auth)).add(middleware: ErrorPageMiddleware(renderer: renderer))
            .group(context: CoordinatorContext.self), auth: auth)
    SignInController(auth: auth, tokens: tokens, renderer: renderer).addRoutes(to: router, signedIn: signedIn)
    let account = AccountController(auth: auth, renderer: renderer, siteURL: siteURL, siteName: pages.siteName)
    account.addRoutes(to: signedIn)
    TwoFactorController(auth: auth, renderer: renderer, siteName: pages.siteName, account: account).addRoutes(to: signedIn)
    APITokensController(auth: auth, renderer: renderer).addRoutes(to: signedIn)
    WebhooksController(auth: auth, renderer: renderer).addRoutes(to: signedIn)
    ContactProblemsController(auth: auth, renderer: renderer).addRoutes(to: signedIn)
    UrgentActionsController(auth: auth, renderer: renderer, pages: pages, cache: cache, alerts: alerts).addRoutes(to: signedIn)
    ImportController(auth: auth, renderer: renderer).addRoutes(to: signedIn)
    let store = auth.store
    let today: @Sendable () -> Date = { [clock = auth.clock] in clock.now }
    RecordsController(record: Records.cases(store), auth: auth, renderer: renderer).addRoutes(to: signedIn)
    RecordsController(record: Records.targets(store), auth: auth, renderer: renderer).addRoutes(to: signedIn)
    RecordsController(record: Records.people(store), auth: auth, renderer: renderer).addRoutes(to: signedIn)
    PictureController(subject: .person, auth: auth, renderer: renderer).addRoutes(to: signedIn)
    PictureController(subject: .case, auth: auth, renderer: renderer).addRoutes(to: signedIn)
    PictureController(subject: .reply, auth: auth, renderer: renderer).addRoutes(to: signedIn)
    SitePagesController(auth: auth, renderer: renderer).addRoutes(to: signedIn)
    RecordsController(record: Records.organisations(store), auth: auth, renderer: renderer).addRoutes(to: signedIn)
    RecordsController(record: Records.events(store, today: today), auth: auth, renderer: renderer).addRoutes(to: signedIn)
    RecordsController(record: Records.statements(store, today: today), auth: auth, renderer: renderer).addRoutes(to: signedIn)
    RecordsController(record: Records.replies(store, today: today), auth: auth, renderer: renderer).addRoutes(to: signedIn)
    RecordsController(record: Records.campaigns(store), auth: auth, renderer: renderer).addRoutes(to: signedIn)
    RecordsController(record: Records.groups(store, links: groupLinks), auth: auth, renderer: renderer).addRoutes(to: signedIn)
    GroupReportsController(auth: auth, renderer: renderer, totals: totals).addRoutes(to: signedIn)
    TranslationsController(store: store, auth: auth, renderer: renderer).addRoutes(to: signedIn)
}

/// The data key: configured, or (for SQLite) a file beside the database created on first start, readable by
/// its owner only, so that a copy of the database alone reveals nothing. Nil with PostgreSQL and no key.
func contactVault(_ configuration: Configuration) throws -> ContactVault? {
    if let key = configuration.dataKey { return try ContactVault(key: key) }
    guard configuration.databaseURL == nil else { return nil }
    let path = URL(fileURLWithPath: configuration.dataDirectory).appendingPathComponent("outcry-data.key").path
    if !FileManager.default.fileExists(atPath: path) {
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data(ContactVault.newKey().utf8), attributes: [.posixPermissions: 0o600])
        else { throw StoreError.badKey("cannot write the data key file \(path)") }
    }
    let text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    guard let key = Data(base64Encoded: text) else { throw StoreError.badKey("the data key file \(path) is not base64") }
    return try ContactVault(key: key)
}

extension Task where Success == Never, Failure == Never {
    static var isCancelledOrShuttingDown: Bool { Task.isCancelled || Task.isShuttingDownGracefully }
}

/// Closes the database when the server stops.
struct StoreService: Service {
    let store: Store

    func run() async throws {
        try? await gracefulShutdown()
        await store.shutdown()
    }
}
