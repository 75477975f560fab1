// Trains the importer's two learned models (averaged perceptrons) on what is written by hand in the tuned fixtures and
// the corpus's tuning set: the kind model, which decides a document's kind when the rules find no evidence of it, and
// the name tagger, which decides which names are people at risk. Measures each beside the rules — by five-fold
// cross-validation on the tuning set, and on the held-out set, whose texts they never train on — and writes the models
// the importer ships. Built and run by scripts/train-importer-models with the OutcryCore sources. Three other uses, to
// study the name model:
// `--mentions FILE` prints the texts searched in one document and each candidate name with its score,
// `--unreachable` the tuning set's people that no candidate name reads, and `--errors` the tuning set's people
// the cross-validated models miss (-) or add (+).
import Foundation

@main
struct TrainImporterModels {
    struct Document {
        let name: String
        let text: String
        let people: [String]
        let kind: DocumentKind?
        /// The headline expected: a text, `.some(nil)` when the text has none, nil when the expectation does not say.
        var title: String?? = nil
    }

    /// The corpus: `OUTCRY_CORPUS` names another copy of it, as for the corpus test.
    static let corpus = ProcessInfo.processInfo.environment["OUTCRY_CORPUS"] ?? "Tests/Fixtures/corpus"

    static func main() throws {
        let arguments = CommandLine.arguments
        if arguments.count == 2, arguments[1] == "--titles" {
            // The title model alone, measured and not written: to compare its features quickly.
            let fixtures = try documents(in: "Tests/Fixtures/imports")
            let tuning = try documents(in: corpus + "/tuning")
            try measureTitleModel(fixtures: fixtures, tuning: tuning, heldOut: documents(in: corpus + "/held-out"), kindModel: .shipped)
            return
        }
        if arguments.count == 2, arguments[1] == "--unreachable" {
            // The tuning set's people no candidate reads, to see what candidate names miss (never the held-out set's).
            for document in try documents(in: corpus + "/tuning") {
                let names = candidateNames(of: document)
                for person in document.people where !names.contains(Phrase.collapse(person)) { print("\(document.name): \(person)") }
            }
            return
        }
        if arguments.count == 3, arguments[1] == "--mentions" {
            // The texts searched in one document and the candidate names in each, to see what the tagger is given.
            let text = try String(contentsOfFile: arguments[2], encoding: .utf8)
            let document = Document(name: arguments[2], text: text, people: [], kind: nil)
            for text in NameTagger.textsSearched(in: document.text) {
                print("--- text searched:\n\(text)\n--- candidates:")
                for mention in NameFinder.mentions(in: text) {
                    print("\(mention.name)  [\(NameTagger.shipped.score(mention.features))]")
                }
            }
            return
        }
        if arguments.count == 2, arguments[1] == "--errors" {
            // The tuning set's people each fold's model misses or adds, on the fold it did not train on (never the
            // held-out set's).
            let fixtures = try documents(in: "Tests/Fixtures/imports")
            let tuning = try documents(in: corpus + "/tuning")
            for fold in 0..<5 {
                let trainOn = fixtures + tuning.enumerated().filter { $0.offset % 5 != fold }.map(\.element)
                var importer = DocumentImporter()
                importer.nameDecision = .tagger(NameTagger(weights: NameTraining(kindModel: .shipped, titleModel: .shipped).train(trainOn)))
                for document in tuning.enumerated().filter({ $0.offset % 5 == fold }).map(\.element) {
                    let read = try? importer.read(text: document.text)
                    let found = (read?.action?.people.value ?? read?.statement?.people.value ?? []).map(Phrase.collapse)
                    let expected = document.people.map(Phrase.collapse)
                    for name in found where !expected.contains(name) { print("\(document.name): + \(name)") }
                    for name in expected where !found.contains(name) { print("\(document.name): - \(name)") }
                }
            }
            return
        }
        guard arguments.count == 4 else {
            FileHandle.standardError.write(
                Data("usage: train-importer-models KIND-WEIGHTS.swift NAME-WEIGHTS.swift TITLE-WEIGHTS.swift\n".utf8))
            exit(2)
        }
        let fixtures = try documents(in: "Tests/Fixtures/imports")
        let tuning = try documents(in: corpus + "/tuning")
        let heldOut = try documents(in: corpus + "/held-out")
        print("Training on \(fixtures.count) fixtures and \(tuning.count) tuning texts; \(heldOut.count) held-out texts measured only")

        // The kind model first: which reader a text goes to, and so the texts the name tagger learns from, depend on it.
        print("\n== The kind model")
        var kindsCrossValidated = KindCount()
        for fold in 0..<5 {
            let trainOn = fixtures + tuning.enumerated().filter { $0.offset % 5 != fold }.map(\.element)
            let measureOn = tuning.enumerated().filter { $0.offset % 5 == fold }.map(\.element)
            kindsCrossValidated.add(measureKinds(measureOn, with: trainKinds(trainOn)))
        }
        let kindModel = trainKinds(fixtures + tuning)
        print("Kinds right of the texts that state one       rules                   rules, then model")
        let heldOutKinds = measureKinds(heldOut, with: kindModel)
        print("tuning (\(kindsCrossValidated.stated)), 5-fold cross-validation          " + kindsCrossValidated.row)
        print("held-out (\(heldOutKinds.stated))                                 " + heldOutKinds.row)
        try write(kindModel.table, as: "KindClassifierWeights", to: arguments[1])
        print("\(kindModel.weights.count) weights written to \(arguments[1])")

        // The title model next: where the account the name tagger reads begins depends on it.
        let titleModel = measureTitleModel(fixtures: fixtures, tuning: tuning, heldOut: heldOut, kindModel: kindModel)
        try write(titleModel.table, as: "TitleModelWeights", to: arguments[3])
        print("\(titleModel.weights.count) weights written to \(arguments[3])")

        print("\n== The name tagger")
        let names = NameTraining(kindModel: kindModel, titleModel: titleModel)

        let folds = 5
        var crossValidated = Scores()
        for fold in 0..<folds {
            let trainOn = fixtures + tuning.enumerated().filter { $0.offset % folds != fold }.map(\.element)
            let measureOn = tuning.enumerated().filter { $0.offset % folds == fold }.map(\.element)
            crossValidated.add(names.measure(measureOn, with: NameTagger(weights: names.train(trainOn))))
            print("  fold \(fold + 1) of \(folds) done")
        }
        let model = NameTagger(weights: names.train(fixtures + tuning))
        print(
            "Candidates: \(reachable(tuning, names)) of the tuning set's people, \(reachable(heldOut, names)) of the held-out set's, are read as a candidate name"
        )
        let heldOutScores = names.measure(heldOut, with: model)

        print("\nPeople at risk: F1 (precision / recall)      rules               tagger              either")
        print("tuning, 5-fold cross-validation     " + crossValidated.row)
        print("held-out                            " + heldOutScores.row)

        try write(model.table, as: "NameTaggerWeights", to: arguments[2])
        print("\n\(model.weights.count) weights written to \(arguments[2])")

    }

    /// The title model trained on the fixtures and the tuning set, after its measure beside the rules.
    @discardableResult
    static func measureTitleModel(fixtures: [Document], tuning: [Document], heldOut: [Document], kindModel: KindClassifier) -> TitleModel {
        let folds = 5
        print("\n== The title model")
        var titlesCrossValidated = TitleScores()
        for fold in 0..<folds {
            let trainOn = fixtures + tuning.enumerated().filter { $0.offset % folds != fold }.map(\.element)
            let measureOn = tuning.enumerated().filter { $0.offset % folds == fold }.map(\.element)
            titlesCrossValidated.add(measureTitles(measureOn, with: trainTitles(trainOn), kindModel: kindModel))
        }
        let titleModel = trainTitles(fixtures + tuning)
        let heldOutTitles = measureTitles(heldOut, with: titleModel, kindModel: kindModel)
        print("Headlines: F1 (precision / recall)          rules               model")
        print("tuning, 5-fold cross-validation     " + titlesCrossValidated.row)
        print("held-out                            " + heldOutTitles.row)
        return titleModel
    }

    static func trainTitles(_ documents: [Document]) -> TitleModel {
        TitleModel.trained(on: documents.compactMap { document in document.title.map { (document.text, $0) } })
    }

    struct TitleScores {
        var rules = Count()
        var model = Count()

        mutating func add(_ other: TitleScores) {
            for path in [\TitleScores.rules, \.model] {
                self[keyPath: path].truePositives += other[keyPath: path].truePositives
                self[keyPath: path].falsePositives += other[keyPath: path].falsePositives
                self[keyPath: path].falseNegatives += other[keyPath: path].falseNegatives
            }
        }

        var row: String { [rules.text, model.text].map { $0.padding(toLength: 20, withPad: " ", startingAt: 0) }.joined() }
    }

    /// The headlines found by the rules alone and by the model, counted as the corpus test counts them.
    static func measureTitles(_ documents: [Document], with model: TitleModel, kindModel: KindClassifier) -> TitleScores {
        var scores = TitleScores()
        for (path, titleModel) in [(\TitleScores.rules, TitleModel?.none), (\.model, model)] {
            var importer = DocumentImporter()
            importer.kindModel = kindModel
            importer.titleModel = titleModel
            for document in documents {
                guard let expected = document.title else { continue }
                let read = try? importer.read(text: document.text)
                let found = read?.action?.title.value ?? read?.statement?.title.value
                switch (expected, found) {
                case (let expected?, let found?) where TitleModel.isHeadline(found, expected: expected):
                    scores[keyPath: path].truePositives += 1
                case (let expected?, let found):
                    scores[keyPath: path].falseNegatives += 1
                    if found != nil { scores[keyPath: path].falsePositives += 1 }
                case (nil, .some): scores[keyPath: path].falsePositives += 1
                case (nil, nil): break
                }
            }
        }
        return scores
    }

    /// A model's table as a Swift source: an enum named `name` holding it.
    static func write(_ table: String, as name: String, to path: String) throws {
        let source = """
            // Written by scripts/train-importer-models; do not edit by hand.

            enum \(name) {
                static let table = \"\"\"
            \(table.split(separator: "\n").map { "        " + $0 }.joined(separator: "\n"))
                    \"\"\"
            }

            """
        try source.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func documents(in folder: String) throws -> [Document] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".txt") }.sorted()
        return try names.map { name in
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            let expectation = folder + "/" + name.dropLast(4) + ".expected.json"
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: expectation))) as? [String: Any]
            let kind = (json?["kind"] as? String).flatMap(DocumentKind.init(rawValue:))
            var title: String?? = nil
            if let headline = json?["title"] as? String {
                title = .some(headline)
            } else if (json?["missing"] as? [String] ?? []).contains("title") {
                title = .some(nil)
            }
            return Document(name: name, text: text, people: json?["people"] as? [String] ?? [], kind: kind, title: title)
        }
    }

    /// Every candidate name in the texts the importer searches in `document`, collapsed as the scorer compares them.
    static func candidateNames(
        of document: Document, _ training: NameTraining = NameTraining(kindModel: .shipped, titleModel: .shipped)
    ) -> Set<String> {
        Set(
            NameTagger.textsSearched(in: document.text, kindModel: training.kindModel, titleModel: training.titleModel).flatMap {
                NameFinder.mentions(in: $0).map { Phrase.collapse($0.name) }
            })
    }

    /// How many of the people expected are a candidate in the texts searched, out of how many: the most any decision can find.
    static func reachable(_ documents: [Document], _ training: NameTraining) -> String {
        var reached = 0
        var total = 0
        for document in documents {
            let names = candidateNames(of: document, training)
            total += document.people.count
            reached += document.people.filter { names.contains(Phrase.collapse($0)) }.count
        }
        return "\(reached)/\(total)"
    }

    struct Count {
        var truePositives = 0
        var falsePositives = 0
        var falseNegatives = 0

        var text: String {
            let precision = Double(truePositives) / Double(max(truePositives + falsePositives, 1))
            let recall = Double(truePositives) / Double(max(truePositives + falseNegatives, 1))
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            return String(format: "%.2f (%.2f / %.2f)", f1, precision, recall)
        }
    }

    struct Scores {
        var rules = Count()
        var tagger = Count()
        var either = Count()

        mutating func add(_ other: Scores) {
            for path in [\Scores.rules, \.tagger, \.either] {
                self[keyPath: path].truePositives += other[keyPath: path].truePositives
                self[keyPath: path].falsePositives += other[keyPath: path].falsePositives
                self[keyPath: path].falseNegatives += other[keyPath: path].falseNegatives
            }
        }

        var row: String { [rules.text, tagger.text, either.text].map { $0.padding(toLength: 20, withPad: " ", startingAt: 0) }.joined() }
    }

    /// The kind model trained on `documents`, those that state a kind.
    static func trainKinds(_ documents: [Document]) -> KindClassifier {
        KindClassifier.trained(on: documents.compactMap { document in document.kind.map { (document.text, $0) } })
    }

    /// How many of the documents that state a kind are read as that kind, by the rules alone and by the rules then `model`.
    static func measureKinds(_ documents: [Document], with model: KindClassifier) -> KindCount {
        var count = KindCount()
        var rules = DocumentImporter()
        rules.kindModel = nil
        var withModel = DocumentImporter()
        withModel.kindModel = model
        for document in documents {
            guard let kind = document.kind else { continue }
            count.stated += 1
            count.byRules.add((try? rules.read(text: document.text))?.kind.value, expected: kind)
            count.byModel.add((try? withModel.read(text: document.text))?.kind.value, expected: kind)
        }
        return count
    }

    struct KindCount {
        /// Documents read as the kind they state, and as another.
        struct Reads {
            var right = 0
            var wrong = 0

            mutating func add(_ found: DocumentKind?, expected: DocumentKind) {
                if found == expected { right += 1 } else if found != nil { wrong += 1 }
            }
        }

        var stated = 0
        var byRules = Reads()
        var byModel = Reads()

        mutating func add(_ other: KindCount) {
            stated += other.stated
            for path in [\KindCount.byRules, \.byModel] {
                self[keyPath: path].right += other[keyPath: path].right
                self[keyPath: path].wrong += other[keyPath: path].wrong
            }
        }

        var row: String {
            [byRules, byModel].map { "\($0.right) (\($0.wrong) wrong)".padding(toLength: 24, withPad: " ", startingAt: 0) }.joined()
        }
    }

    /// The name tagger's training and measure, with the kind model that decides which texts it reads.
    struct NameTraining {
        let kindModel: KindClassifier
        let titleModel: TitleModel

        func train(_ documents: [Document]) -> [String: Double] {
            NameTagger.trained(on: documents.map { ($0.text, $0.people) }, kindModel: kindModel, titleModel: titleModel).weights
        }

        /// The people found in each document, each way, against those expected; as the corpus test counts them.
        func measure(_ documents: [Document], with model: NameTagger) -> Scores {
            var scores = Scores()
            for (path, decision) in [(\Scores.rules, NameDecision.rules), (\.tagger, .tagger(model)), (\.either, .either(model))] {
                var importer = DocumentImporter()
                importer.nameDecision = decision
                importer.kindModel = kindModel
                importer.titleModel = titleModel
                for document in documents {
                    let read = try? importer.read(text: document.text)
                    let found = (read?.action?.people.value ?? read?.statement?.people.value ?? []).map(Phrase.collapse)
                    let expected = document.people.map(Phrase.collapse)
                    scores[keyPath: path].truePositives += found.filter(expected.contains).count
                    scores[keyPath: path].falsePositives += found.filter { !expected.contains($0) }.count
                    scores[keyPath: path].falseNegatives += expected.filter { !found.contains($0) }.count
                }
            }
            return scores
        }
    }
}
