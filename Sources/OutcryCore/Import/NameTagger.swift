/// Decides from the words around a name whether the text presents its bearer as someone at risk: a linear model
/// over the evidence `NameFinder` gathers (the rules' own cues, and the words, punctuation and shapes beside each
/// mention), trained from the corpus's hand-written expectations by `scripts/train-importer-models`.
struct NameTagger: Sendable {
    /// One weight per feature; a feature not listed weighs nothing.
    let weights: [String: Double]

    /// The sum of the weights of `features`: above zero, a person at risk.
    func score(_ features: [String]) -> Double {
        features.reduce(0) { $0 + (weights[$1] ?? 0) }
    }

    /// The model shipped with the importer (`NameTaggerWeights.swift`).
    static let shipped = NameTagger(table: NameTaggerWeights.table)

    /// A model from the table the trainer writes.
    init(table: String) {
        weights = WeightTable.weights(in: table)
    }

    init(weights: [String: Double]) {
        self.weights = weights
    }

    /// A model trained on `documents`, texts with the people at risk a careful reader finds in each: one example per
    /// candidate name in every text the importer searches for people, labelled by whether it names one of them.
    /// `kindModel` and `titleModel` are the ones the importer will ship with: they decide whether a text is read as a
    /// statement, and where its account begins.
    static func trained(
        on documents: [(text: String, people: [String])], kindModel: KindClassifier = .shipped, titleModel: TitleModel = .shipped
    ) -> NameTagger {
        var examples: [AveragedPerceptron.Example] = []
        for document in documents {
            for text in textsSearched(in: document.text, kindModel: kindModel, titleModel: titleModel) {
                for mention in NameFinder.mentions(in: text) {
                    examples.append(.init(features: mention.features, isPositive: NameFinder.names(mention.name, oneOf: document.people)))
                }
            }
        }
        return NameTagger(weights: AveragedPerceptron().train(examples))
    }

    /// The texts the importer searches for people in `document` (the account and the letter, or a statement's prose).
    static func textsSearched(in document: String, kindModel: KindClassifier = .shipped, titleModel: TitleModel = .shipped) -> [String] {
        // The texts are the same whatever decides; the rules decide without computing the model's features.
        var importer = DocumentImporter()
        importer.nameDecision = .rules
        importer.kindModel = kindModel
        importer.titleModel = titleModel
        var reading = importer.reading(document)
        var texts: [String] = []
        reading.peopleTextRead = { texts.append($0) }
        _ = reading.document()
        return texts
    }

    /// The model as the trainer writes it.
    var table: String { WeightTable.table(of: weights) }
}
