import Foundation
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
        let shipped = NameDecision.tagger(.shipped)
        let text = "Journalist Aigul Bekova was arrested on 3 May. President Sadyr Japarov said the case was closed."
        #expect(NameFinder.people(in: text, decision: shipped) == ["Aigul Bekova"])
        #expect(
            NameFinder.people(
                in: "Seit Dezember sitzen Khayala Agayeva, Aytaj Ahmadova, Aynur Ganbarova und Natig Javadli in Haft.", decision: shipped)
                == ["Khayala Agayeva", "Aytaj Ahmadova", "Aynur Ganbarova", "Natig Javadli"])
        #expect(NameFinder.people(in: "Le défenseur M. Jean-Paul Abdi Noël a été arrêté.", decision: shipped) == ["Jean-Paul Abdi Noël"])
        #expect(NameFinder.people(in: "President Juan Orlando Hernández met Juan Orlando Hernández supporters.", decision: shipped).isEmpty)
    }

    @Test func namesGoingByAnotherNameOrBeginningWithAnAynAreReadWhole() {
        let text = "Reza (Gholamreza) Rasaei, Mostafa “Moz” Azimitabar and 'Abdulhadi al-Khawaja were sentenced in 2023."
        #expect(
            NameFinder.people(in: text, decision: .rules) == [
                "Reza (Gholamreza) Rasaei", "Mostafa “Moz” Azimitabar", "'Abdulhadi al-Khawaja",
            ])
        #expect(
            NameFinder.people(in: "Mohammad 'Ali Ridha Isma’il, a teacher, was arrested.", decision: .rules) == [
                "Mohammad 'Ali Ridha Isma’il"
            ])
    }

    @Test func aMiddleInitialIsInTheNameAndAWordRunIntoANameGivenElsewhereIsNot() {
        #expect(NameFinder.people(in: "Journalist Trevor D. Traina was arrested.", decision: .rules) == ["Trevor D. Traina"])
        let text = "Nassima al-Sada wurde festgenommen. Außer Nassima al-Sada sind zwei Frauen in Haft."
        #expect(NameFinder.mentions(in: text).map(\.name) == ["Nassima al-Sada", "Nassima al-Sada"])
        #expect(NameFinder.people(in: "Several Iranian journalists, a reporter, were held.", decision: .rules).isEmpty)
    }

    @Test func aCandidateWhoseWordTheTextWritesInLowerCaseIsMarkedSo() throws {
        let mentions = NameFinder.mentions(in: "Executions Not Resumed. The executions of Jane Doe were not resumed.")
        let heading = try #require(mentions.first { $0.name == "Executions Not Resumed" })
        let person = try #require(mentions.first { $0.name == "Jane Doe" })
        #expect(heading.features.contains("lower-case-elsewhere"))
        #expect(!person.features.contains("lower-case-elsewhere"))
        #expect(heading.features.contains("first-ending=ons"))
    }

    /// Changing the corpus, the features or the texts searched changes the model: `scripts/train-importer-models` must
    /// then be run again, or this fails.
    @Test func theShippedModelIsTheOneTheFixturesAndTheTuningSetTrain() throws {
        let documents = try Self.trainingDocuments().map { ($0.text, $0.expected["people"] as? [String] ?? []) }
        #expect(documents.count > 130)
        let trained = NameTagger.trained(on: documents)
        let changed = Set(trained.weights.keys).union(NameTagger.shipped.weights.keys).filter {
            trained.weights[$0] != NameTagger.shipped.weights[$0]
        }
        #expect(changed.count == 0, "\(changed.count) weights differ from a fresh training: run scripts/train-importer-models")
    }

    /// The texts the shipped models are trained on, the tuned fixtures and the corpus's tuning set, each with its
    /// expectation.
    static func trainingDocuments() throws -> [(text: String, expected: [String: Any])] {
        var documents: [(text: String, expected: [String: Any])] = []
        for folder in [ImporterFixtureTests.folder, ImporterCorpusTests.folder.appendingPathComponent("tuning")] {
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
            for name in names {
                let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                let expectation = folder.appendingPathComponent(String(name.dropLast(4)) + ".expected.json")
                let json = try JSONSerialization.jsonObject(with: Data(contentsOf: expectation)) as? [String: Any]
                documents.append((text, json ?? [:]))
            }
        }
        return documents
    }

    @Test func aCandidateCountsAsTheExpectedPersonWhenItIsTheNameOrAPartOrASpellingOfIt() {
        #expect(NameFinder.names("Patrick Zaki", oneOf: ["Patrick George Zaki"]))
        #expect(NameFinder.names("Alaa Abdel Fatah", oneOf: ["Alaa Abdel Fattah"]))
        #expect(!NameFinder.names("Direktor Ulvi Hasanli", oneOf: ["Ulvi Hasanli"]))
        #expect(!NameFinder.names("Sadyr Japarov", oneOf: ["Aigul Bekova"]))
    }
}
