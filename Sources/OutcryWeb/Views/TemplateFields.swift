import Mustache

// The values a template reads most often, in long lists, read by name rather than through `Mirror`,
// which Mustache otherwise asks for every name at every level: a page of 250 countries, or of search
// results, renders several times faster. A nil answer lets Mustache look further out, as for any value.

extension Link: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "href": href
        case "linkLanguage": linkLanguage
        default: nil
        }
    }
}

extension ReportFormView.Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "label": label
        case "selected": selected
        default: nil
        }
    }
}

extension IndexPage.Item: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "href": href
        case "meta": meta
        case "foundAs": foundAs
        case "linkLanguage": linkLanguage
        default: nil
        }
    }
}

extension PageMeta.LanguageLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "code": code
        case "name": self.name
        case "href": href
        case "url": url
        case "isCurrent": isCurrent
        default: nil
        }
    }
}

extension PageMeta: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "description": description
        case "language": language
        case "stylesheet": stylesheet
        case "home": home
        case "alerts": alerts
        case "actions": actions
        case "people": people
        case "search": search
        case "query": query
        case "feed": feed
        case "sitePages": sitePages
        case "showHomeLink": showHomeLink
        case "preview": preview
        case "previewBack": previewBack
        case "languages": languages
        case "url": url
        case "image": image
        case "imageAlt": imageAlt
        case "ogLocale": ogLocale
        case "words": words
        default: nil
        }
    }
}

extension DateText: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "iso": iso
        default: nil
        }
    }
}

extension SearchPage.Group: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "heading": heading
        case "items": items
        default: nil
        }
    }
}
