import Foundation
import Testing

@testable import OutcryCore

@Suite struct TitleModelTests {
    @Test func aRankingPerceptronLearnsWhichCandidateIsRightAndWhenNoneIs() {
        // The right candidate is the one after the marker; a document whose lines all look like chrome has none.
        var examples: [RankingPerceptron.Example] = []
        for round in 0..<12 {
            examples.append(.init(candidates: [["bias", "first"], ["bias", "after-marker"], ["bias", "long"]], answer: 1))
            examples.append(.init(candidates: [["bias", "chrome"], ["bias", "chrome", "long"]], answer: nil))
            if round.isMultiple(of: 3) { examples.append(.init(candidates: [["bias", "after-marker", "long"], ["bias"]], answer: 0)) }
        }
        let model = TitleModel(weights: RankingPerceptron().train(examples))
        func choice(_ candidates: [[String]]) -> Int? {
            let lines = candidates.indices.map { TitleModel.Candidate(line: $0, headline: .missing, features: candidates[$0]) }
            return model.choose(lines)?.line
        }
        #expect(choice([["bias", "long"], ["bias", "after-marker"]]) == 1)
        #expect(choice([["bias", "chrome"], ["bias", "chrome"]]) == nil)
        // The same examples give the same weights.
        #expect(RankingPerceptron().train(examples) == model.weights)
    }

    @Test func theRulesHeadlineGivesWayOnlyToOneThatScoresHigher() {
        let model = TitleModel(weights: ["good": 2, "poor": -1])
        let candidates = [
            TitleModel.Candidate(line: 0, headline: .missing, features: ["poor"], isRulePick: true),
            TitleModel.Candidate(line: 4, headline: .missing, features: ["good"]),
        ]
        #expect(model.choose(candidates)?.line == 4)
        // The rules' choice is never dropped for none, and a model with nothing to say keeps it.
        #expect(model.choose([candidates[0]])?.line == 0)
        #expect(TitleModel(weights: [:]).choose(candidates)?.line == 0)
        let noRulePick = candidates.map { TitleModel.Candidate(line: $0.line, headline: $0.headline, features: $0.features) }
        #expect(TitleModel(weights: [:]).choose(noRulePick) == nil)
    }

    @Test func aHeadlineIsComparedWithoutItsMarkerAndNumber() {
        #expect(TitleModel.isHeadline("Risk of Forced Eviction", expected: "UA 229/10 Risk of Forced Eviction"))
        #expect(TitleModel.isHeadline("Legal concern", expected: "Further information on UA 97/10 (28 April 2010) – Legal concern"))
        #expect(TitleModel.isHeadline("Arbitrary detention of  five activists", expected: "Arbitrary detention…"))
        #expect(!TitleModel.isHeadline("Arbitrary detention", expected: "Fear for safety"))
    }

    /// Changing the corpus, the features or the rules the model reads changes it: `scripts/train-importer-models` must
    /// then be run again, or this fails.
    @Test func theShippedModelIsTheOneTheFixturesAndTheTuningSetTrain() throws {
        let documents = try NameTaggerTests.trainingDocuments().compactMap { document -> (text: String, headline: String?)? in
            if let headline = document.expected["title"] as? String { return (document.text, headline) }
            return (document.expected["missing"] as? [String] ?? []).contains("title") ? (document.text, nil) : nil
        }
        #expect(documents.count > 200)
        let trained = TitleModel.trained(on: documents)
        let shipped = TitleModel.shipped.weights
        let changed = Set(trained.weights.keys).union(shipped.keys).filter { trained.weights[$0] != shipped[$0] }
        #expect(shipped.count > 40)
        #expect(changed.count == 0, "\(changed.count) weights differ from a fresh training: run scripts/train-importer-models")
    }
}
