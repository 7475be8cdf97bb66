/// Builds the stemmer's root-word list from word counts of plain Indonesian text.
///
/// A word is a root unless it is an affixed form of another word of the text: one the stemmer's
/// affix rules reach from it, that is itself seen at least `minimumCount` times, has at least two
/// affixed forms in the text, more than the word has, and is not twenty times rarer than the word.
public enum RootList {
    public static func derive(counts: [String: Int], compounds: [[String]] = [], minimumCount: Int = 2) -> [String] {
        let joined = Set(compounds.map { $0.joined() })
        let vocabulary = Set(
            counts.filter { $0.value >= minimumCount && $0.key.utf8.count >= 2 && isPlainWord($0.key) }.keys
        ).union(joined)
        let splitter = Stemmer(roots: [])
        var candidates: [String: [String]] = [:]
        var family: [String: Int] = [:]
        for word in joined { family[word] = Int.max / 2 }
        for word in vocabulary {
            let bases = splitter.candidates(of: word).filter { vocabulary.contains($0) }
            candidates[word] = bases
            // A form counts for its nearest base only: `tangannya` for `tangan`, not also for `tang`.
            if let nearest = bases.max(by: { $0.utf8.count < $1.utf8.count }) { family[nearest, default: 0] += 1 }
        }
        var roots: [String] = []
        for word in vocabulary {
            let own = family[word] ?? 0
            let derived = (candidates[word] ?? []).contains { base in
                let size = family[base] ?? 0
                let baseCount = counts[base] ?? (joined.contains(base) ? Int.max / 64 : 0)
                return base.utf8.count >= 3 && size >= 2 && size > own && baseCount * 20 >= (counts[word] ?? 0)
            }
            if !derived { roots.append(word) }
        }
        return roots.sorted()
    }

    /// Lower-case letters a–z only.
    public static func isPlainWord(_ word: String) -> Bool {
        word.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
    }
}
