import Foundation
import Testing

@testable import OutcryCore

@Suite struct KindClassifierTests {
    @Test func aKindTheRulesFindNoEvidenceOfIsTheModelsReadAtTheLineThatSaysItMost() throws {
        var rulesOnly = DocumentImporter()
        rulesOnly.kindModel = nil
        // No quote, stance, number, marker, officials, letter or call to write: nothing the rules know a kind by.
        let statement = """
            Guatemala: Bernardo Caal Xol

            El periodista y defensor maya q'eqchi' Bernardo Caal Xol sigue en prisión por defender los ríos de su comunidad frente a dos hidroeléctricas.

            Lleva más de dos años detenido tras un proceso penal sin pruebas, y su familia teme por su salud. Las organizaciones de derechos humanos de Guatemala piden al Estado su libertad y la protección de los defensores de la tierra y el agua.
            """
        let byRules = try rulesOnly.read(text: statement)
        #expect(byRules.kind == .missing)
        #expect(byRules.statement == nil)
        let read = try DocumentImporter().read(text: statement)
        #expect(read.kind.value == .statement)
        // At one of the paragraphs the model weighed, whichever says it most with the weights shipped; not the heading.
        #expect([3, 5].contains(read.kind.span?.line))
        // Read as a statement, by the statement's reader.
        #expect(read.action == nil)
        #expect(read.statement?.title.value == "Guatemala: Bernardo Caal Xol")
        // A note of a line or two is too short to weigh.
        #expect(try DocumentImporter().read(text: "Guatemala: Bernardo Caal Xol sigue en prisión por defender los ríos.").kind == .missing)
    }

    @Test func aKindTheRulesFindIsNeverTheModels() throws {
        // The words are a statement's, but the number makes it an action.
        let text = "UA 12/24 Iran: Kurdische Gefangene hingerichtet\n\nAmnesty International verurteilt die Hinrichtung."
        let read = try DocumentImporter().read(text: text)
        #expect(read.kind.value == .new)
        #expect(read.kind.span?.line == 1)
    }

    @Test func aModelReadsBackFromTheTableItWritesAndWeighsEachKindApart() {
        let model = KindClassifier(weights: ["new|cue=number": 2, "statement|cue=quote": 1.5, "statement|bias": -0.25])
        #expect(KindClassifier(weights: WeightTable.weights(in: model.table)).weights == model.weights)
        #expect(model.score(.statement, ["bias", "cue=quote"]) == 1.25)
        #expect(model.score(.new, ["bias", "cue=quote"]) == 0)
    }

    /// Changing the corpus, the features or the rules the model reads changes it: `scripts/train-importer-models` must
    /// then be run again, or this fails.
    @Test func theShippedModelIsTheOneTheFixturesAndTheTuningSetTrain() throws {
        let documents = try NameTaggerTests.trainingDocuments().compactMap { document in
            (document.expected["kind"] as? String).flatMap(DocumentKind.init(rawValue:)).map { (document.text, $0) }
        }
        #expect(documents.count > 150)
        let trained = KindClassifier.trained(on: documents)
        let shipped = KindClassifier.shipped.weights
        let changed = Set(trained.weights.keys).union(shipped.keys).filter { trained.weights[$0] != shipped[$0] }
        #expect(shipped.count > 100)
        #expect(changed.count == 0, "\(changed.count) weights differ from a fresh training: run scripts/train-importer-models")
    }
}
