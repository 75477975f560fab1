/// Decides a document's kind when the rules find no evidence of it: one linear model per kind over the rules' cues
/// and the document's words, trained from the corpus's hand-written expectations by `scripts/train-importer-models`.
struct KindClassifier: Sendable {
    /// One weight per kind and feature, listed as "kind|feature"; a feature not listed weighs nothing.
    let weights: [String: Double]

    /// The model shipped with the importer (`KindClassifierWeights.swift`).
    static let shipped = KindClassifier(weights: WeightTable.weights(in: KindClassifierWeights.table))

    /// The same weights by feature, one per kind in `DocumentKind.allCases`' order: a document is scored for every
    /// kind with one look-up per feature.
    private let weightsByFeature: [String: [Double]]

    init(weights: [String: Double]) {
        self.weights = weights
        var byFeature: [String: [Double]] = [:]
        for (key, weight) in weights {
            guard let bar = key.firstIndex(of: "|"), let kind = DocumentKind(rawValue: String(key[..<bar])),
                let position = DocumentKind.allCases.firstIndex(of: kind)
            else { continue }
            byFeature[String(key[key.index(after: bar)...]), default: Array(repeating: 0, count: DocumentKind.allCases.count)][position] =
                weight
        }
        weightsByFeature = byFeature
    }

    /// How much `features` say the document is of each kind, in `DocumentKind.allCases`' order.
    func scores(_ features: [String]) -> [Double] {
        var sums = Array(repeating: 0.0, count: DocumentKind.allCases.count)
        for feature in features {
            guard let weights = weightsByFeature[feature] else { continue }
            for position in sums.indices { sums[position] += weights[position] }
        }
        return sums
    }

    /// How much `features` say the document is of `kind`.
    func score(_ kind: DocumentKind, _ features: [String]) -> Double {
        scores(features)[DocumentKind.allCases.firstIndex(of: kind) ?? 0]
    }

    /// A model trained on documents of known kinds: for each kind, its documents against all the others (one versus
    /// the rest). Only features found in ten documents or more weigh. Chosen on cross-validation on the tuning set:
    /// from three documents, the same kinds right from a model three times as large; from twenty, fewer right.
    static func trained(on documents: [(text: String, kind: DocumentKind)]) -> KindClassifier {
        let read = documents.map { document in
            let reading = DocumentImporter().reading(document.text)
            // Sorted: the same examples in the same order on every run give the same weights.
            return (features: reading.kindFeatures(reading.groundwork(), lines: reading.kindLineFeatures()).sorted(), kind: document.kind)
        }
        var weights: [String: Double] = [:]
        for kind in DocumentKind.allCases {
            let prefix = kind.rawValue + "|"
            let examples = read.map { document in
                AveragedPerceptron.Example(features: document.features.map { prefix + $0 }, isPositive: document.kind == kind)
            }
            weights.merge(AveragedPerceptron(minimumCount: 10).train(examples)) { first, _ in first }
        }
        return KindClassifier(weights: weights)
    }

    /// The model as the trainer writes it.
    var table: String { WeightTable.table(of: weights) }
}
