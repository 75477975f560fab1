/// Trains a linear model on examples labelled yes or no: the averaged perceptron (Freund and Schapire, 1999;
/// Collins, 2002). Each mistake moves the weights of the example's features towards its label; the model returned
/// is the average of the weights after every example, which generalises better than the last weights.
/// Deterministic: the examples are sampled and shuffled by a seeded generator, so one corpus always gives one model.
struct AveragedPerceptron {
    struct Example {
        let features: [String]
        let isPositive: Bool
    }

    var epochs = 10
    var seed: UInt64 = 0x5EED
    /// Models trained on as many bootstrap samples (each shuffled) and averaged: one shuffle's model moved its
    /// cross-validated F1 by up to 0.05 from another's, which made features impossible to compare. With 16 bags, three
    /// seeds gave 0.80–0.81 cross-validated and 0.80 held-out each.
    var bags = 16

    /// Features seen in fewer examples are left out: a word beside one name in one text says little of the next text.
    /// Chosen on cross-validation (F1 0.76 with every feature, 0.76 from two examples, 0.79 from three, 0.75 from five).
    var minimumCount = 3

    func train(_ examples: [Example]) -> [String: Double] {
        let counts = PerceptronTraining.counts(examples.map(\.features))
        let examples = examples.map { example in
            Example(features: example.features.filter { counts[$0, default: 0] >= minimumCount }, isPositive: example.isPositive)
        }
        return PerceptronTraining.bagged(bags: bags, seed: seed, count: examples.count) { order, generator in
            var weights = AveragingWeights()
            for _ in 0..<epochs {
                order.shuffle(using: &generator)
                for index in order {
                    let example = examples[index]
                    let label = example.isPositive ? 1.0 : -1.0
                    if weights.score(example.features) * label <= 0 { weights.add(example.features, label) }
                    weights.tick()
                }
            }
            return weights.averaged
        }
    }
}

/// Trains a linear model that picks one of a few candidates, or none of them: a candidate is picked when it scores
/// highest and above zero (Collins's structured perceptron, averaged and bagged as `AveragedPerceptron` is). Each
/// wrong pick moves the weights towards the right candidate's features and away from the picked one's.
struct RankingPerceptron {
    struct Example {
        /// Each candidate's features.
        let candidates: [[String]]
        /// Which candidate is right; nil when none is.
        let answer: Int?
    }

    var epochs = 10
    var seed: UInt64 = 0x5EED
    var bags = 16
    var minimumCount = 3

    /// The candidate `score` picks among `count`: the highest scoring, when above zero.
    static func pick(count: Int, score: (Int) -> Double) -> Int? {
        var best: (index: Int, score: Double)?
        for index in 0..<count {
            let value = score(index)
            if value > 0, value > best?.score ?? 0 { best = (index, value) }
        }
        return best?.index
    }

    func train(_ examples: [Example]) -> [String: Double] {
        let counts = PerceptronTraining.counts(examples.flatMap(\.candidates))
        let examples = examples.map { example in
            Example(
                candidates: example.candidates.map { $0.filter { counts[$0, default: 0] >= minimumCount } }, answer: example.answer)
        }
        return PerceptronTraining.bagged(bags: bags, seed: seed, count: examples.count) { order, generator in
            var weights = AveragingWeights()
            for _ in 0..<epochs {
                order.shuffle(using: &generator)
                for index in order {
                    let example = examples[index]
                    let picked = Self.pick(count: example.candidates.count) { weights.score(example.candidates[$0]) }
                    if picked != example.answer {
                        if let answer = example.answer { weights.add(example.candidates[answer], 1) }
                        if let picked { weights.add(example.candidates[picked], -1) }
                    }
                    weights.tick()
                }
            }
            return weights.averaged
        }
    }
}

/// What both perceptrons train with.
private enum PerceptronTraining {
    /// In how many examples each feature is found (once per example).
    static func counts(_ examples: [[String]]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for example in examples {
            for feature in Set(example) { counts[feature, default: 0] += 1 }
        }
        return counts
    }

    /// The average of `bags` models, each trained by `run` on a bootstrap sample of the `count` examples (the
    /// sample's indices, which `run` shuffles with the generator): averaged, the runs vary less with the few examples
    /// a change of the texts moves. Rounded, so the shipped table is short and the same on every machine.
    static func bagged(
        bags: Int, seed: UInt64, count: Int, run: (inout [Int], inout SplitMix64) -> [String: Double]
    ) -> [String: Double] {
        var sum: [String: Double] = [:]
        for bag in 0..<UInt64(bags) {
            var generator = SplitMix64(seed: seed &+ bag)
            var order = (0..<count).map { _ in Int(generator.next() % UInt64(count)) }
            for (feature, weight) in run(&order, &generator) { sum[feature, default: 0] += weight }
        }
        var averaged: [String: Double] = [:]
        for (feature, weight) in sum {
            let rounded = (weight / Double(bags) * 1_000).rounded() / 1_000
            if rounded != 0 { averaged[feature] = rounded }
        }
        return averaged
    }
}

/// A perceptron's weights with their running average: each update is timed by the step it was made at, so the
/// average needs no pass over all weights per step.
private struct AveragingWeights {
    private var weights: [String: Double] = [:]
    private var timedUpdates: [String: Double] = [:]
    private var step = 1.0

    func score(_ features: [String]) -> Double { features.reduce(0) { $0 + (weights[$1] ?? 0) } }

    mutating func add(_ features: [String], _ amount: Double) {
        for feature in features {
            weights[feature, default: 0] += amount
            timedUpdates[feature, default: 0] += amount * step
        }
    }

    mutating func tick() { step += 1 }

    var averaged: [String: Double] {
        var averaged: [String: Double] = [:]
        for (feature, weight) in weights { averaged[feature] = weight - (timedUpdates[feature] ?? 0) / step }
        return averaged
    }
}

/// A linear model's weights as text, as the trainer writes them into the sources: lines of "feature<TAB>weight".
enum WeightTable {
    /// The weights `table` lists; lines it cannot read are skipped.
    static func weights(in table: String) -> [String: Double] {
        var weights: [String: Double] = [:]
        for line in table.split(separator: "\n") {
            guard let tab = line.lastIndex(of: "\t"), let weight = Double(line[line.index(after: tab)...]) else { continue }
            weights[String(line[..<tab])] = weight
        }
        return weights
    }

    /// The lines, sorted by feature so that a retrained model's changes read as a diff.
    static func table(of weights: [String: Double]) -> String {
        weights.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value)" }.joined(separator: "\n")
    }
}

/// How the importer decides which of the names a text gives are people at risk.
enum NameDecision: Sendable {
    /// Only the hand-written rules.
    case rules
    /// Only the learned model (which sees the rules' cues among its features).
    case tagger(NameTagger)
    /// A name either of them takes.
    case either(NameTagger)

    /// What the importer uses.
    static let shipped = NameDecision.tagger(.shipped)
}

/// A small, fast, seeded random number generator (Steele, Lea and Flood's SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
