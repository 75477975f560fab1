/// The phrases the importer's steps read a document by, one value per language, each list named for
/// the role its phrases play. Phrases are folded (lower case, plain apostrophes and dashes).
///
/// A step that reads every language takes its list from `all`; a step that reads fewer names the
/// languages it reads, so what it leaves out shows where it is used.
struct ImportVocabulary {
    /// Headings that make a document a statement rather than an Urgent Action: "Press release".
    var statementHeadings: [String] = []
    /// A line above a statement saying when it may be published: "For immediate release".
    var releaseNotices: [String] = []
    /// The name of the document type, standing as a marker: "URGENT ACTION", "EILAKTION", "Brief gegen das Vergessen".
    var urgentActionNames: [String] = []
    /// The concern an Urgent Action names in its heading, as the old bulletins did: "Fear of torture", "Temor por la seguridad".
    var concernHeadings: [String] = []
    /// Organisations that publish statements, as their statements name them: "Reporters Without Borders", "RSF".
    var publishers: [String] = []
    /// What a publisher does in a statement's opening: "…condemns…", "…fordert…", "…manifiesta su preocupación…".
    var stanceVerbs: [String] = []
    /// How a press release reports what was said the day it was issued: "said today", "erklärte heute".
    var reportedToday: [String] = []
    /// The name shortened, as a line of its own: "UA".
    var urgentActionAbbreviations: [String] = []
    /// The name as web addresses spell it: "…/urgent-action/…".
    var urgentActionSlugs: [String] = []
    /// What a headline line may begin with before its words ("UA 30.24 Kyrgyzstan: …"). Where one
    /// opener begins another, the longer comes first.
    var headlineOpeners: [String] = []
    /// A web page's button label, which a copied page runs into the headline beside it: "Écrire", "Sign".
    var siteActionLabels: [String] = []
    /// Words marking a follow-up to an earlier action: "Update", "Further information".
    var updateMarkers: [String] = []
    /// The sentence that closes an action, wherever it stands: "No further action is requested".
    var noFurtherActionSentences: [String] = []
    /// Words announcing how an action ended; too common in prose to count below the heading
    /// unless they stand on a short line: "Good news", "Victory".
    var outcomeHeadings: [String] = []
    /// Verbs saying how a case ended, when the account opens with one: "…was acquitted…".
    var outcomeVerbs: [String] = []
    /// A headline's words telling that the people are free: "Eynulla Fatullayev free!", "…freed as…".
    var releaseHeadlineWords: [String] = []
    /// Labels of the line giving the document's date: "Date:", "Datum:".
    var dateLabels: [String] = []
    /// Labels of the publication date: "Published", "Julkaistu".
    var publicationLabels: [String] = []
    /// Phrases of a line that dates another document, not this one: "First issued", "Closes UA".
    var otherDocumentDates: [String] = []
    /// Prose turning from the account to what supporters should do: "Please write", "Schreiben Sie".
    var callsToWrite: [String] = []
    /// An urgent appeal's request to its readers, opening its account: "…requests your urgent intervention in…".
    var interventionRequests: [String] = []
    /// How an urgent appeal opens its account: "Reliable sources have informed the Observatory that…".
    var appealOpenings: [String] = []
    /// Words of a line ending in a colon that introduces the requests: "Please ask the Minister to:".
    var askIntroductions: [String] = []
    /// How a listed request opens before its verb: "Urging the authorities to release…".
    var requestOpeners: [String] = []
    /// How a listed item opens when it voices concern rather than asks: "Expressing concern…".
    var concernOpeners: [String] = []
    /// The line before officials to send copies to: "And copies to:".
    var copyIntroductions: [String] = []
    /// A line asking for copies names them ("Bitte schicken Sie Kopien der Schreiben an") and ends on the
    /// word before the addressee.
    var copyWords: [String] = []
    var addresseePrepositions: [String] = []
    /// What stands between the names in a list of people: "A and B", "A und B".
    var nameJoiners: [String] = []
    /// Verbs after a quote that name its speaker: "…,” said Jane Doe.
    var speechVerbs: [String] = []
    /// Endings of a paragraph that names the speaker of the quote after it: "…, Jane Doe, director, said:".
    var speakerLeadIns: [String] = []
    /// Endings of a line introducing a quote, the mark of a statement: "…said:".
    var quotingLineEndings: [String] = []
    /// Words beginning a clause about an office-holder that is no part of the office: "…, which has called…".
    var relativePronouns: [String] = []
}

extension ImportVocabulary {
    static let english = ImportVocabulary(
        statementHeadings: ["press release", "public statement", "statement", "news release"],
        releaseNotices: ["for immediate release"],
        urgentActionNames: ["urgent action", "urgent appeal", "urgent interventions", "email action", "letter against oblivion"],
        concernHeadings: [
            "fear of torture", "fear for safety", "fear of ill-treatment", "fear of imminent execution", "imminent execution",
            "fear of forcible return", "fear of unfair trial", "legal concern", "health concern", "medical concern",
            "prisoner of conscience", "prisoners of conscience", "incommunicado detention", "fear for personal safety",
        ],
        publishers: [
            "amnesty international", "reporters without borders", "rsf", "article 19", "cpj", "committee to protect journalists",
            "human rights watch", "hrw", "omct", "the observatory", "front line defenders", "fidh", "ifex", "pen international",
            "index on censorship", "ifj",
        ],
        stanceVerbs: [
            "condemns", "condemned", "denounces", "deplores", "welcomes", "welcomed", "is concerned", "is deeply concerned",
            "is alarmed", "expresses", "calls on", "calls for", "urges", "demands", "protests",
        ],
        reportedToday: ["said today", "says today", "said in a statement today", "welcomed today", "condemned today"],
        urgentActionAbbreviations: ["ua"],
        urgentActionSlugs: ["urgent-action"],
        headlineOpeners: [
            "urgent action:", "urgent action", "further information on ua", "further information on urgent action",
            "further information:", "further information", "follow-up on ua", "follow-up to ua", "follow up on ua",
            "update on ua", "ua:", "ua-", "ua ", "fi ",
            // amnesty.org's library pages: "Document - Colombia: Fear for safety: …".
            "document - ",
        ],
        siteActionLabels: ["write", "act", "sign", "donate", "share"],
        updateMarkers: ["update", "further information", "follow-up", "follow up", "fi ", "new information"],
        noFurtherActionSentences: [
            "no further action is requested", "no further action is needed", "no further action is required",
            "no further action needed", "no further action required", "no further appeals", "no more appeals",
            "require no further action", "requires no further action", "no further action is currently required",
            "no further action is currently requested", "stop all direct appeals", "stop all appeals",
        ],
        outcomeHeadings: ["victory", "outcome", "good news"],
        outcomeVerbs: [
            "released", "freed", "acquitted", "sentenced", "dropped", "convicted", "pardoned", "died", "killed", "returned",
            "reunited", "granted", "quashed", "overturned", "dismissed", "closed", "lifted", "commuted", "allowed to leave",
        ],
        releaseHeadlineWords: ["freed", "released", "acquitted", "is free", "are free", "free!"],
        dateLabels: ["date"],
        publicationLabels: ["issued", "published", "posted:", "posted on"],
        otherDocumentDates: ["first issued", "closes ua", "update to ua"],
        callsToWrite: [
            "write to", "writing to", "send appeals", "please write", "write a letter", "take action", "could write",
            "send a letter", "appeal to", "send courteous", "please send letters", "letters appealing",
        ],
        interventionRequests: ["requests your urgent intervention", "request your urgent intervention"],
        appealOpenings: [
            "the observatory has been informed", "have informed the observatory", "has informed the observatory",
            "have told the observatory", "omct has been informed",
        ],
        askIntroductions: ["urging", "calling on", "call on", "urge", "ask ", "asking", "demand", "please write"],
        requestOpeners: ["urging ", "calling on ", "calling upon ", "asking ", "demanding ", "requesting ", "insisting "],
        concernOpeners: ["expressing", "express concern", "voicing"],
        copyIntroductions: ["copies to", "copy to", "and copy"],
        copyWords: ["copies", "copy"], addresseePrepositions: [" to"],
        nameJoiners: [" and "],
        speechVerbs: ["said ", "says ", "added ", "adds ", "stated "],
        speakerLeadIns: [" said:", " says:", " stated:", " added:", " said,"],
        quotingLineEndings: [" said:", " says:"],
        relativePronouns: ["which ", "who ", "whose ", "where "]
    )

    static let german = ImportVocabulary(
        statementHeadings: ["pressemitteilung", "presseerklärung", "medienmitteilung", "erklärung"],
        urgentActionNames: ["eilaktion", "brief gegen das vergessen", "briefe gegen das vergessen", "aktion gegen das vergessen"],
        concernHeadings: ["sorge um", "drohende hinrichtung", "drohende hinrichtungen", "gewaltloser politischer gefangener"],
        publishers: ["reporter ohne grenzen", "rog"],
        stanceVerbs: ["verurteilt", "kritisiert", "begrüßt", "zeigt sich", "ist besorgt", "fordert", "appelliert", "warnt", "verlangt"],
        reportedToday: ["erklärte heute", "sagte heute", "teilte heute mit", "forderte heute"],
        headlineOpeners: ["eilaktion"],
        siteActionLabels: ["schreiben", "unterschreiben", "mitmachen", "teilen"],
        updateMarkers: ["weitere informationen", "aktualisierung"],
        noFurtherActionSentences: [
            "keine weiteren aktionen", "keine weiteren appelle", "keine weiteren schreiben", "aktion ist beendet", "aktion beendet",
            "action ist beendet",
            "frist zum mitmachen ist abgelaufen",
        ],
        outcomeHeadings: ["erfolg", "gute nachrichten", "gute nachricht", "ergebnis dieser urgent action"],
        outcomeVerbs: ["freigelassen", "freigesprochen"],
        releaseHeadlineWords: ["freigelassen", "freigesprochen", "ist frei", "sind frei", "frei!"],
        dateLabels: ["datum"],
        publicationLabels: ["veröffentlicht am"],
        callsToWrite: [
            "schreiben sie", "bitte schreiben", "appelle an", "appell an", "appell richtet sich an", "fordere jetzt",
            "schick eine e-mail",
        ],
        askIntroductions: ["fordern"],
        copyIntroductions: ["kopien an", "kopie an"],
        copyWords: ["kopie"], addresseePrepositions: [" an"],
        nameJoiners: [" und "],
        speechVerbs: ["sagte ", "erklärte ", "betonte "],
        speakerLeadIns: [" sagte:", " erklärte:"],
        quotingLineEndings: [" sagte:", " erklärte:"]
    )

    static let swedish = ImportVocabulary(
        statementHeadings: ["pressmeddelande"],
        headlineOpeners: ["blixtaktion"],
        updateMarkers: ["uppdatering"],
        noFurtherActionSentences: ["inga fler åtgärder"],
        outcomeHeadings: ["seger"],
        outcomeVerbs: ["frigiven"],
        publicationLabels: ["publicerad"],
        callsToWrite: ["skriv till"],
        askIntroductions: ["uppmana"],
        nameJoiners: [" och "]
    )

    static let finnish = ImportVocabulary(
        statementHeadings: ["tiedote"],
        updateMarkers: ["päivitys", "lisätietoa ua"],
        noFurtherActionSentences: ["ei enää toimia"],
        outcomeHeadings: ["voitto"],
        outcomeVerbs: ["vapautettiin"],
        publicationLabels: ["julkaistu"],
        callsToWrite: ["kirjoita"],
        askIntroductions: ["vaadi"],
        nameJoiners: [" ja "]
    )

    static let french = ImportVocabulary(
        statementHeadings: ["communiqué de presse", "communiqué", "déclaration publique", "déclaration"],
        urgentActionNames: ["action urgente", "appel urgent", "interventions urgentes", "lettres contre l'oubli", "lettre contre l'oubli"],
        concernHeadings: [
            "craintes de torture", "craintes pour la sécurité", "crainte de torture", "craintes d'exécution", "exécution imminente",
            "prisonnier d'opinion", "prisonniers d'opinion", "détention au secret",
        ],
        publishers: ["reporters sans frontières", "l'observatoire", "amnistie internationale"],
        stanceVerbs: [
            "condamne", "dénonce", "déplore", "salue", "s'inquiète", "exprime", "appelle", "demande", "exige", "apprend",
            "se félicite", "proteste",
        ],
        reportedToday: ["a déclaré aujourd'hui", "a dénoncé aujourd'hui", "a demandé aujourd'hui"],
        headlineOpeners: ["action urgente"],
        siteActionLabels: ["écrire", "agir", "signer", "partager"],
        updateMarkers: [
            "mise à jour", "complément d'information", "informations complémentaires", "nouvelles informations",
            "action complémentaire",
        ],
        noFurtherActionSentences: [
            "aucune action complémentaire", "aucune autre action n'est requise", "il n'est plus nécessaire d'envoyer",
            "plus aucune action", "action lettre terminée", "cette action est terminée",
        ],
        outcomeHeadings: ["bonne nouvelle", "bonnes nouvelles", "victoire"],
        outcomeVerbs: ["libéré", "libérée", "libérés", "acquitté"],
        releaseHeadlineWords: ["libéré", "libérée", "libérés", "libérées", "acquitté", "enfin libre", "enfin libres"],
        dateLabels: ["date"],
        publicationLabels: ["date de publication", "publié le"],
        callsToWrite: ["écrivez", "envoyez vos appels", "écrire à"],
        interventionRequests: ["votre intervention urgente"],
        appealOpenings: ["l'observatoire a été informé", "l'omct a été informé"],
        askIntroductions: ["demandez", "exhortez"],
        copyIntroductions: ["copies à", "copie à"],
        copyWords: ["copie"], addresseePrepositions: [" à"],
        nameJoiners: [" et "],
        speechVerbs: ["a déclaré ", "a affirmé ", "a dit ", "a souligné ", "déclare ", "affirme ", "souligne "],
        speakerLeadIns: [" a déclaré :", " a déclaré:"],
        quotingLineEndings: [" a déclaré :", " a déclaré:"]
    )

    static let spanish = ImportVocabulary(
        statementHeadings: ["comunicado de prensa", "comunicado", "declaración pública", "declaración"],
        urgentActionNames: [
            "acción urgente", "llamado urgente", "llamamiento urgente", "intervenciones urgentes", "cartas contra el olvido",
        ],
        concernHeadings: [
            "temor por la seguridad", "temor de tortura", "temor de malos tratos", "ejecución inminente", "preso de conciencia",
            "presos de conciencia", "detención en régimen de incomunicación",
        ],
        publishers: ["amnistía internacional", "reporteros sin fronteras", "el observatorio"],
        stanceVerbs: [
            "condena", "denuncia", "deplora", "celebra", "manifiesta", "expresa", "exige", "insta", "advierte", "pide", "lamenta",
            "rechaza", "saluda",
        ],
        reportedToday: ["dijo hoy", "afirmó hoy", "declaró hoy", "denunció hoy"],
        headlineOpeners: ["acción urgente"],
        siteActionLabels: ["escribir", "actuar", "firmar", "compartir"],
        updateMarkers: [
            "actualización", "información adicional", "nueva información", "información complementaria", "acción complementaria",
        ],
        noFurtherActionSentences: [
            "no se requieren más acciones", "no se requiere ninguna otra acción", "no es necesario realizar más acciones",
            "no se necesitan más acciones", "esta acción ha finalizado",
        ],
        outcomeHeadings: ["buenas noticias", "buena noticia", "victoria"],
        outcomeVerbs: ["liberado", "liberada", "liberados", "absuelto", "absuelta"],
        releaseHeadlineWords: ["liberado", "liberada", "liberados", "liberadas", "absuelto", "absuelta", "en libertad"],
        dateLabels: ["fecha"],
        publicationLabels: ["publicado el"],
        callsToWrite: ["escriban", "escribe a", "envíen llamamientos", "escriba a"],
        interventionRequests: ["su intervención urgente"],
        appealOpenings: ["el observatorio ha sido informado", "la omct ha sido informada"],
        askIntroductions: ["pidan", "insten", "exijan"],
        copyIntroductions: ["copias a", "copia a"],
        copyWords: ["copia"], addresseePrepositions: [" a"],
        nameJoiners: [" y "],
        speechVerbs: [
            "dijo ", "afirmó ", "declaró ", "señaló ", "aseguró ", "manifestó ", "expresó ", "indicó ", "ha señalado ",
            "ha declarado ", "ha afirmado ", "ha dicho ",
        ],
        speakerLeadIns: [" dijo:", " afirmó:", " declaró:", " ha declarado:", " ha afirmado:", " ha señalado:"],
        quotingLineEndings: [" dijo:", " afirmó:", " declaró:", " ha declarado:", " ha afirmado:", " ha señalado:"]
    )

    /// Every language, in the order their phrases are tried where order matters.
    static let languages = [english, german, swedish, finnish, french, spanish]

    static let all = ImportVocabulary(joining: languages)

    /// Where the summary ends and which sentence tells the outcome are read from English and German
    /// closing sentences only; the Swedish and Finnish ones tell the kind of document.
    static let englishAndGerman = ImportVocabulary(joining: [english, german])

    /// Each role's phrases of `languages`, one language after another.
    init(joining languages: [ImportVocabulary]) {
        func joined(_ role: KeyPath<ImportVocabulary, [String]>) -> [String] { languages.flatMap { $0[keyPath: role] } }
        statementHeadings = joined(\.statementHeadings)
        releaseNotices = joined(\.releaseNotices)
        urgentActionNames = joined(\.urgentActionNames)
        siteActionLabels = joined(\.siteActionLabels)
        concernHeadings = joined(\.concernHeadings)
        publishers = joined(\.publishers)
        stanceVerbs = joined(\.stanceVerbs)
        reportedToday = joined(\.reportedToday)
        urgentActionAbbreviations = joined(\.urgentActionAbbreviations)
        urgentActionSlugs = joined(\.urgentActionSlugs)
        headlineOpeners = joined(\.headlineOpeners)
        updateMarkers = joined(\.updateMarkers)
        noFurtherActionSentences = joined(\.noFurtherActionSentences)
        outcomeHeadings = joined(\.outcomeHeadings)
        outcomeVerbs = joined(\.outcomeVerbs)
        releaseHeadlineWords = joined(\.releaseHeadlineWords)
        dateLabels = joined(\.dateLabels)
        publicationLabels = joined(\.publicationLabels)
        otherDocumentDates = joined(\.otherDocumentDates)
        callsToWrite = joined(\.callsToWrite)
        interventionRequests = joined(\.interventionRequests)
        appealOpenings = joined(\.appealOpenings)
        askIntroductions = joined(\.askIntroductions)
        requestOpeners = joined(\.requestOpeners)
        concernOpeners = joined(\.concernOpeners)
        copyIntroductions = joined(\.copyIntroductions)
        copyWords = joined(\.copyWords)
        addresseePrepositions = joined(\.addresseePrepositions)
        nameJoiners = joined(\.nameJoiners)
        speechVerbs = joined(\.speechVerbs)
        speakerLeadIns = joined(\.speakerLeadIns)
        quotingLineEndings = joined(\.quotingLineEndings)
        relativePronouns = joined(\.relativePronouns)
    }
}
