/// The fixed words of alert messages, in each language a supporter can choose. The actions themselves
/// (titles, summaries, outcomes) stay in the language they were written in.
struct MailWording: Sendable {
    let language: String
    let name: String
    let confirmSubject: String
    let confirmIntro: String
    let confirmAction: String
    let notYou: String
    let manageAction: String
    let manageSubject: String
    let manageIntro: String
    let ignore: String
    let newAction: String
    let update: String
    let outcome: String
    let actNow: String
    let actBefore: String
    let whatHappened: String
    let readMore: String
    let changeOrStop: String
    let digestSubject: String
    let digestIntro: String
    let labelNew: String
    let labelUpdate: String
    let labelOutcome: String

    /// The wording for a language code, English when there is none for it.
    static func of(_ language: String) -> MailWording {
        all.first { $0.language == language } ?? all[0]
    }

    static let all: [MailWording] = [
        MailWording(
            language: "en", name: "English",
            confirmSubject: "Please confirm your Urgent Action alerts",
            confirmIntro: "Someone, we hope you, asked for Urgent Action alerts to be sent to this address.",
            confirmAction: "Confirm and start receiving alerts (the link works for 7 days):",
            notYou: "If it was not you, do nothing: without confirmation, nothing else is sent, and the request is forgotten.",
            manageAction: "Change what you receive, see what we hold about you, or have it deleted:",
            manageSubject: "Your Urgent Action alerts",
            manageIntro: "Here is the link you asked for, to change your alerts, download what we hold about you, or delete it:",
            ignore: "If you did not ask for it, you can ignore this message.",
            newAction: "Urgent Action %@", update: "Update on Urgent Action %@", outcome: "Outcome of Urgent Action %@",
            actNow: "Act now: write, e-mail or call the officials, with the sample letter on the page:",
            actBefore: "Please act before %@.", whatHappened: "What happened:", readMore: "Read more:",
            changeOrStop: "Change or stop these alerts:",
            digestSubject: "Urgent Actions this week: %@ to read", digestIntro: "This week's Urgent Actions, updates and outcomes:",
            labelNew: "New", labelUpdate: "Update", labelOutcome: "Outcome"),
        MailWording(
            language: "fr", name: "Français",
            confirmSubject: "Merci de confirmer vos alertes Actions urgentes",
            confirmIntro: "Quelqu'un, vous nous l'espérons, a demandé à recevoir les alertes Actions urgentes à cette adresse.",
            confirmAction: "Confirmez pour commencer à recevoir les alertes (le lien est valable 7 jours) :",
            notYou: "Si ce n'était pas vous, ne faites rien : sans confirmation, rien d'autre n'est envoyé et la demande est oubliée.",
            manageAction: "Modifier ce que vous recevez, voir ce que nous conservons sur vous ou le faire supprimer :",
            manageSubject: "Vos alertes Actions urgentes",
            manageIntro: "Voici le lien demandé pour modifier vos alertes, télécharger ce que nous conservons sur vous ou le supprimer :",
            ignore: "Si vous ne l'avez pas demandé, vous pouvez ignorer ce message.",
            newAction: "Action urgente %@", update: "Mise à jour de l'Action urgente %@", outcome: "Issue de l'Action urgente %@",
            actNow: "Agissez maintenant : écrivez, envoyez un e-mail ou appelez les autorités, avec le modèle de lettre de la page :",
            actBefore: "Merci d'agir avant le %@.", whatHappened: "Ce qui s'est passé :", readMore: "En savoir plus :",
            changeOrStop: "Modifier ou arrêter ces alertes :",
            digestSubject: "Actions urgentes de la semaine : %@ à lire",
            digestIntro: "Les Actions urgentes, mises à jour et issues de la semaine :",
            labelNew: "Nouvelle", labelUpdate: "Mise à jour", labelOutcome: "Issue"),
        MailWording(
            language: "de", name: "Deutsch",
            confirmSubject: "Bitte bestätigen Sie Ihre Urgent-Action-Benachrichtigungen",
            confirmIntro: "Jemand, hoffentlich Sie, hat Urgent-Action-Benachrichtigungen an diese Adresse bestellt.",
            confirmAction: "Bestätigen Sie hier, um sie zu erhalten (der Link gilt 7 Tage):",
            notYou: "Wenn Sie es nicht waren, tun Sie nichts: Ohne Bestätigung wird nichts weiter gesendet und die Anfrage vergessen.",
            manageAction: "Ändern, was Sie erhalten, sehen, was wir über Sie speichern, oder es löschen lassen:",
            manageSubject: "Ihre Urgent-Action-Benachrichtigungen",
            manageIntro: "Hier ist der gewünschte Link, um Ihre Benachrichtigungen zu ändern, Ihre Daten herunterzuladen oder zu löschen:",
            ignore: "Wenn Sie ihn nicht angefordert haben, können Sie diese Nachricht ignorieren.",
            newAction: "Urgent Action %@", update: "Neues zur Urgent Action %@", outcome: "Ausgang der Urgent Action %@",
            actNow: "Handeln Sie jetzt: Schreiben, mailen oder rufen Sie die Verantwortlichen an, mit dem Musterbrief auf der Seite:",
            actBefore: "Bitte handeln Sie vor dem %@.", whatHappened: "Was geschah:", readMore: "Mehr lesen:",
            changeOrStop: "Benachrichtigungen ändern oder beenden:",
            digestSubject: "Urgent Actions dieser Woche: %@ zu lesen",
            digestIntro: "Die Urgent Actions, Neuigkeiten und Ergebnisse dieser Woche:",
            labelNew: "Neu", labelUpdate: "Neues", labelOutcome: "Ausgang"),
        MailWording(
            language: "es", name: "Español",
            confirmSubject: "Confirma tus alertas de Acciones Urgentes",
            confirmIntro: "Alguien, esperamos que tú, pidió recibir alertas de Acciones Urgentes en esta dirección.",
            confirmAction: "Confirma para empezar a recibirlas (el enlace es válido 7 días):",
            notYou: "Si no fuiste tú, no hagas nada: sin confirmación no se envía nada más y la solicitud se olvida.",
            manageAction: "Cambiar lo que recibes, ver lo que guardamos sobre ti o pedir que se borre:",
            manageSubject: "Tus alertas de Acciones Urgentes",
            manageIntro: "Aquí está el enlace que pediste para cambiar tus alertas, descargar lo que guardamos sobre ti o borrarlo:",
            ignore: "Si no lo pediste, puedes ignorar este mensaje.",
            newAction: "Acción Urgente %@", update: "Actualización de la Acción Urgente %@", outcome: "Resultado de la Acción Urgente %@",
            actNow: "Actúa ahora: escribe, envía un correo o llama a las autoridades, con la carta modelo de la página:",
            actBefore: "Actúa antes del %@.", whatHappened: "Qué pasó:", readMore: "Más información:",
            changeOrStop: "Cambiar o detener estas alertas:",
            digestSubject: "Acciones Urgentes de la semana: %@ para leer",
            digestIntro: "Las Acciones Urgentes, actualizaciones y resultados de la semana:",
            labelNew: "Nueva", labelUpdate: "Actualización", labelOutcome: "Resultado"),
        MailWording(
            language: "ru", name: "Русский",
            confirmSubject: "Подтвердите подписку на срочные акции",
            confirmIntro: "Кто-то, надеемся, что вы, попросил присылать на этот адрес оповещения о срочных акциях.",
            confirmAction: "Подтвердите, чтобы начать получать их (ссылка действует 7 дней):",
            notYou: "Если это были не вы, ничего не делайте: без подтверждения больше ничего не придёт, а запрос будет забыт.",
            manageAction: "Изменить, что вы получаете, узнать, что мы храним о вас, или удалить это:",
            manageSubject: "Ваши оповещения о срочных акциях",
            manageIntro: "Вот ссылка, которую вы запросили: изменить оповещения, скачать то, что мы храним о вас, или удалить это:",
            ignore: "Если вы её не запрашивали, просто не обращайте внимания на это письмо.",
            newAction: "Срочная акция %@", update: "Новости по срочной акции %@", outcome: "Итог срочной акции %@",
            actNow: "Действуйте сейчас: напишите письмо, e-mail или позвоните официальным лицам, образец письма — на странице:",
            actBefore: "Пожалуйста, действуйте до %@.", whatHappened: "Что произошло:", readMore: "Подробнее:",
            changeOrStop: "Изменить или отключить оповещения:",
            digestSubject: "Срочные акции недели: %@", digestIntro: "Срочные акции, новости и итоги этой недели:",
            labelNew: "Новая", labelUpdate: "Новости", labelOutcome: "Итог"),
    ]

    func format(_ pattern: String, _ value: String) -> String {
        pattern.replacingOccurrences(of: "%@", with: value)
    }
}
