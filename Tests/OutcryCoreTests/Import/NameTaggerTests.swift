import Testing

@testable import OutcryCore

@Suite struct NameTaggerTests {
    @Test func thePerceptronLearnsWhatTheExamplesShowAndTheSameModelEachTime() {
        // A name after "journalist" is someone at risk, one after "minister" is not, whatever the other words.
        var examples: [AveragedPerceptron.Example] = []
        for word in ["north", "south", "east", "west", "centre"] {
            examples.append(.init(features: ["bias", "before1=journalist", "after1=\(word)"], isPositive: true))
            examples.append(.init(features: ["bias", "before1=minister", "after1=\(word)"], isPositive: false))
        }
        let weights = AveragedPerceptron().train(examples)
        let tagger = NameTagger(weights: weights)
        #expect(tagger.score(["bias", "before1=journalist", "after1=unseen"]) > 0)
        #expect(tagger.score(["bias", "before1=minister", "after1=unseen"]) < 0)
        #expect(AveragedPerceptron().train(examples) == weights)
    }

    @Test func aModelReadsBackFromTheTableItWrites() {
        let tagger = NameTagger(weights: ["bias": -1.5, "before1=journalist": 2.25, "gap-before=,": 0.001])
        #expect(NameTagger(table: tagger.table).weights == tagger.weights)
        #expect(NameTagger(table: "broken line\nbias\tnot a number\nrole\t1.5").weights == ["role": 1.5])
    }

    @Test func theShippedModelIsReadAndJudgesTheAccountsOwnCues() {
        #expect(NameTagger.shipped.weights.count > 100)
        let text = "Journalist Aigul Bekova was arrested on 3 May. President Sadyr Japarov said the case was closed."
        #expect(NameFinder.people(in: text, decision: .tagger(.shipped)) == ["Aigul Bekova"])
    }

    @Test func aCandidateCountsAsTheExpectedPersonWhenItIsTheNameOrAPartOrASpellingOfIt() {
        #expect(NameFinder.names("Patrick Zaki", oneOf: ["Patrick George Zaki"]))
        #expect(NameFinder.names("Alaa Abdel Fatah", oneOf: ["Alaa Abdel Fattah"]))
        #expect(!NameFinder.names("Direktor Ulvi Hasanli", oneOf: ["Ulvi Hasanli"]))
        #expect(!NameFinder.names("Sadyr Japarov", oneOf: ["Aigul Bekova"]))
    }
}
