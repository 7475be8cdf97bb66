import BundledFiles
import Foundation

/// An Indonesian stemmer of the Nazief–Adriani family: it strips particles (`-lah`), possessives
/// (`-nya`), derivational suffixes (`-kan`, `-an`, `-i`) and up to three prefixes (`di-`, `meN-`,
/// `peN-`, `ber-`, `ter-`, `per-`, `ke-`, `se-`, with their sound changes), and accepts a form
/// only when it is in the root-word list. A word with no such root is its own stem.
///
/// Compound roots written as two words (`tanda tangan`) are in the list joined (`tandatangan`),
/// so `menandatangani` and `ditandatangani` reach them; `compounds` says how they are written apart.
public struct Stemmer: Sendable {
    public let roots: Set<String>
    /// Joined compound root → its two words (`tandatangan` → `tanda`, `tangan`).
    public let compounds: [String: [String]]

    public init(roots: Set<String>, compounds: [[String]] = []) {
        var joined: [String: [String]] = [:]
        for parts in compounds where parts.count >= 2 { joined[parts.joined()] = parts }
        self.roots = roots.union(joined.keys)
        self.compounds = joined
    }

    /// The root-word list that ships with kabar, one word a line.
    public static let rootsFile = BundledFile(name: "roots.txt", purpose: "stemmer's root-word list", in: .module)

    /// The compound roots that ship with kabar, one a line, their words apart (`tanda tangan`).
    public static let compoundsFile = BundledFile(
        name: "compounds.txt", purpose: "stemmer's list of compound roots", in: .module)

    /// The files the stemmer ships with.
    public static var bundledFiles: [BundledFile] { [rootsFile, compoundsFile] }

    /// The lines of a word list, without `#` comments and blank lines; a list with no word is empty.
    public static func loadWords(_ file: BundledFile) -> Result<[String], BundledFile.Problem> {
        file.load(
            { data in
                data.split(separator: 0x0A).compactMap { line in
                    line.isEmpty || line.first == 0x23 ? nil : String(decoding: line, as: UTF8.self)
                }
            }, isEmpty: \.isEmpty)
    }

    private static let rootsLoad = loadWords(rootsFile)
    private static let compoundsLoad = loadWords(compoundsFile)

    /// The stemmer with kabar's bundled root-word list. Without the list (a broken installation,
    /// which the program reports from `loadProblems`) it changes nothing.
    public static let standard = Stemmer(
        roots: Set((try? rootsLoad.get()) ?? []),
        compounds: ((try? compoundsLoad.get()) ?? []).map { $0.split(separator: " ").map(String.init) })

    /// What is wrong with the stemmer's bundled files, each read (once) to find out.
    public static var loadProblems: [BundledFile.Problem] {
        [rootsLoad.problem, compoundsLoad.problem].compactMap { $0 }
    }

    /// The stem of one folded (lower-case) word.
    public func stem(_ word: String) -> String {
        guard word.utf8.count > 3, roots.contains(word) == false,
            word.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A })
        else { return word }
        // The longest root reached: `mencari` is `cari`, not an unrelated `car` one suffix further.
        var best: String?
        for candidate in candidates(of: word) where roots.contains(candidate) {
            if candidate.utf8.count > (best?.utf8.count ?? 0) { best = candidate }
        }
        return best ?? word
    }

    /// The forms `word` may have without its affixes, most stripped first, whether roots or not.
    func candidates(of word: String) -> [String] {
        var result: [String] = []
        var seen: Set<String> = []
        func add(_ form: String) {
            if form.utf8.count >= 3, seen.insert(form).inserted { result.append(form) }
        }
        // Suffixes in Nazief–Adriani order: particle, then possessive, then derivational.
        var bases: [(String, String?)] = [(word, nil)]
        var current = word
        for particle in ["lah", "kah", "tah", "pun"] where current.hasSuffix(particle) {
            current = String(current.dropLast(particle.count))
            bases.append((current, nil))
            break
        }
        for possessive in ["nya", "ku", "mu"] where current.hasSuffix(possessive) {
            current = String(current.dropLast(possessive.count))
            bases.append((current, nil))
            break
        }
        for suffix in ["kan", "an", "i"] where current.hasSuffix(suffix) {
            bases.append((String(current.dropLast(suffix.count)), suffix))
            if suffix == "kan" { bases.append((String(current.dropLast(2)), "an")) }
            break
        }
        // Each base on its own first, then with prefixes removed, most suffixes removed last.
        for (base, _) in bases.reversed() { add(base) }
        for (base, suffix) in bases.reversed() {
            for stripped in Self.withoutPrefixes(base, suffix: suffix, depth: 3) { add(stripped) }
        }
        result.removeAll { $0 == word }
        return result
    }

    /// Prefix combinations Nazief–Adriani forbids with a suffix.
    static let forbidden: [(prefix: String, suffix: String)] = [
        ("be", "i"), ("di", "an"), ("ke", "i"), ("ke", "kan"), ("me", "an"), ("se", "i"), ("se", "kan"), ("te", "an"),
    ]

    /// Every form reached by taking off one to `depth` prefixes, nearest first.
    static func withoutPrefixes(_ word: String, suffix: String?, depth: Int) -> [String] {
        guard depth > 0, word.utf8.count > 3 else { return [] }
        var found: [String] = []
        for (prefix, rest) in prefixSplits(word) {
            if let suffix, forbidden.contains(where: { prefix.hasPrefix($0.prefix) && $0.suffix == suffix }),
                depth == 3
            {
                continue
            }
            found.append(rest)
            found += withoutPrefixes(rest, suffix: nil, depth: depth - 1)
        }
        return found
    }

    static let vowels: Set<Character> = ["a", "e", "i", "o", "u"]

    /// The ways one prefix can come off `word`, with the sound it replaced put back.
    static func prefixSplits(_ word: String) -> [(String, String)] {
        var splits: [(String, String)] = []
        func after(_ count: Int) -> String { String(word.dropFirst(count)) }
        let characters = Array(word)
        func at(_ i: Int) -> Character? { i < characters.count ? characters[i] : nil }
        func isVowel(_ i: Int) -> Bool { at(i).map { vowels.contains($0) } ?? false }

        for plain in ["di", "ke", "se"] where word.hasPrefix(plain) { splits.append((plain, after(2))) }
        for (long, short) in [("ber", "be"), ("ter", "te"), ("per", "pe")] where word.hasPrefix(short) {
            if word.hasPrefix(long) {
                splits.append((long, after(3)))
                if isVowel(3) { splits.append((long, "r" + after(3))) }
            } else if at(2) == "r" || (at(3) == "e" && at(4) == "r") {
                // be-rasa, be-kerja: the r of the prefix merges into the word.
                splits.append((short, after(2)))
            }
            if long != "ter", word.hasPrefix(short + "l"), word.hasPrefix(short + "lajar") {
                splits.append((short + "l", after(3)))
            }
        }
        for nasal in ["me", "pe"] where word.hasPrefix(nasal) {
            let rest = after(2)
            if let c = at(2), "lrwymn".contains(c), !rest.hasPrefix("ng"), !rest.hasPrefix("ny") {
                splits.append((nasal, rest))
            }
            if word.hasPrefix(nasal + "m") {
                if let c = at(3), "bfv".contains(c) { splits.append((nasal + "m", after(3))) }
                if isVowel(3) {
                    splits.append((nasal + "m", "p" + after(3)))
                    splits.append((nasal + "m", "m" + after(3)))
                }
                if word.hasPrefix(nasal + "mper") { splits.append((nasal + "mper", after(6))) }
            }
            if word.hasPrefix(nasal + "n"), !word.hasPrefix(nasal + "ng"), !word.hasPrefix(nasal + "ny") {
                if let c = at(3), "cdjzst".contains(c) { splits.append((nasal + "n", after(3))) }
                if isVowel(3) {
                    splits.append((nasal + "n", "t" + after(3)))
                    splits.append((nasal + "n", "n" + after(3)))
                }
            }
            if word.hasPrefix(nasal + "ng") {
                if let c = at(4), "ghkq".contains(c) { splits.append((nasal + "ng", after(4))) }
                if isVowel(4) {
                    splits.append((nasal + "ng", after(4)))
                    splits.append((nasal + "ng", "k" + after(4)))
                }
                if word.hasPrefix(nasal + "nge") { splits.append((nasal + "nge", after(5))) }
            }
            if word.hasPrefix(nasal + "ny"), isVowel(4) {
                splits.append((nasal + "ny", "s" + after(4)))
                splits.append((nasal + "ny", "ny" + after(4)))
            }
        }
        return splits.filter { $0.1.utf8.count >= 2 }
    }
}
